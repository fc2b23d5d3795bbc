/**
 * Measurements on the real commands, each in its own process as an operator
 * runs it: `batch` start and throughput, `kb:lint`, the console's start.
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
// resolved here: a command run from a temporary folder would not find tsx by name
const TSX = ['--import', import.meta.resolve('tsx')];

/** A script of the project run as its npm script does (`node --import tsx …`), or its compiled form. */
function command(script: string, compiled = false): string[] {
  return compiled ? [path.join(ROOT, 'dist', script.replace(/^src\//, 'src/').replace(/\.ts$/, '.js'))] : [...TSX, path.join(ROOT, script)];
}

const TIME = '/usr/bin/time';
/** Where GNU time is installed, a command is run under it so that its CPU time is known beside its wall time. */
function timed(args: string[]): [string, string[]] {
  return fs.existsSync(TIME) ? [TIME, ['-f', '__cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
}
/** CPU seconds (user + system) from GNU time's last line on stderr, or NaN. */
function cpuOf(stderr: string): number {
  const m = /__cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  return m ? Number(m[1]) + Number(m[2]) : NaN;
}

/** Runs `bench/child.ts` with arguments; resolves its result, reports its progress. */
export function child<T>(args: string[], onProgress: (done: number) => void, timeoutMs = 30 * 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = fork(path.join(ROOT, 'bench', 'child.ts'), args, {
      execArgv: [...TSX, '--expose-gc'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: T | undefined;
    const timer = setTimeout(() => p.kill(), timeoutMs);
    p.on('message', (m: { progress?: number; result?: T }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      if (m.result) result = m.result;
    });
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(signal ? `arrêté (${signal}) après ${timeoutMs / 1000} s au plus` : `sortie ${code}`));
    });
  });
}

export interface BatchRun {
  /** From spawn to the first output line. */
  firstLineMs: number;
  /** Lines per second after the first line. */
  linesPerSecond: number;
  lines: number;
  /** CPU time of the whole process (user + system), in seconds. */
  cpuSeconds: number;
}

/** Runs `batch` over `lines` with the given environment; times the first answer and the rest. */
export function runBatch(
  lines: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  args: string[] = [],
  timeoutMs = 600_000,
): Promise<BatchRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const [bin, argv] = timed([...command('src/cli/batch.ts'), ...args]);
    const p = spawn(bin, argv, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    const timer = setTimeout(() => p.kill(), timeoutMs);
    let first = 0;
    let count = 0;
    let buffered = '';
    p.stdout.on('data', (d: Buffer) => {
      buffered += d;
      const n = buffered.split('\n').length - 1;
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      if (n && !first) first = performance.now();
      count += n;
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      const end = performance.now();
      if (!first) return reject(new Error(`batch sans réponse (sortie ${code})`));
      resolve({
        firstLineMs: first - start,
        linesPerSecond: count > 1 ? (count - 1) / ((end - first) / 1000) : NaN,
        lines: count,
        cpuSeconds: cpuOf(err),
      });
    });
    p.stdin.end(lines.join('\n') + '\n');
  });
}

/** Runs `kb:lint` on a pack; its time and whether it passed. */
export function runLint(dir: string, timeoutMs = 600_000): Promise<{ ms: number; ok: boolean; warnings: number; cpuSeconds: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const [bin, argv] = timed([...command('src/cli/kb-lint.ts'), dir]);
    const p = spawn(bin, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => p.kill(), timeoutMs);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({
        ms: signal ? NaN : performance.now() - start,
        ok: code === 0,
        warnings: (out.match(/attention :/g) ?? []).length,
        cpuSeconds: cpuOf(err),
      });
    });
  });
}

/** Resident memory of a running process, from /proc (Linux), in MiB. */
function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The console as `npm start` runs it (or compiled): time to the prompt, to the first answer, and RSS then. */
export function runConsole(
  cwd: string,
  compiled: boolean,
  question = 'qui est mon coordo en Gironde ?',
  nodeFlags: string[] = [],
): Promise<{ promptMs: number; firstAnswerMs: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const env = { ...process.env, RUPN_STORE: `sqlite://${path.join(cwd, 'console.sqlite')}` };
    // Node's options as package.json's script gives them (the heap's size: what RSS depends on)
    const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
      compiled ? 'start:prod' : 'start'
    ];
    const scriptFlags = script.split(/\s+/).filter((t) => t.startsWith('--') && t !== '--import');
    const p = spawn(process.execPath, [...scriptFlags, ...nodeFlags, ...command('src/cli/start.ts', compiled)], {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => {
      p.kill();
      reject(new Error('pas de réponse après 30 s'));
    }, 30_000);
    let out = '';
    let promptMs = 0;
    let answered = false;
    p.stdout.on('data', (d) => {
      out += d;
      const prompts = out.split('vous ›').length - 1;
      if (prompts === 1 && !promptMs) {
        promptMs = performance.now() - start;
        p.stdin.write(`${question}\n`);
      } else if (prompts >= 2 && !answered) {
        answered = true;
        const firstAnswerMs = performance.now() - start;
        const rssMb = rssOf(p.pid!);
        clearTimeout(timer);
        p.stdin.end('quitter\n');
        p.on('exit', () => resolve({ promptMs, firstAnswerMs, rssMb }));
      }
    });
  });
}
