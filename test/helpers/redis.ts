import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/** A throwaway redis-server on a free loopback port (or `port`), no persistence; stop() ends it, kill() kills it (-9), pause() freezes it. */
export async function startRedis(fixedPort?: number): Promise<{
  url: string;
  port: number;
  stop: () => Promise<void>;
  kill: () => Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing answers; `resume` thaws it. */
  pause: () => void;
  resume: () => void;
}> {
  const port =
    fixedPort ??
    (await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    }));
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net
        .connect(port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        })
        .on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error('redis-server ne répond pas');
    await new Promise((r) => setTimeout(r, 50));
  }
  // a server already gone (killed by the test) is stopped at once
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        resolve();
        return;
      }
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    pause: () => void proc.kill('SIGSTOP'),
    resume: () => void proc.kill('SIGCONT'),
  };
}
