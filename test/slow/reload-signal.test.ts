import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const MARK = 'Zorblax';

describe('kill -HUP on a running console', () => {
  it('reloads a good pack between turns, refuses a broken one and keeps answering', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-hup-'));
    const dir = path.join(tmp, 'pack');
    fs.cpSync(path.join(root, 'knowledge', 'bordeaux'), dir, { recursive: true });
    // run from the temporary folder: the knowledge cache goes to its `data/`, not the project's
    const proc = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(root, 'src', 'cli', 'start.ts')], {
      cwd: tmp,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, RUPN_STORE: 'memory', RUPN_KNOWLEDGE_DIR: dir, RUPN_SCHEDULER: 'off' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    const until = async (done: () => boolean, what: string, ms = 60000) => {
      for (const deadline = Date.now() + ms; !done(); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() > deadline || proc.exitCode !== null)
          throw new Error(`${what} : pas vu (sortie : ${out.slice(-300)} ${err.slice(-300)})`);
      }
    };
    /** Asks until the reply (the new output since the question) passes `test`. */
    const askUntil = async (test: (reply: string) => boolean, what: string) => {
      for (const deadline = Date.now() + 60000; ; ) {
        const from = out.length;
        proc.stdin.write('comment joindre le DPD ?\n');
        await until(() => out.slice(from).includes('dpd@ac-bordeaux.fr'), what);
        if (test(out.slice(from))) return;
        if (Date.now() > deadline) throw new Error(`${what} : réponse inchangée`);
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    try {
      await until(() => /posez votre question/.test(out), 'accueil');
      await askUntil((r) => !r.includes(MARK), 'première réponse');

      const file = path.join(dir, 'entries', 'dpd.yaml');
      const good = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, good.replace(/^answer: \|\n/m, `answer: |\n  Nouveau : passez par le formulaire ${MARK}.\n`));
      proc.kill('SIGHUP');
      await askUntil((r) => r.includes(MARK), 'réponse rechargée');

      fs.writeFileSync(file, good.replace('related: [rgpd]', 'related: [rgpd\ntitle: [pas fermé'));
      proc.kill('SIGHUP');
      await until(() => err.includes('knowledge.reload_refused'), 'refus dans le journal');
      expect(err).toMatch(/entries\/dpd\.yaml:\d+: /);
      await askUntil((r) => r.includes(MARK), 'réponse précédente gardée');

      proc.stdin.write('quitter\n');
      expect(await exited).toBe(0);
    } finally {
      proc.kill();
    }
  }, 240000);
});
