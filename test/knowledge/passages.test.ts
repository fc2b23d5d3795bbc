import { describe, expect, it } from 'vitest';
import { leadPassage, passagesOf } from '../../src/knowledge/passages.js';
import type { OutgoingMessage } from '../../src/shared/types.js';

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 3);
const terms = { termsOf: words, weight: () => 1, knows: (t: string) => t !== 'gmail' };

const page: OutgoingMessage = {
  blocks: [
    { type: 'heading', text: 'La commission numérique' },
    {
      type: 'paragraph',
      text: 'La mise en place d’une commission numérique est vivement préconisée. Elle assiste la direction dans le pilotage du numérique de l’établissement, avec le RUPN qui en est membre de droit.',
    },
    { type: 'paragraph', text: 'Voici des membres pouvant la composer :' },
    {
      type: 'list',
      items: [
        'le chef d’établissement et la direction',
        'un membre de la vie scolaire',
        'éventuellement des parents et des élèves élus au conseil',
      ],
    },
  ],
};

describe('the sentence that answers, first', () => {
  it('keeps the line that introduces a list with each item', () => {
    expect(passagesOf(page.blocks.slice(1))).toContain(
      'Voici des membres pouvant la composer : … éventuellement des parents et des élèves élus au conseil',
    );
  });

  it('finds the item that answers a question on one fact of the page', () => {
    expect(leadPassage(page, 'La commission numérique', ['parents', 'membres'], terms)).toMatch(/parents et des élèves/);
  });

  it('gives nothing when several sentences answer as well', () => {
    expect(leadPassage(page, 'La commission numérique', ['membres'], terms)).toBeUndefined();
  });

  it('gives nothing when the question only names the page', () => {
    expect(leadPassage(page, 'La commission numérique', ['commission', 'numerique'], terms)).toBeUndefined();
  });

  it('gives nothing when the answering sentence is already at the top', () => {
    expect(leadPassage(page, 'La commission numérique', ['preconisee', 'vivement'], terms)).toBeUndefined();
  });

  it('ignores words the pack never uses', () => {
    expect(leadPassage(page, 'La commission numérique', ['gmail'], terms)).toBeUndefined();
  });
});
