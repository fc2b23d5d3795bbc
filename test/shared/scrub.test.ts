import { expect, it } from 'vitest';
import { scrub } from '../../src/shared/scrub.js';

it('replaces addresses, phone numbers, links, UAI codes, mentions and numbers by placeholders', () => {
  expect(scrub('écrivez à jean.dupont@ac-bordeaux.fr ou au 06 12 34 56 78 (+33 5.57.57.35.00)')).toBe(
    'écrivez à [courriel] ou au [téléphone] ([téléphone])',
  );
  expect(scrub('voir https://exemple.org/a?b=1 et www.site.fr, demander à @alice:matrix.org')).toBe(
    'voir [lien] et [lien] demander à [mention]',
  );
  expect(scrub('le collège 0331234A, 3 classes de 4e, le 12/03 à 14h30')).toBe('le collège [UAI], # classes de #e, le #/# à #h#');
});

it('replaces capitalised words inside a sentence unless the guide knows them', () => {
  const known = (w: string) => ['ENT', 'Pix', 'Gironde'].includes(w);
  expect(scrub('Est-ce que Marie Dupont du lycée Montaigne en Gironde a accès à Pix et à l’ENT ?', known)).toBe(
    'Est-ce que [nom] [nom] du lycée [nom] en Gironde a accès à Pix et à l’ENT ?',
  );
});

it('cuts a long text at a word, with an ellipsis', () => {
  const out = scrub('mot '.repeat(100), () => false, 50);
  expect(out.length).toBeLessThanOrEqual(51);
  expect(out).toMatch(/^mot( mot)+…$/);
});
