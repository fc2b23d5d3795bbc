import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/shared/queue.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedQueue', () => {
  it('runs one key in order, other keys alongside, and survives a failure', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const a1 = q.run('a', async () => {
      await tick(20);
      log.push('a1');
    });
    const a2 = q.run('a', async () => {
      log.push('a2');
      throw new Error('boom');
    });
    const a3 = q.run('a', async () => log.push('a3'));
    const b1 = q.run('b', async () => log.push('b1'));
    await expect(a2).rejects.toThrow('boom');
    await Promise.all([a1, a3, b1]);
    expect(log).toEqual(['b1', 'a1', 'a2', 'a3']);
    await q.settled();
    expect(q.size).toBe(0);
  });
});
