import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLine, quickLine, schemaLine } from '../../src/cli/batch-line.js';

// values a driver may put in each field, the valid ones often
const anything = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 5 }),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
);
const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anything });
const profile = fc.oneof(
  anything,
  fc.record(
    {
      departement: field(fc.constantFrom('33', 'Gironde', '')),
      niveau: field(fc.constantFrom('college', 'lycee', 'lycée', 'LYCEE', 'primaire')),
      autre: anything,
    },
    { requiredKeys: [] },
  ),
);
const line = fc.record(
  {
    user: field(fc.oneof(fc.string({ maxLength: 8 }), fc.constant('u'.repeat(200)), fc.constant('u'.repeat(201)))),
    profile,
    text: field(fc.string({ unit: 'grapheme', maxLength: 20 })),
    autre: anything,
  },
  { requiredKeys: [] },
);

describe('a batch input line', () => {
  it('reads the same through the shortcut as through the schema, key for key', () => {
    fc.assert(
      fc.property(fc.oneof(line, anything), (json) => {
        const quick = quickLine(json);
        if (quick !== undefined) expect(quick).toStrictEqual(schemaLine(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the lines drivers send most without the schema, and still explains the others in French', () => {
    const common = [
      { user: 'p1', text: 'qui est mon coordo ?' },
      { user: 'p2', profile: { niveau: 'lycee' }, text: 'et le GAR ?' },
      { user: 'p3', profile: { departement: '33', niveau: 'college' }, text: '' },
    ];
    for (const json of common) expect(quickLine(json)).toStrictEqual(schemaLine(json));
    expect(parseLine('{"user": 12, "text": "x"}')).toEqual({ user: '12', text: 'x' });
    expect(parseLine('{"user": "u", "profile": {"niveau": "LYCÉE"}}')).toEqual({ user: 'u', profile: { niveau: 'lycee' }, text: '' });
    expect(parseLine('\uFEFF{"text": "bonjour"}')).toEqual({ text: 'bonjour' });
    expect(parseLine('{"user": "u", "text": 3}')).toEqual({ error: 'ligne non conforme : text : attendu : un texte' });
    expect(parseLine('[]')).toEqual({ error: 'ligne non conforme : ligne : attendu : un objet JSON {"user": …, "text": …}' });
  });
});
