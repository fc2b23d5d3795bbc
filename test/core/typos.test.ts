import { describe, expect, it } from 'vitest';
import { fixTypos } from '../../src/core/handlers/typos.js';

describe('the privacy and courtesy words, spelt right', () => {
  it.each([
    ['suprime mes donees', 'supprime mes donnees'],
    ['efface mes donnees', 'efface mes donnees'],
    ['tu garde mes donne', 'tu garde mes donnees'],
    ['desabone moi', 'desabonne moi'],
    ['arete les rapels', 'arrete les rappels'],
    ['aurevoir', 'au revoir'],
    ['tu conserv mes messag', 'tu conserve mes message'],
  ])('« %s » reads « %s »', (typed, read) => {
    expect(fixTypos(typed)).toBe(read);
  });

  it.each([
    'je donne le lien de la console gar',
    'la conservation des copies',
    'les personnels de la vie scolaire',
    'la messagerie academique',
    'comment noter les eleves',
  ])('« %s », spelt right or not its business, is left as it is', (text) => {
    expect(fixTypos(text)).toBe(text);
  });
});
