import { describe, expect, it } from 'vitest';
import { InboundPipeline, type Platform, type ReplyKind, type Verdict } from '../../adapters/pipeline.js';
import {
  adapterHealth,
  CORE_TEXTS,
  createLogger,
  memoryStore,
  messageToText,
  RATE_LIMIT_NOTICE,
  RateLimiter,
  type IncomingMessage,
  type StateStore,
  type TurnHandler,
  type TurnResult,
} from '../../src/index.js';

/** A raw event of the fake platform. */
interface RawEvent {
  id?: string;
  user: string;
  text: string;
  conversation?: string;
  bot?: boolean;
  command?: boolean;
}

interface Delivered {
  to: string;
  payload: string;
  index: number;
  kind: ReplyKind;
}

/** A platform with no network: it records what the pipeline acknowledges and delivers. */
function fakePlatform(opts: { failAck?: boolean } = {}) {
  const delivered: Delivered[] = [];
  const acks: Verdict[] = [];
  const platform: Platform<RawEvent, string, string> = {
    name: 'fake',
    map: (e) =>
      e.bot
        ? undefined
        : {
            message: { platform: 'fake', workspace: 'w', user: e.user, conversation: e.conversation ?? `dm-${e.user}`, text: e.text },
            eventId: e.id,
            reply: e.conversation ?? `dm-${e.user}`,
            needsAnswer: e.command,
          },
    // Each block becomes its own payload; the first payload of a reply is marked.
    render: (m, to) => m.blocks.map((b, i) => `${to?.first && i === 0 ? '» ' : ''}${messageToText({ blocks: [b] })}`),
    transport: {
      async acknowledge(_reply, verdict) {
        acks.push(verdict);
        if (opts.failAck) throw new Error('too late');
      },
      async deliver(to, payload, { index, kind }) {
        delivered.push({ to, payload, index, kind });
      },
    },
  };
  return { platform, delivered, acks };
}

const reply = (text: string): TurnResult => ({
  messages: [{ blocks: [{ type: 'paragraph', text }] }],
  intent: 'test',
  topic: null,
  confidence: 1,
});
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An assistant that echoes, slowly for « lent », and fails on « panne ». */
function echo(calls: IncomingMessage[] = []): TurnHandler {
  return {
    async handle(m) {
      calls.push(m);
      if (m.text === 'panne') throw new Error('boom');
      if (m.text.startsWith('lent')) await tick(40);
      return reply(`écho : ${m.text}`);
    },
  };
}

function pipeline(
  assistant: TurnHandler,
  opts: { store?: StateStore; limiter?: RateLimiter | false; failAck?: boolean; logs?: string[] } = {},
) {
  const fake = fakePlatform(opts);
  const logger = createLogger('debug', 'test', (l) => opts.logs?.push(l));
  const p = new InboundPipeline(fake.platform, { assistant, store: opts.store ?? memoryStore(), logger, limiter: opts.limiter });
  return { ...fake, p };
}

