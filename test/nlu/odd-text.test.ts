import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/nlu/normalize.js';
import { ask, testAssistant } from '../helpers/assistant.js';

describe('odd text reaches the engine as the words a person sees', () => {
  it.each([
    ['control characters inside a word', 'bon\u0000jour', 'bonjour'],
    ['a control character in each word', 'qui est mon coor\u0007do\u001b ?', 'qui est mon coordo ?'],
    ['full-width letters (NFKC)', 'ｑｕｉ ｅｓｔ ｍｏｎ ｃｏｏｒｄｏ', 'qui est mon coordo'],
    ['a ligature', 'la conﬁguration du GAR', 'la configuration du GAR'],
    ['markdown link text', 'qui est mon [coordo](https://dane.ac-bordeaux.fr/dane/) ?', 'qui est mon coordo ?'],
    [
      'a markdown link whose address has parentheses',
      '[le GAR](https://fr.wikipedia.org/wiki/GAR_(éducation)) en lycée',
      'le GAR en lycée',
    ],
    ['a markdown image', '![capture](https://x.fr/a.png) vidéoprojecteur en panne', 'capture vidéoprojecteur en panne'],
  ])('%s', (_name, raw, seen) => {
    expect(cleanText(raw)).toBe(seen);
  });

  it.each([
    ['bon\u0000jour', 'bonjour'],
    ['ｑｕｉ ｅｓｔ ｍｏｎ ｃｏｏｒｄｏ ｐｏｕｒ ｌｅｓ Ｌａｎｄｅｓ', 'qui est mon coordo pour les Landes'],
    ['[coordonnateur](https://dane.ac-bordeaux.fr/dane/) des Landes', 'coordonnateur des Landes'],
  ])('the assistant answers %j as it answers %j', async (odd, plain) => {
    const a = testAssistant();
    const [x, y] = [await ask(a, odd), await ask(a, plain)];
    expect({ intent: x.intent, topic: x.topic, text: x.text }).toEqual({ intent: y.intent, topic: y.topic, text: y.text });
  });
});
