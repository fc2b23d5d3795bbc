import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { KB_VERSION, knowledgeCacheKey, loadKnowledgeCached } from '../../src/knowledge/loader.js';

const shipped = knowledgeDir({});
const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-cache-'));
  tmpDirs.push(dir);
  return dir;
}

/** A copy of the shipped pack at a new place, under the same folder name. */
function copyPack(): string {
  const dir = path.join(tmpDir(), path.basename(shipped));
  fs.cpSync(shipped, dir, { recursive: true });
  return dir;
}

/** Marks the one cache file so that a later load tells a hit (the mark) from a miss (the YAML). */
function markCache(cacheDir: string): void {
  const [file] = fs.readdirSync(cacheDir);
  const kb = JSON.parse(fs.readFileSync(path.join(cacheDir, file), 'utf8'));
  kb.academie.libelle = 'lu dans le cache';
  fs.writeFileSync(path.join(cacheDir, file), JSON.stringify(kb));
}

describe('the knowledge cache', () => {
  it('is read again while nothing changed, and missed once the loader version changes', () => {
    const cache = tmpDir();
    expect(loadKnowledgeCached(shipped, cache).academie.libelle).toBe('académie de Bordeaux');
    markCache(cache);
    expect(loadKnowledgeCached(shipped, cache).academie.libelle).toBe('lu dans le cache');
    expect(loadKnowledgeCached(shipped, cache, KB_VERSION + 1).academie.libelle).toBe('académie de Bordeaux');
    // the older version's file is replaced, not kept beside the new one
    expect(fs.readdirSync(cache)).toHaveLength(1);
  });

  it('is keyed by the files’ content and their paths within the pack, not where the pack lies', () => {
    const cache = tmpDir();
    const a = copyPack();
    const b = copyPack();
    expect(knowledgeCacheKey(a)).toBe(knowledgeCacheKey(b));
    loadKnowledgeCached(a, cache);
    markCache(cache);
    const moved = loadKnowledgeCached(b, cache);
    expect(moved.academie.libelle).toBe('lu dans le cache');
    expect(moved.dir).toBe(b);

    fs.appendFileSync(path.join(b, 'academie.yaml'), '\n# une ligne de plus\n');
    expect(knowledgeCacheKey(b)).not.toBe(knowledgeCacheKey(a));
    expect(loadKnowledgeCached(b, cache).academie.libelle).toBe('académie de Bordeaux');

    fs.renameSync(path.join(a, 'entries', 'charte.yaml'), path.join(a, 'entries', 'zz-charte.yaml'));
    expect(knowledgeCacheKey(a)).not.toBe(knowledgeCacheKey(copyPack()));
  });
});

describe('the knowledge folder', () => {
  it('is RUPN_KNOWLEDGE_DIR when set, else the one académie in knowledge/', () => {
    expect(knowledgeDir({ RUPN_KNOWLEDGE_DIR: 'test/fixtures/x' })).toBe(path.resolve('test/fixtures/x'));
    const packs = tmpDir();
    fs.mkdirSync(path.join(packs, 'nancy-metz'));
    fs.writeFileSync(path.join(packs, 'nancy-metz', 'academie.yaml'), 'id: nancy-metz\n');
    fs.mkdirSync(path.join(packs, 'brouillon'));
    expect(knowledgeDir({}, packs)).toBe(path.join(packs, 'nancy-metz'));
    fs.cpSync(path.join(packs, 'nancy-metz'), path.join(packs, 'lyon'), { recursive: true });
    expect(() => knowledgeDir({}, packs)).toThrow(/Plusieurs académies .*\(lyon, nancy-metz\) : indiquez laquelle avec RUPN_KNOWLEDGE_DIR/);
  });
});
