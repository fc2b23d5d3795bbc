import { fold } from '../nlu/normalize.js';

/** « de » before a name, elided before a vowel: « d’OSÉ », « de Lycée connecté ». */
export function de(name: string): string {
  return /^[aeiouy]/.test(fold(name)) ? `d’${name}` : `de ${name}`;
}
