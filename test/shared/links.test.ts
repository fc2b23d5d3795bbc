import { describe, expect, it } from 'vitest';
import { mapLinks, splitLinks } from '../../src/index.js';

const urls = (text: string) =>
  splitLinks(text)
    .filter((s) => s.kind === 'url')
    .map((s) => s.text);

describe('bare links in the bot’s text', () => {
  it('splits text and URLs, and joins back to the same text', () => {
    const text = 'Voir https://dane.ac-bordeaux.fr/dane/ et http://a.fr?x=1&y=2, puis rien.';
    expect(splitLinks(text)).toEqual([
      { kind: 'text', text: 'Voir ' },
      { kind: 'url', text: 'https://dane.ac-bordeaux.fr/dane/' },
      { kind: 'text', text: ' et ' },
      { kind: 'url', text: 'http://a.fr?x=1&y=2' },
      { kind: 'text', text: ', puis rien.' },
    ]);
    expect(
      splitLinks(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
    expect(splitLinks('pas de lien')).toEqual([{ kind: 'text', text: 'pas de lien' }]);
    expect(splitLinks('')).toEqual([]);
  });

  it('leaves the sentence’s closing punctuation out of the URL', () => {
    for (const tail of ['.', ',', ';', ':', '!', '?', ')', ']', '»', '"', "'", '’', ').', ' !']) {
      expect(urls(`(voir https://a.fr/x${tail}`), `tail ${tail}`).toEqual(['https://a.fr/x']);
    }
    expect(urls('« https://a.fr/page.html »')).toEqual(['https://a.fr/page.html']);
    expect(urls('https://a.fr/?q=1.2')).toEqual(['https://a.fr/?q=1.2']);
  });

  it('ends a URL at a space, a quote, an angle bracket or a pipe', () => {
    expect(urls('https://a.fr/<b> https://b.fr|clic https://c.fr/x"y')).toEqual(['https://a.fr/', 'https://b.fr', 'https://c.fr/x']);
  });

  it('links only http(s) URLs that start a word', () => {
    expect(urls('javascript:alert(1) ftp://a.fr xhttps://a.fr https:// fin')).toEqual([]);
    expect(urls('HTTPS://A.FR')).toEqual([]);
  });

  it('draws each segment with the renderer’s own escaping', () => {
    expect(
      mapLinks(
        'a<b https://a.fr/?x=1&y=2.',
        (s) => s.replace(/</g, '&lt;'),
        (u) => `[${u}]`,
      ),
    ).toBe('a&lt;b [https://a.fr/?x=1&y=2].');
  });
});
