import { describe, expect, it } from 'vitest';
import { tchapConfigFromEnv } from '../../adapters/tchap/config.js';
import { domainMatches, isAllowedUser, serverOf, toIncoming, type RoomContext } from '../../adapters/tchap/map.js';
import { linkify, renderMessage } from '../../adapters/tchap/render.js';
import { ConnectionError, MatrixError } from 'matrix-js-sdk';
import { tchapSendResult } from '../../adapters/tchap/transport.js';
import { ConfigError } from '../../src/shared/config.js';

const BOT = '@rupn-bot-ac-bordeaux.fr:agent.education.tchap.gouv.fr';
const ALICE = '@alice:agent.education.tchap.gouv.fr';
const ROOM = '!room:agent.education.tchap.gouv.fr';

const ctx = (over: Partial<RoomContext> = {}): RoomContext => ({
  roomId: ROOM,
  joinedMembers: 2,
  botUserId: BOT,
  botNames: ['Assistant RUPN'],
  isBotEvent: (id) => id === '$bot',
  ...over,
});
const text = (body: string, extra: Record<string, unknown> = {}) => ({
  type: 'm.room.message',
  sender: ALICE,
  content: { msgtype: 'm.text', body, ...extra },
});

describe('Tchap domains', () => {
  it('reads the server of a Matrix id and matches one label per wildcard', () => {
    expect(serverOf(ALICE)).toBe('agent.education.tchap.gouv.fr');
    expect(serverOf('@x:Example.org:8448')).toBe('example.org');
    expect(domainMatches('agent.education.tchap.gouv.fr', 'agent.*.tchap.gouv.fr')).toBe(true);
    expect(domainMatches('agent.a.b.tchap.gouv.fr', 'agent.*.tchap.gouv.fr')).toBe(false);
    expect(domainMatches('evil.agent.education.tchap.gouv.fr', 'agent.*.tchap.gouv.fr')).toBe(false);
    expect(domainMatches('agent.education.tchap.gouv.fr.evil.com', 'agent.*.tchap.gouv.fr')).toBe(false);
    expect(isAllowedUser(ALICE, ['agent.*.tchap.gouv.fr'])).toBe(true);
    expect(isAllowedUser('@mallory:matrix.org', ['agent.*.tchap.gouv.fr'])).toBe(false);
    expect(isAllowedUser('@ext:e.tchap.gouv.fr', ['agent.*.tchap.gouv.fr'])).toBe(false);
  });
});

