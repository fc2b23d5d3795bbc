import { expect, it } from 'vitest';
import { RateLimiter } from '../../src/shared/rate-limit.js';

it('lets a burst through, warns once on a flood, then recovers', () => {
  let t = 0;
  const rl = new RateLimiter(3, 60, () => t);
  expect([rl.check('a'), rl.check('a'), rl.check('a')]).toEqual(['ok', 'ok', 'ok']);
  expect(rl.check('a')).toBe('notice');
  expect(rl.check('a')).toBe('drop');
  expect(rl.check('b')).toBe('ok');
  t += 2000;
  expect(rl.check('a')).toBe('ok');
});
