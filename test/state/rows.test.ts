import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, deserialize, encode, serialize } from '../../src/state/rows.js';

// strings that keyv escapes (« : » first, « :base64: ») or that look like JSON punctuation, beside any string
const tricky = fc.oneof(
  fc.string(),
  fc.constantFrom(':', '::x', ':base64:AAA', ', ":', '[":', 'a\\', '"', '":', 'type', 'Buffer'),
  fc.string().map((s) => `:${s}`),
);
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('rows as keyv writes them', () => {
  it('serialises to the very text of keyv, and reads any text back as keyv does', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = serialize({ value: v });
        expect(text).toBe(defaultSerialize({ value: v }));
        expect(deserialize(text)).toEqual(defaultDeserialize(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a Buffer, a date and a string starting with a colon as keyv does', () => {
    const v = { b: Buffer.from('abc'), d: new Date(0), s: ':x', list: [':y', 'z'] };
    expect(serialize(v)).toBe(defaultSerialize(v));
    const back = decode(encode(v, 1000, 0), 0);
    expect(back).toEqual({ value: { b: Buffer.from('abc'), d: '1970-01-01T00:00:00.000Z', s: ':x', list: [':y', 'z'] } });
  });
});
