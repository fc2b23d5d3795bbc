import type { Choice } from '../../shared/types.js';
import type { FlowContext } from '../types.js';

export const NIVEAU_CHOICES: Choice[] = [
  { label: 'Collège', value: 'college' },
  { label: 'Lycée', value: 'lycee' },
];

export const YES_NO: Choice[] = [
  { label: 'Oui', value: 'oui' },
  { label: 'Non', value: 'non' },
];

/** The person's niveau, from the flow's answer or the profile. */
export const niveauOf = (ctx: FlowContext) => (ctx.slots.niveau || ctx.niveau) as 'college' | 'lycee' | undefined;

/** Labels of the chosen values of a multiple-choice slot. */
export function labelsOf(value: string | undefined, choices: Choice[]): string[] {
  if (!value) return [];
  return value.split(' ; ').map((v) => choices.find((c) => c.value === v)?.label ?? v);
}