describe('the inbound pipeline', () => {
  it('answers an event once, even when it comes twice or to two instances sharing a store', async () => {
    const store = memoryStore();
    const calls: IncomingMessage[] = [];
    const a = pipeline(echo(calls), { store });
    const b = pipeline(echo(calls), { store });
    await Promise.all([
      a.p.receive({ id: 'e1', user: 'u1', text: 'bonjour' }),
      a.p.receive({ id: 'e1', user: 'u1', text: 'bonjour' }),
      b.p.receive({ id: 'e1', user: 'u1', text: 'bonjour' }),
    ]);
    expect(calls).toHaveLength(1);
    expect([...a.delivered, ...b.delivered].map((d) => d.payload)).toEqual(['» écho : bonjour']);
    // Events without an id (a platform that never redelivers) are not claimed.
    await a.p.receive({ user: 'u1', text: 'encore' });
    await a.p.receive({ user: 'u1', text: 'encore' });
    expect(calls).toHaveLength(3);
  });

  it('ignores what the platform does not map (bots, itself), without asking the core', async () => {
    const calls: IncomingMessage[] = [];
    const { p, delivered, acks } = pipeline(echo(calls));
    await p.receive({ id: 'b1', user: 'bot', text: 'bonjour', bot: true });
    expect(calls).toEqual([]);
    expect(delivered).toEqual([]);
    expect(acks).toEqual([]);
  });

  it('limits a person who floods: one notice, then silence; others unaffected; an owed answer still gets the notice', async () => {
    const calls: IncomingMessage[] = [];
    const { p, delivered, acks } = pipeline(echo(calls), { limiter: new RateLimiter(2, 0.001) });
    for (const text of ['un', 'deux', 'trois', 'quatre']) await p.receive({ user: 'u1', text });
    await p.receive({ user: 'u1', text: 'cinq', command: true });
    await p.receive({ user: 'u2', text: 'moi aussi' });
    expect(acks).toEqual(['ok', 'ok', 'notice', 'drop', 'notice', 'ok']);
    expect(calls.map((m) => m.text)).toEqual(['un', 'deux', 'moi aussi']);
    expect(delivered.map((d) => [d.to, d.payload, d.kind])).toEqual([
      ['dm-u1', '» écho : un', 'answer'],
      ['dm-u1', '» écho : deux', 'answer'],
      ['dm-u1', `» ${RATE_LIMIT_NOTICE}`, 'notice'],
      ['dm-u1', `» ${RATE_LIMIT_NOTICE}`, 'notice'],
      ['dm-u2', '» écho : moi aussi', 'answer'],
    ]);
    const unlimited = pipeline(echo(), { limiter: false });
    await Promise.all(Array.from({ length: 30 }, (_, i) => unlimited.p.receive({ user: 'u1', text: `m${i}` })));
    expect(unlimited.delivered.filter((d) => d.kind === 'answer')).toHaveLength(30);
  });

  it('keeps a person’s turns in order within a conversation, and other conversations alongside', async () => {
    const { p, delivered } = pipeline(echo());
    const done = [
      p.receive({ user: 'u1', conversation: 'c1', text: 'lent 1' }),
      p.receive({ user: 'u1', conversation: 'c1', text: 'vite 2' }),
      p.receive({ user: 'u1', conversation: 'c2', text: 'vite ailleurs' }),
      p.receive({ user: 'u2', conversation: 'c1', text: 'vite autre personne' }),
    ];
    await Promise.all(done);
    const order = delivered.map((d) => d.payload.replace('» écho : ', ''));
    expect(order.indexOf('lent 1')).toBeLessThan(order.indexOf('vite 2'));
    expect(order.indexOf('vite ailleurs')).toBeLessThan(order.indexOf('lent 1'));
    expect(order.indexOf('vite autre personne')).toBeLessThan(order.indexOf('lent 1'));
  });

  it('says the internal-error sentence when the core fails, and logs turn.failed with ids only', async () => {
    const logs: string[] = [];
    const { p, delivered } = pipeline(echo(), { logs });
    await p.receive({ id: 'e-panne', user: 'u9', text: 'panne' });
    expect(delivered).toEqual([{ to: 'dm-u9', payload: `» ${CORE_TEXTS.internalError}`, index: 0, kind: 'error' }]);
    const failed = logs.filter((l) => JSON.parse(l).msg === 'turn.failed');
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0])).toMatchObject({ level: 'error', user: 'u9', conversation: 'dm-u9', stage: 'handle' });
    expect(logs.join('\n')).not.toContain('panne');
    // The person's next turn is answered as usual.
    await p.receive({ user: 'u9', text: 'bonjour' });
    expect(delivered.at(-1)?.payload).toBe('» écho : bonjour');
  });

  it('renders and delivers each message in order, counting payloads across messages', async () => {
    const twoMessages: TurnHandler = {
      handle: async () => ({
        messages: [
          {
            blocks: [
              { type: 'paragraph', text: 'a' },
              { type: 'paragraph', text: 'b' },
            ],
          },
          { blocks: [{ type: 'paragraph', text: 'c' }] },
        ],
        intent: 'test',
        topic: null,
        confidence: 1,
      }),
    };
    const { p, delivered } = pipeline(twoMessages);
    await p.receive({ user: 'u1', text: 'x' });
    expect(delivered.map((d) => [d.payload, d.index])).toEqual([
      ['» a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('ends an event whose acknowledgement failed, and waits for turns in flight on settled()', async () => {
    const calls: IncomingMessage[] = [];
    const late = pipeline(echo(calls), { failAck: true });
    await late.p.receive({ user: 'u1', text: 'bonjour' });
    expect(calls).toEqual([]);
    expect(late.delivered).toEqual([]);

    const { p, delivered } = pipeline(echo());
    void p.receive({ user: 'u1', text: 'lent' });
    void p.receive({ user: 'u1', text: 'lent encore' });
    expect(delivered).toEqual([]);
    await p.settled();
    expect(delivered.map((d) => d.payload)).toEqual(['» écho : lent', '» écho : lent encore']);
  });

  it('tells the operators’ page when the platform last sent an event and its last error, masked', async () => {
    adapterHealth.clear();
    const late = pipeline(echo(), { failAck: true });
    late.platform.transport.acknowledge = async () => {
      throw new Error('ack refusé pour xoxb-123456789012-abcdefABCDEFabcdef');
    };
    await late.p.receive({ user: 'u1', text: 'bonjour' });
    const [fake] = adapterHealth.list();
    expect(fake).toMatchObject({ name: 'fake', lastError: { message: 'ack refusé pour ***' } });
    expect(Date.parse(fake.lastEvent ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
