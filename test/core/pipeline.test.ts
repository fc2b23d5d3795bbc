import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { Assistant } from '../../src/core/assistant.js';
import { Composer, errorBoundary, type Middleware } from '../../src/core/composer.js';
import { RECENT } from '../../src/core/handlers/follow-ups.js';
import { T } from '../../src/core/texts.js';
import type { Turn } from '../../src/core/turn.js';
import { FLOWS } from '../../src/flows/index.js';
import type { FlowDef } from '../../src/flows/types.js';
import { createLogger } from '../../src/shared/logger.js';
import { replyText } from '../../src/shared/text.js';
import { PEOPLE, PERSON_VERSION, type PersonRecord } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { flat, play, testAssistant } from '../helpers/assistant.js';

type Ctx = { log: string[] };

describe('Composer', () => {
  it('runs steps in order; a step that answers stops the chain, one that enriches calls next()', async () => {
    const ctx: Ctx = { log: [] };
    const enrich: Middleware<Ctx> = async (c, next) => {
      c.log.push('enrich');
      await next();
      c.log.push('after');
    };
    const answer: Middleware<Ctx> = (c) => void c.log.push('answer');
    const never: Middleware<Ctx> = (c) => void c.log.push('never');
    await new Composer<Ctx>(enrich, answer, never).run(ctx);
    expect(ctx.log).toEqual(['enrich', 'answer', 'after']);
  });

  it('runs filtered steps only when the predicate holds', async () => {
    const step: Middleware<Ctx> = async (c, next) => {
      c.log.push('step');
      await next();
    };
    const yes: Ctx = { log: [] };
    const no: Ctx = { log: ['skip'] };
    const chain = new Composer<Ctx>().filter((c) => !c.log.includes('skip'), step);
    await chain.run(yes);
    await chain.run(no);
    expect(yes.log).toEqual(['step']);
    expect(no.log).toEqual(['skip']);
  });

  it('an error boundary catches what a step throws, and next() twice is an error', async () => {
    const seen: unknown[] = [];
    const twice: Middleware<Ctx> = async (_c, next) => {
      await next();
      await next();
    };
    await new Composer<Ctx>(errorBoundary((err) => void seen.push(err), twice)).run({ log: [] });
    expect(String(seen[0])).toMatch(/deux fois/);
  });
});

describe('the turn', () => {
  it('a failing step gets the one French internal-error reply, one log line, and changes nothing stored', async () => {
    const store = memoryStore();
    const lines: string[] = [];
    const engine = testAssistant().engine;
    const who = { platform: 'test', workspace: 'w', user: 'boom', conversation: 'c' };
    const good = createAssistant(store, { kb: engine.kb });
    await good.handle({ ...who, text: 'je suis RUPN en lycée en Gironde' });
    const before = structuredClone(await store.read<PersonRecord>(PEOPLE, 'test:w:boom'));
    const boom: Middleware<Turn> = () => {
      throw new Error('panne');
    };
    const failing = new Assistant({ engine, store, steps: boom, logger: createLogger('info', 'rupn', (l) => lines.push(l)) });
    const r = await failing.handle({ ...who, text: 'je suis en collège dans les Landes' });
    expect(r.intent).toBe('error.internal');
    expect(replyText(r)).toBe(T.internalError);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', msg: 'turn.failed' });
    expect(lines[0]).not.toContain('Landes');
    expect(await store.read(PEOPLE, 'test:w:boom')).toEqual(before);
  });

  it('follows up on the last answer for 30 minutes, also from another instance on the same store', async () => {
    const store = memoryStore();
    let now = new Date('2026-11-30T10:00:00Z');
    const clock = () => now;
    const kb = testAssistant().engine.kb;
    const a = createAssistant(store, { kb, now: clock });
    const b = createAssistant(store, { kb, now: clock });
    const who = { platform: 'test', workspace: 'w', user: 'follow', conversation: 'c' };
    await a.handle({ ...who, text: 'où désigner les RA du GAR en collège ?' });
    now = new Date(now.getTime() + 29 * 60_000);
    const soon = await b.handle({ ...who, text: 'et en lycée ?' });
    expect(soon.topic).toBe('gar.responsables-affectation');
    expect(replyText(soon)).toContain('RESP-AFFECT-GAR');
    now = new Date(now.getTime() + 31 * 60_000);
    const late = await a.handle({ ...who, text: 'et en lycée ?' });
    expect(late.topic).not.toBe('gar.responsables-affectation');
    expect(await store.read(RECENT, 'test:w:follow')).toBeDefined();
  });

  it('« oublie-moi » also erases the follow-up context', async () => {
    const store = memoryStore();
    const a = testAssistant(store);
    await play(
      a,
      `
      user> qui est le coordonnateur de Gironde ?
      bot> DELSAUX
      user> oublie-moi
    `,
      { workspace: 'w', user: 'forget-recent' },
    );
    expect(await store.read(RECENT, 'test:w:forget-recent')).toBeUndefined();
  });
});