describe('Matrix event → IncomingMessage', () => {
  it('maps a direct message, keyed by room, workspace = the bot’s server', () => {
    expect(toIncoming(text('qui est mon coordonnateur ?'), ctx())).toEqual({
      platform: 'tchap',
      workspace: 'agent.education.tchap.gouv.fr',
      user: ALICE,
      conversation: ROOM,
      text: 'qui est mon coordonnateur ?',
    });
  });

  it('says when the bot cannot write to the person first (no encryption module): the core then promises nothing personal', () => {
    expect(toIncoming(text('abonne-moi au digest'), ctx({ canWriteFirst: false }))?.canWriteFirst).toBe(false);
    expect(toIncoming(text('abonne-moi au digest'), ctx({ canWriteFirst: true }))).not.toHaveProperty('canWriteFirst');
  });

  it('keys a thread by room and thread root', () => {
    const m = toIncoming(text('aide', { 'm.relates_to': { rel_type: 'm.thread', event_id: '$root', is_falling_back: true } }), ctx());
    expect(m?.conversation).toBe(`${ROOM}:$root`);
  });

  it('ignores its own messages, notices, other bots, edits and non-text messages', () => {
    expect(toIncoming({ ...text('aide'), sender: BOT }, ctx())).toBeUndefined();
    expect(toIncoming(text('aide', { msgtype: 'm.notice' }), ctx())).toBeUndefined();
    expect(toIncoming({ ...text('aide'), sender: '@meteo-bot-ac-bordeaux.fr:agent.education.tchap.gouv.fr' }, ctx())).toBeUndefined();
    expect(toIncoming(text('* aide', { 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } }), ctx())).toBeUndefined();
    expect(toIncoming(text('photo.jpg', { msgtype: 'm.image' }), ctx())).toBeUndefined();
    expect(toIncoming({ type: 'm.room.encrypted', sender: ALICE, content: {} }, ctx())).toBeUndefined();
    // a person whose name merely contains "bot" is not a bot
    expect(toIncoming({ ...text('aide'), sender: '@jean.bot-ac-bordeaux.fr:agent.education.tchap.gouv.fr' }, ctx())).toBeDefined();
  });

  it('answers in a group room only when addressed, and strips the bot’s name', () => {
    const group = ctx({ joinedMembers: 5 });
    expect(toIncoming(text('qui est le coordonnateur de Gironde ?'), group)).toBeUndefined();
    expect(toIncoming(text('Assistant RUPN : qui est le coordonnateur de Gironde ?'), group)?.text).toBe(
      'qui est le coordonnateur de Gironde ?',
    );
    expect(toIncoming(text(`${BOT} aide`), group)?.text).toBe('aide');
    expect(toIncoming(text('bonjour @Assistant RUPN, aide'), group)?.text).toBe('bonjour , aide');
    expect(toIncoming(text('aide', { 'm.mentions': { user_ids: [BOT] } }), group)?.text).toBe('aide');
    expect(
      toIncoming(text('aide', { formatted_body: `<a href="https://matrix.to/#/${encodeURIComponent(BOT)}">x</a> aide` }), group),
    ).toBeDefined();
    const reply = text('> <@rupn-bot…> Dans quel département ?\n\n2', { 'm.relates_to': { 'm.in_reply_to': { event_id: '$bot' } } });
    expect(toIncoming(reply, group)?.text).toBe('2');
    const replyToOther = text('> <@bob> salut\n\n2', { 'm.relates_to': { 'm.in_reply_to': { event_id: '$bob' } } });
    expect(toIncoming(replyToOther, group)).toBeUndefined();
  });
});

describe('OutgoingMessage → Matrix content', () => {
  it('renders escaped HTML with headings, lists and links, and mentions nobody', () => {
    const c = renderMessage({
      blocks: [
        { type: 'heading', text: 'Titre <b>gras</b>' },
        { type: 'paragraph', text: "L'ENT & le GAR : voir https://dane.ac-bordeaux.fr/dane/. @room <script>x</script>" },
        { type: 'list', items: ['un', 'deux'] },
        { type: 'list', items: ['a'], ordered: true },
      ],
    });
    expect(c.msgtype).toBe('m.notice');
    expect(c.format).toBe('org.matrix.custom.html');
    expect(c['m.mentions']).toEqual({});
    expect(c.formatted_body).toContain('<h4>Titre &lt;b&gt;gras&lt;/b&gt;</h4>');
    expect(c.formatted_body).toContain('L&#39;ENT &amp; le GAR');
    expect(c.formatted_body).toContain('<a href="https://dane.ac-bordeaux.fr/dane/">https://dane.ac-bordeaux.fr/dane/</a>.');
    expect(c.formatted_body).toContain('&lt;script&gt;');
    expect(c.formatted_body).not.toMatch(/<b>|<script>/);
    expect(c.formatted_body).toContain('<ul><li>un</li><li>deux</li></ul><ol><li>a</li></ol>');
    expect(c.body).toContain('Titre <b>gras</b>'); // the plain body is plain text
    expect(c.body).not.toMatch(/@room/);
    expect(c.formatted_body).not.toMatch(/@room/);
    expect(c.body).toContain('@\u2060room');
  });

  it('renders choices as a numbered list in body and HTML', () => {
    const c = renderMessage({
      blocks: [{ type: 'paragraph', text: 'Dans quel département ?' }],
      choices: [
        { label: 'Dordogne (24)', value: 'x' },
        { label: 'Gironde (33)', value: 'y' },
      ],
    });
    expect(c.body).toMatch(/1\. Dordogne \(24\)\n2\. Gironde \(33\)/);
    expect(c.body).toMatch(/numéro/);
    expect(c.formatted_body).toContain('<ol><li>Dordogne (24)</li><li>Gironde (33)</li></ol>');
  });

  it('links only http(s) URLs and keeps their query strings escaped', () => {
    expect(linkify('voir https://a.fr/x?y=1&z="2" ou javascript:alert(1)')).toBe(
      'voir <a href="https://a.fr/x?y=1&amp;z=">https://a.fr/x?y=1&amp;z=</a>&quot;2&quot; ou javascript:alert(1)',
    );
  });
});

