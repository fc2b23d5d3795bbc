import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { T } from '../../src/core/texts.js';
import { replyText } from '../../src/shared/text.js';
import { openStore, StoreError } from '../../src/state/store.js';
import { play } from '../helpers/assistant.js';
import { hasRedis, startRedis } from '../helpers/redis.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-fault-'));
/** `chattr +i` makes a file read-only even for root (chmod does not); only root may set it. */
const canFreeze = process.getuid?.() === 0 && spawnSync('chattr', ['--version']).status !== null;
const frozen: string[] = [];
const freeze = (...files: string[]) => {
  execFileSync('chattr', ['+i', ...files]);
  frozen.push(...files);
};
afterAll(() => {
  if (frozen.length) spawnSync('chattr', ['-i', ...frozen]);
});

describe.runIf(hasRedis)('Redis killed and restarted mid-run', () => {
  it('answers while it is down (saying nothing is remembered), then remembers again once it is back', async () => {
    const redis = await startRedis();
    const store = await openStore(redis.url, { timeoutMs: 300 });
    const a = createAssistant(store);
    const who = { platform: 'test', workspace: 'w', user: 'coupure' };
    try {
      await play(a, 'user> je suis RUPN dans un lycée des Landes\nbot> C’est noté', who);
      await redis.kill();
      for (let i = 0; i < 3; i++) {
        const t0 = Date.now();
        const [r] = await play(a, 'user> qui est le coordonnateur des Landes ?\nbot> LOCHET', who);
        expect(replyText(r)).toContain(T.storeDown);
        expect(Date.now() - t0).toBeLessThan(1500);
      }
      const again = await startRedis(redis.port);
      try {
        // the client reconnects by itself; the store is tried again after its backoff
        let remembered = false;
        for (const deadline = Date.now() + 15000; !remembered && Date.now() < deadline; ) {
          const [r] = await play(a, 'user> je suis RUPN dans un collège de Gironde', who);
          remembered = !replyText(r).includes(T.storeDown);
          if (!remembered) await new Promise((r) => setTimeout(r, 250));
        }
        expect(remembered).toBe(true);
        await play(a, 'user> mes données\nbot> collège, Gironde', who);
      } finally {
        await store.close();
        await again.stop();
      }
    } finally {
      await redis.stop().catch(() => {});
    }
  }, 60000);
});

describe.runIf(canFreeze)('the SQLite file made read-only', () => {
  it('while running: answers go on, with a word that nothing is remembered', async () => {
    const file = path.join(tmp(), 'rupn.sqlite');
    const store = await openStore(`sqlite://${file}`, { timeoutMs: 500 });
    const a = createAssistant(store);
    const who = { platform: 'test', workspace: 'w', user: 'lecture-seule' };
    await play(a, 'user> je suis RUPN dans un lycée des Landes', who);
    freeze(file, `${file}-wal`);
    const [r] = await play(a, 'user> qui est mon coordo ?\nbot> LOCHET', who);
    expect(replyText(r)).toContain(T.storeDown);
    await store.close();
  });

  it('at start: refused in French, naming RUPN_STORE', async () => {
    const file = path.join(tmp(), 'rupn.sqlite');
    await (await openStore(`sqlite://${file}`)).close();
    freeze(file);
    const err = await openStore(`sqlite://${file}`).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/^RUPN_STORE : impossible d’ouvrir le fichier de données .* \(le fichier est en lecture seule\)/);
  });
});

describe('a broken knowledge file at start', () => {
  it('is refused with file:line, in French, exit 1', () => {
    const dir = path.join(tmp(), 'pack');
    fs.cpSync(path.join(root, 'knowledge', 'bordeaux'), dir, { recursive: true });
    const file = fs.readdirSync(path.join(dir, 'entries')).find((f) => f.endsWith('.yaml'))!;
    fs.appendFileSync(path.join(dir, 'entries', file), '\n  - id: [pas fermé\n');
    const out = spawnSync('node', ['--import', 'tsx', 'src/cli/start.ts'], {
      cwd: root,
      input: '',
      encoding: 'utf8',
      timeout: 30000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, RUPN_STORE: 'memory', RUPN_KNOWLEDGE_DIR: dir },
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(
      new RegExp(
        `^Démarrage impossible\\. RUPN_KNOWLEDGE_DIR : les connaissances n’ont pas pu être chargées :\\n.*${file.replace('.', '\\.')}:\\d+: `,
      ),
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
