import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { slack } from '../../adapters/slack/index.js';
import { fromChoiceClick, fromCommand, fromDirectMessage, fromMention, stripBotMention } from '../../adapters/slack/map.js';
import { escapeSlack, mrkdwn, toSlackPayload, truncateEscaped } from '../../adapters/slack/render.js';
import { slackSendResult } from '../../adapters/slack/transport.js';
import { ConfigError } from '../../src/shared/config.js';

const ctx = { team: 'T1', botUserId: 'UBOT' };

describe('Slack events → IncomingMessage', () => {
  it('maps a DM to its channel, stripping the bot mention', () => {
    const turn = fromDirectMessage(
      { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: '<@UBOT> aide', ts: '1.1' },
      ctx,
    );
    expect(turn).toEqual({
      message: { platform: 'slack', workspace: 'T1', user: 'U1', conversation: 'D1', text: 'aide' },
      where: { channel: 'D1', threadTs: undefined },
    });
  });

  it('maps a mention to its thread, root or reply', () => {
    const root = fromMention({ type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT|rupn> Pix ?', ts: '10.1' }, ctx)!;
    expect(root.message).toMatchObject({ conversation: 'C1:10.1', text: 'Pix ?' });
    expect(root.where).toEqual({ channel: 'C1', threadTs: '10.1' });
    const reply = fromMention({ type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT>', ts: '12.1', thread_ts: '10.1' }, ctx)!;
    expect(reply.message).toMatchObject({ conversation: 'C1:10.1', text: 'aide' });
  });

  it('keeps other mentions for the core to clean', () => {
    expect(stripBotMention('<@UBOT> <@U999> salut <@UBOT|x>', 'UBOT')).toBe('<@U999> salut');
  });

  it('skips bots, the bot itself, edits, and non-DM messages', () => {
    const base = { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'x', ts: '1.1' };
    expect(fromDirectMessage({ ...base, bot_id: 'B1' }, ctx)).toBeUndefined();
    expect(fromDirectMessage({ ...base, subtype: 'bot_message' }, ctx)).toBeUndefined();
    expect(fromDirectMessage({ ...base, user: 'UBOT' }, ctx)).toBeUndefined();
    expect(fromDirectMessage({ ...base, subtype: 'message_changed' }, ctx)).toBeUndefined();
    expect(fromDirectMessage({ ...base, subtype: 'message_deleted', user: undefined }, ctx)).toBeUndefined();
    expect(fromDirectMessage({ ...base, channel_type: 'channel' }, ctx)).toBeUndefined();
    expect(fromDirectMessage({ ...base, subtype: 'file_share' }, ctx)).toBeDefined();
    expect(fromMention({ type: 'app_mention', channel: 'D1', user: 'U1', text: 'x', ts: '1.1' }, ctx)).toBeUndefined();
  });

  it('maps /rupn to the channel, empty meaning « aide »', () => {
    expect(fromCommand({ team_id: 'T1', user_id: 'U1', channel_id: 'C1', text: '  ' }).message).toEqual({
      platform: 'slack',
      workspace: 'T1',
      user: 'U1',
      conversation: 'C1',
      text: 'aide',
    });
  });

  it('maps a click to the conversation of the buttons', () => {
    const user = { id: 'U1', team_id: 'T1' };
    const inThread = fromChoiceClick(
      { team: { id: 'T1' }, user, channel: { id: 'C1' }, container: { is_ephemeral: false }, message: { ts: '11.1', thread_ts: '10.1' } },
      'Gironde (33)',
    )!;
    expect(inThread).toMatchObject({
      message: { conversation: 'C1:10.1', text: 'Gironde (33)', user: 'U1', workspace: 'T1' },
      where: { channel: 'C1', threadTs: '10.1' },
      ephemeral: false,
    });
    const inDm = fromChoiceClick({ user, channel: { id: 'D1' }, message: { ts: '11.1' } }, 'v')!;
    expect(inDm.message.conversation).toBe('D1');
    const ephemeral = fromChoiceClick({ user, container: { channel_id: 'C2', is_ephemeral: true } }, 'v')!;
    expect(ephemeral).toMatchObject({ message: { conversation: 'C2' }, ephemeral: true });
    expect(fromChoiceClick({ user }, 'v')).toBeUndefined();
  });
});

describe('OutgoingMessage → Slack payload', () => {
  it('escapes &, < and > everywhere, so mentions from user text stay inert', () => {
    expect(escapeSlack('<!channel> <@U123> a & b')).toBe('&lt;!channel&gt; &lt;@U123&gt; a &amp; b');
    const p = toSlackPayload({
      blocks: [
        { type: 'heading', text: 'R&D <x>' },
        { type: 'paragraph', text: '<!here> ok' },
      ],
      choices: [{ label: '<@U1>', value: '<@U1>' }],
    });
    // The button value is never shown: it goes back to the core as typed.
    const shown = JSON.stringify(p, (k, v) => (k === 'value' ? undefined : v));
    expect(shown).not.toMatch(/<!here>|<@U1>|<x>/);
    expect(JSON.stringify(p)).toContain('"value":"<@U1>"');
    expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'R&amp;D &lt;x&gt;', emoji: true } });
    expect(p.text).toContain('&lt;!here&gt; ok');
  });

  it('defuses bare broadcast words but not e-mail addresses', () => {
    expect(escapeSlack('@channel et @here')).toBe('@\u2060channel et @\u2060here');
    expect(escapeSlack('ecrire@here.fr')).toBe('ecrire@here.fr');
  });

  it('wraps bare URLs, escaping their & and leaving punctuation out', () => {
    expect(mrkdwn('Voir https://a.fr/x?a=1&b=2.')).toBe('Voir <https://a.fr/x?a=1&amp;b=2>.');
    expect(mrkdwn('(https://a.fr/) et https://b.fr|clic')).toBe('(<https://a.fr/>) et <https://b.fr>|clic');
    expect(mrkdwn('https://a.fr/<b>')).toBe('<https://a.fr/>&lt;b&gt;');
  });

  it('renders paragraphs and lists as mrkdwn sections, with a plain fallback', () => {
    const p = toSlackPayload({
      blocks: [
        { type: 'paragraph', text: 'Liens :' },
        { type: 'list', items: ['Pix : https://pix.fr/', 'Orga'] },
        { type: 'list', items: ['un', 'deux'], ordered: true },
      ],
    });
    expect(p.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Liens :', verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '• Pix : <https://pix.fr/>\n• Orga', verbatim: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '1. un\n2. deux', verbatim: true } },
    ]);
    expect(p.text).toBe('Liens :\n\n- Pix : <https://pix.fr/>\n- Orga\n\n1. un\n2. deux');
  });

  it('turns choices into buttons rupn_choice_<n>, labels cut to 75 characters', () => {
    const long = 'é'.repeat(60) + ' & ' + 'x'.repeat(40);
    const p = toSlackPayload({
      blocks: [{ type: 'paragraph', text: 'Lequel ?' }],
      choices: [
        { label: 'Gironde (33)', value: 'Gironde (33)' },
        { label: long, value: 'long' },
      ],
    });
    const actions = p.blocks.at(-1) as { type: string; elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      ['rupn_choice_1', 'Gironde (33)'],
      ['rupn_choice_2', 'long'],
    ]);
    expect(actions.elements[1].text.text.length).toBeLessThanOrEqual(75);
    expect(actions.elements[1].text.text).toMatch(/&amp; x+…$/);
    expect(p.text).toContain('1. Gironde (33)');
    expect(truncateEscaped('a&b', 4)).toBe('a…');
  });

  it('splits a paragraph longer than a section allows', () => {
    const p = toSlackPayload({ blocks: [{ type: 'paragraph', text: 'mot '.repeat(1000).trim() }] });
    expect(p.blocks.length).toBe(2);
    for (const b of p.blocks) expect((b as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('Slack errors → what a sender does next', () => {
  it('retries after Slack’s trouble and the network’s, gives up on what will not change', () => {
    expect(slackSendResult({ code: 'slack_webapi_http_error', statusCode: 503 })).toMatchObject({ status: 'retry', afterSeconds: 30 });
    expect(slackSendResult({ code: 'slack_webapi_request_error' })).toMatchObject({ status: 'retry' });
    expect(slackSendResult({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } })).toMatchObject({ status: 'retry' });
    expect(
      slackSendResult({ code: 'slack_webapi_platform_error', data: { error: 'ratelimited', response_metadata: { retryAfter: 12 } } }),
    ).toMatchObject({ status: 'retry', afterSeconds: 12 });
    for (const code of ['channel_not_found', 'is_archived', 'cannot_dm_bot', 'user_disabled', 'account_inactive']) {
      expect(slackSendResult({ code: 'slack_webapi_platform_error', data: { error: code } })).toMatchObject({
        status: 'refused',
        reason: expect.stringContaining(code),
      });
    }
    expect(slackSendResult({ code: 'slack_webapi_platform_error', data: { error: 'is_archived' } })).toMatchObject({
      reason: expect.stringContaining('archivé'),
    });
  });
});

describe('Slack configuration', () => {
  const bot = 'xoxb-1-2-abc';
  it('is off when no SLACK_* variable is set', () => {
    expect(slack.fromEnv({ PATH: '/bin', SLACK_BOT_TOKEN: '' })).toBeUndefined();
  });

  it('reads HTTP mode with a default port, or Socket Mode', () => {
    expect(slack.fromEnv({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789' })).toEqual({
      mode: 'http',
      botToken: bot,
      signingSecret: 'abcdef0123456789abcdef0123456789',
      port: 3000,
    });
    expect(slack.fromEnv({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: 'xapp-1-A1-x' })).toEqual({
      mode: 'socket',
      botToken: bot,
      appToken: 'xapp-1-A1-x',
    });
  });

  it('names the missing or wrong variable and where to get it, never its value', () => {
    const fail = (env: NodeJS.ProcessEnv) => {
      try {
        slack.fromEnv(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return e as ConfigError;
      }
      throw new Error('ConfigError attendue');
    };
    const noSecret = fail({ SLACK_BOT_TOKEN: bot });
    expect(noSecret.variable).toBe('SLACK_SIGNING_SECRET');
    expect(noSecret.message).toMatch(/variable manquante.*Basic Information.*SLACK_APP_TOKEN/s);
    const noBot = fail({ SLACK_APP_TOKEN: 'xapp-1' });
    expect(noBot.message).toMatch(/SLACK_BOT_TOKEN : variable manquante.*OAuth & Permissions/);
    const wrong = fail({ SLACK_BOT_TOKEN: 'xoxp-secret-user-token', SLACK_APP_TOKEN: 'xapp-1' });
    expect(wrong.message).toMatch(/xoxb-/);
    expect(wrong.message).not.toContain('xoxp-secret-user-token');
    expect(fail({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: 'nope' }).message).toMatch(/SLACK_APP_TOKEN.*App-Level Tokens/);
    expect(fail({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef', SLACK_PORT: 'http' }).variable).toBe('SLACK_PORT');
  });
});

describe('Slack app manifest', () => {
  it('asks for what the adapter uses, and nothing more', () => {
    const m = YAML.parse(fs.readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
      'im:read',
      'im:write',
    ]);
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(['app_mention', 'message.im']);
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/rupn']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.messages_tab_enabled).toBe(true);
    expect(typeof m.settings.socket_mode_enabled).toBe('boolean');
  });
});
