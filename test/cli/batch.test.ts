import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from '../helpers/flow-cases.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Drives `npm run -s batch` as the contract says: one line in, one line out, waiting for each answer. */
function batch() {
  const proc = spawn('npm', ['run', '-s', 'batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const waiting: ((l: string) => void)[] = [];
  readline.createInterface({ input: proc.stdout }).on('line', (l) => waiting.shift()?.(l));
  const send = (line: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('pas de réponse de batch')), 15000);
      waiting.push((l) => {
        clearTimeout(t);
        resolve(JSON.parse(l));
      });
      proc.stdin.write(line + '\n');
    });
  return { proc, send, ask: (o: object) => send(JSON.stringify(o)) };
}

describe('npm run -s batch', () => {
  let b: ReturnType<typeof batch>;
  beforeAll(() => {
    b = batch();
  });
  afterAll(() => {
    b.proc.stdin.end();
  });

  it('answers one JSON line per input line, with the contract fields', async () => {
    const out = await b.ask({ user: 'u1', profile: { departement: 'Landes', niveau: 'college' }, text: 'qui est mon coordonnateur ?' });
    expect(out).toMatchObject({ user: 'u1', intent: 'kb.answer', topic: 'coordonnateurs' });
    expect(out.reply).toContain('LOCHET');
    expect(typeof out.confidence).toBe('number');
    expect(out.ms as number).toBeGreaterThanOrEqual(0);
  });

  it('shares profile and pending questions between lines of the same user', async () => {
    const q = await b.ask({ user: 'u2', text: 'qui est mon coordonnateur ?' });
    expect(q.reply).toMatch(/1\. Dordogne \(24\)/);
    const a = await b.ask({ user: 'u2', text: 'gironde' });
    expect(a.reply).toContain('DELSAUX');
    const again = await b.ask({ user: 'u2', text: 'et mon coordo ?' });
    expect(again.reply).toContain('DELSAUX');
  });

  it('gets a fresh anonymous user when none is given', async () => {
    const out = await b.ask({ text: 'qui est mon coordonnateur ?' });
    expect(out.user).toBeNull();
    expect(out.intent).toBe('kb.clarify');
  });

  it('answers a malformed line with an error line and goes on', async () => {
    expect((await b.send('{pas du json')).error).toMatch(/JSON invalide/);
    expect((await b.send('{"text": 42}')).error).toMatch(/text/);
    const after = await b.ask({ user: 'u3', text: 'Salut !' });
    expect(after.intent).toBe('smalltalk.hello');
  });

  it('takes empty and huge texts', async () => {
    expect((await b.ask({ user: 'u4', text: '' })).intent).toBe('input.empty');
    const big = await b.ask({ user: 'u4', text: 'GAR '.repeat(300000) });
    expect(String(big.reply)).toMatch(/très long/);
  });
});

describe('npm run -s batch drives every guided flow', () => {
  it.each(CASES)('$id, turn by turn', async (c) => {
    const b = batch();
    try {
      const user = `flow-${c.id}`;
      const first = await b.ask({ user, text: c.start });
      expect(first.intent).toBe('flow.start');
      let last = first;
      for (const answer of c.answers.map((a) => (c.id === 'cafe' && /^\d\d\/\d\d\/\d{4}$/.test(a) ? inAMonth() : a))) {
        last = await b.ask({ user, text: answer });
        expect(last.intent, String(last.reply)).toMatch(/^flow\.(step|review)$/);
      }
      expect(last.intent).toBe('flow.review');
      const done = await b.ask({ user, text: 'oui' });
      expect(done.intent).toBe('flow.done');
      expect(String(done.reply)).toContain(c.id === 'cafe' ? 'Café numérique : Créer un parcours Pix Orga' : c.final[0]);
    } finally {
      b.proc.stdin.end();
    }
  });
});

/** A date a month ahead, as a person would type it. */
function inAMonth(): string {
  const d = new Date(Date.now() + 30 * 864e5);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}