describe('Matrix errors → what a sender does next', () => {
  it('retries after a rate limit, a 5xx or the network; gives up when forbidden', () => {
    expect(tchapSendResult(new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 2500 }, 429))).toMatchObject({
      status: 'retry',
      afterSeconds: 3,
    });
    expect(tchapSendResult(new MatrixError({ errcode: 'M_UNKNOWN' }, 502))).toMatchObject({ status: 'retry', afterSeconds: 30 });
    expect(tchapSendResult(new ConnectionError('down'))).toMatchObject({ status: 'retry' });
    expect(tchapSendResult(new MatrixError({ errcode: 'M_FORBIDDEN', error: 'User not in room' }, 403))).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('M_FORBIDDEN'),
    });
    expect(tchapSendResult(new MatrixError({ errcode: 'M_NOT_FOUND' }, 404))).toMatchObject({ status: 'refused' });
  });
});

describe('Tchap configuration', () => {
  const base = { TCHAP_HOMESERVER_URL: 'https://matrix.agent.education.tchap.gouv.fr', TCHAP_USER_ID: BOT };

  it('is absent when no TCHAP_* variable is set', () => {
    expect(tchapConfigFromEnv({ RUPN_STORE: 'memory' })).toBeUndefined();
  });

  it('reads a token or a password, with the default allow-list', () => {
    const c = tchapConfigFromEnv({ ...base, TCHAP_ACCESS_TOKEN: 'syt_x' })!;
    expect(c).toMatchObject({
      homeserverUrl: base.TCHAP_HOMESERVER_URL,
      userId: BOT,
      accessToken: 'syt_x',
      allowedDomains: ['agent.*.tchap.gouv.fr'],
    });
    expect(
      tchapConfigFromEnv({ ...base, TCHAP_PASSWORD: 'p', TCHAP_ALLOWED_DOMAINS: 'agent.*.tchap.gouv.fr, agent.tchap.gouv.fr' })!
        .allowedDomains,
    ).toEqual(['agent.*.tchap.gouv.fr', 'agent.tchap.gouv.fr']);
  });

  it('names the missing variable and where to get it, in French, without echoing secrets', () => {
    const err = (env: NodeJS.ProcessEnv) => {
      try {
        tchapConfigFromEnv(env);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    };
    const noUser = err({ TCHAP_HOMESERVER_URL: base.TCHAP_HOMESERVER_URL, TCHAP_PASSWORD: 'hunter2' });
    expect(noUser).toBeInstanceOf(ConfigError);
    expect(noUser.variable).toBe('TCHAP_USER_ID');
    expect(noUser.message).toMatch(/compte Tchap fonctionnel.*-bot@.*13 mois/);
    expect(noUser.message).not.toContain('hunter2');
    expect(err(base).variable).toBe('TCHAP_ACCESS_TOKEN');
    expect(err(base).message).toMatch(/TCHAP_PASSWORD/);
    expect(err({ ...base, TCHAP_HOMESERVER_URL: 'matrix.agent.education.tchap.gouv.fr', TCHAP_ACCESS_TOKEN: 't' }).variable).toBe(
      'TCHAP_HOMESERVER_URL',
    );
    expect(err({ ...base, TCHAP_ACCESS_TOKEN: 't', TCHAP_ALLOWED_DOMAINS: 'agent.*.tchap.gouv.fr;x' }).variable).toBe(
      'TCHAP_ALLOWED_DOMAINS',
    );
  });
});