describe('stored state that changes shape', () => {
  it('reads a first-version person record back migrated', async () => {
    const store = memoryStore();
    // as written before records carried a version, and before reminders and progress existed
    await store.write(PEOPLE, 'test:w:old', {
      profile: { niveau: 'lycee', departement: '40' },
      conversations: {},
      createdAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-01-05T08:00:00.000Z',
    });
    const r = await testAssistant(store).handle({ platform: 'test', workspace: 'w', user: 'old', conversation: 'c', text: 'mes données' });
    expect(flat(replyText(r))).toContain('profil lycee landes 40');
    expect(replyText(r)).toContain('05/01/2026');
    const migrated = await store.read<PersonRecord>(PEOPLE, 'test:w:old');
    expect(migrated).toMatchObject({
      version: PERSON_VERSION,
      reminders: [],
      progress: {},
      profile: { niveau: 'lycee', departement: '40' },
    });
  });

  const fil = FLOWS.find((f) => f.id === 'fil')!;
  // version 2 of the FIL flow, where the first answer was renamed « uai_nom » → « etablissement »
  const filV2: FlowDef = {
    ...fil,
    version: fil.version + 1,
    migrations: {
      [fil.version]: (s) => ({
        slots: { etablissement: s.slots.uai_nom, ...s.slots },
        history: s.history.map((h) => (h === 'uai_nom' ? 'etablissement' : h)),
      }),
    },
  };
  const oldState = (version: number) => ({
    version: PERSON_VERSION,
    profile: {},
    conversations: {
      c: {
        updatedAt: '2026-11-30T10:00:00.000Z',
        flow: {
          flowId: 'fil',
          version,
          step: 'intitule',
          slots: { uai_nom: 'Collège Jean Moulin' },
          history: ['uai_nom'],
          expiresAt: '2026-12-07T10:00:00.000Z',
        },
      },
    },
    reminders: [],
    progress: {},
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
  });

  it('resumes a flow saved with an older definition, migrated, instead of dropping it', async () => {
    const store = memoryStore();
    await store.write(PEOPLE, 'test:w:flow', oldState(fil.version));
    const now = () => new Date('2026-11-30T10:05:00Z');
    const a = createAssistant(store, { kb: testAssistant().engine.kb, flows: FLOWS.map((f) => (f.id === 'fil' ? filV2 : f)), now });
    const r = await a.handle({ platform: 'test', workspace: 'w', user: 'flow', conversation: 'c', text: 'Prise en main de Pix Orga' });
    expect(r.intent).toBe('flow.step');
    const saved = await store.read<PersonRecord>(PEOPLE, 'test:w:flow');
    expect(saved!.conversations.c.flow).toMatchObject({
      version: filV2.version,
      slots: { etablissement: 'Collège Jean Moulin', intitule: 'Prise en main de Pix Orga' },
    });
  });

  it('ends with a notice a flow whose older version has no migration', async () => {
    const store = memoryStore();
    await store.write(PEOPLE, 'test:w:flow2', oldState(fil.version));
    const now = () => new Date('2026-11-30T10:05:00Z');
    const a = createAssistant(store, {
      kb: testAssistant().engine.kb,
      flows: FLOWS.map((f) => (f.id === 'fil' ? { ...fil, version: fil.version + 1 } : f)),
      now,
    });
    const r = await a.handle({ platform: 'test', workspace: 'w', user: 'flow2', conversation: 'c', text: 'Prise en main de Pix Orga' });
    expect(r.intent).not.toMatch(/^flow\.step/);
    expect(flat(replyText(r))).toContain('demande de fil');
    expect((await store.read<PersonRecord>(PEOPLE, 'test:w:flow2'))?.conversations.c).toBeUndefined();
  });
});
