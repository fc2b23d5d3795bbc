import fs from 'node:fs';
import path from 'node:path';
import type { Niveau } from '../shared/types.js';
import { addDays } from './time.js';

/** One news item of the digest, from the pack's `actus/` folder or the feed. */
export interface NewsItem {
  date: string;
  title: string;
  summary?: string;
  link?: string;
  niveau?: Niveau;
}

const FILE = /^(\d{4}-\d{2}-\d{2})-[\w-]+\.md$/;

/** Reads `actus/AAAA-MM-JJ-*.md`: `# title`, first paragraph, first https link, optional « Public : collège ». */
export function readNewsFiles(packDir: string): NewsItem[] {
  const dir = path.join(packDir, 'actus');
  if (!fs.existsSync(dir)) return [];
  const out: NewsItem[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const m = FILE.exec(name);
    if (!m) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
    if (!title) continue;
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith('#') && !/^public\s*:/i.test(p) && !/^https?:\/\/\S+$/.test(p));
    const pub = /^public\s*:\s*(coll[eè]ge|lyc[eé]e)/im.exec(text)?.[1];
    out.push({
      date: m[1],
      title,
      summary: paragraphs[0]?.replace(/\s+/g, ' '),
      link: /https:\/\/[^\s)>\]]+/.exec(text)?.[0],
      niveau: pub ? (pub.startsWith('coll') ? 'college' : 'lycee') : undefined,
    });
  }
  return out;
}

/** The items a digest sent on `date` shows: published in the two weeks before it, for its niveau, newest first. */
export function recentNews(items: NewsItem[], date: string, niveau: Niveau, max = 3): NewsItem[] {
  const since = addDays(date, -14);
  return items
    .filter((n) => n.date > since && n.date <= date && (!n.niveau || n.niveau === niveau))
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, max);
}
