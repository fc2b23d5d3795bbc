import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

/** A `batch` process on `url`, kept running; `ask` waits for the answer line. */
function running(url: string) {
  const proc = spawn('node', ['--import', 'tsx', 'src/cli/batch.ts', '--store', url], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: ((l: string) => void)[] = [];
  readline.createInterface({ input: proc.stdout }).on('line', (l) => waiting.shift()?.(l));
  const ask = (o: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('pas de réponse de batch')), 20000);
      waiting.push((l) => {
        clearTimeout(t);
        resolve(JSON.parse(l));
      });
      proc.stdin.write(JSON.stringify(o) + '\n');
    });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, ask, exited };
}

const once = (url: string, lines: object[]) =>
  spawnSync('node', ['--import', 'tsx', 'src/cli/batch.ts', '--store', url], {
    cwd: root,
    env,
    input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    encoding: 'utf8',
    timeout: 30000,
  });

describe('two processes on one SQLite file', () => {
  it('the second is refused in French while the first runs, and nothing of the first is lost', async () => {
    const url = `sqlite://${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-2p-')), 'rupn.sqlite')}`;
    const first = running(url);
    await first.ask({ user: 'u', text: 'organiser un café numérique' });
    await first.ask({ user: 'u', text: 'Les capsules vidéo' });

    const second = once(url, [{ user: 'u', profile: { niveau: 'lycee' }, text: 'bonjour' }]);
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/RUPN_STORE : le fichier de données « .*rupn\.sqlite » est déjà utilisé par un autre processus/);
    expect(second.stderr).not.toMatch(/\n\s+at /); // no stack

    // the first goes on with its flow, untouched by the second
    const step = await first.ask({ user: 'u', text: 'mardi 9 mars 2027' });
    expect(step.reply).not.toMatch(/pas reconnu/);
    first.proc.stdin.end();
    expect(await first.exited).toBe(0);

    // once the first is gone, the file is free and the flow is there
    const after = once(url, [{ user: 'u', text: 'mes données' }]);
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout).reply).toMatch(/Démarche en cours : .*café/i);
  }, 60000);

  it('a process killed with -9 does not keep the file locked', async () => {
    const url = `sqlite://${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-2p-')), 'rupn.sqlite')}`;
    const first = running(url);
    await first.ask({ user: 'u', text: 'je suis RUPN en lycée' });
    first.proc.kill('SIGKILL');
    await first.exited;
    const next = once(url, [{ user: 'u', text: 'mes données' }]);
    expect(next.status).toBe(0);
    expect(JSON.parse(next.stdout).reply).toMatch(/lycée/);
  }, 60000);
});
