import { expect, it } from 'vitest';
import { baseEnvSchema, parseEnv } from '../../src/shared/config.js';

it('names the wrong variable and says what is expected', () => {
  expect(() => parseEnv(baseEnvSchema, { RUPN_LOG_LEVEL: 'bavard' })).toThrow(/RUPN_LOG_LEVEL : (?!variable manquante)/);
  expect(() => parseEnv(baseEnvSchema, { RUPN_STORE: 'mysql://x' })).toThrow(/RUPN_STORE : attendu : memory, sqlite/);
  expect(parseEnv(baseEnvSchema, {}).RUPN_STORE).toBe('sqlite://data/rupn.sqlite');
});
