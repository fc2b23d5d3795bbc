import { ActionRowBuilder, type ButtonBuilder, DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordConfigFromEnv } from '../../adapters/discord/config.js';
import { discord, rupnCommand } from '../../adapters/discord/index.js';
import {
  choiceCustomId,
  choiceFromCustomId,
  interactionToIncoming,
  type MessageLike,
  messageToIncoming,
  shouldAnswer,
  stripBotMention,
} from '../../adapters/discord/map.js';
import { blockToMarkdown, formatText, MAX_CONTENT, renderMessage, splitContent } from '../../adapters/discord/render.js';
import { discordSendResult } from '../../adapters/discord/transport.js';
import { ConfigError } from '../../src/shared/config.js';

const BOT = '900000000000000001';
const msg = (over: Partial<MessageLike> = {}): MessageLike => ({
  guildId: null,
  channelId: 'c1',
  content: 'bonjour',
  system: false,
  author: { id: 'u1', bot: false },
  mentions: { users: { has: () => false } },
  ...over,
});
const token = 'ZmFrZS1ib3Q.fake.tokenForTestsOnly';

describe('Discord configuration', () => {
  it('is unused when no DISCORD_* variable is set (blank ones included)', () => {
    expect(discord.fromEnv({})).toBeUndefined();
    expect(discordConfigFromEnv({ DISCORD_GUILD_ID: '  ' })).toBeUndefined();
  });

  it('reads the three variables', () => {
    expect(
      discord.fromEnv({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '223456789012345678' }),
    ).toEqual({
      token,
      applicationId: '123456789012345678',
      guildId: '223456789012345678',
    });
  });

  it('names the missing or wrong variable and where to get it, never the token', () => {
    const error = (env: NodeJS.ProcessEnv) => {
      try {
        discord.fromEnv(env);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    };
    const missing = error({ DISCORD_TOKEN: token });
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.variable).toBe('DISCORD_APPLICATION_ID');
    expect(missing.message).toMatch(
      /DISCORD_APPLICATION_ID : variable manquante \(discord\.com\/developers\/applications → .*General Information/,
    );
    expect(missing.message).not.toContain(token);
    const bad = error({ DISCORD_TOKEN: `Bot ${token}`, DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(bad.variable).toBe('DISCORD_TOKEN');
    expect(bad.message).toMatch(/jeton mal formé.*Bot → Reset Token/);
    expect(bad.message).not.toContain(token);
    expect(error({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '1', DISCORD_GUILD_ID: 'x' }).message).toMatch(
      /DISCORD_GUILD_ID : identifiant Discord attendu/,
    );
  });
});

describe('Discord slash command', () => {
  it('names the académie it is given, within Discord’s 100 characters', () => {
    expect(rupnCommand('l’académie de Lyon').description).toBe('Poser une question à l’assistant des RUPN de l’académie de Lyon');
    const long = rupnCommand(`l’académie de ${'Très-Longue-Ville '.repeat(6)}`).description;
    expect(long).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('Discord errors → what a sender does next', () => {
  it('retries after a 5xx or the network, gives up on closed DMs, unknown places and missing rights', () => {
    const body = { body: undefined, files: undefined };
    expect(discordSendResult(new HTTPError(503, 'Service Unavailable', 'POST', 'https://x/api', body))).toMatchObject({
      status: 'retry',
      afterSeconds: 30,
    });
    expect(discordSendResult(new TypeError('fetch failed'))).toMatchObject({ status: 'retry' });
    for (const [code, status] of [
      [50007, 403],
      [10003, 404],
      [10013, 404],
      [50001, 403],
      [50013, 403],
    ]) {
      const err = new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', 'https://x/api', body);
      expect(discordSendResult(err)).toMatchObject({ status: 'refused', reason: expect.stringContaining(String(code)) });
    }
  });
});

describe('Discord message mapping', () => {
  it('answers DMs and mentions, never bots, itself or system messages', () => {
    expect(shouldAnswer(msg(), BOT)).toBe(true);
    expect(shouldAnswer(msg({ guildId: 'g1' }), BOT)).toBe(false);
    expect(shouldAnswer(msg({ guildId: 'g1', content: `<@${BOT}> aide` }), BOT)).toBe(true);
    expect(shouldAnswer(msg({ guildId: 'g1', mentions: { users: { has: (id) => id === BOT } } }), BOT)).toBe(true);
    expect(shouldAnswer(msg({ author: { id: 'b', bot: true } }), BOT)).toBe(false);
    expect(shouldAnswer(msg({ author: { id: BOT, bot: false } }), BOT)).toBe(false);
    expect(shouldAnswer(msg({ system: true }), BOT)).toBe(false);
  });

  it('maps guild, DM, author and channel or thread, without the bot mention', () => {
    expect(messageToIncoming(msg({ content: `<@${BOT}>, qui est mon coordonnateur ?` }), BOT)).toEqual({
      platform: 'discord',
      workspace: '@me',
      user: 'u1',
      conversation: 'c1',
      text: 'qui est mon coordonnateur ?',
    });
    expect(messageToIncoming(msg({ guildId: 'g1', channelId: 'thread9' }), BOT)).toMatchObject({
      workspace: 'g1',
      conversation: 'thread9',
    });
    expect(stripBotMention(`Bonjour <@!${BOT}> : aide`, BOT)).toBe('Bonjour aide');
    expect(stripBotMention('<@123> et <@&456>', BOT)).toBe('<@123> et <@&456>');
    expect(interactionToIncoming({ guildId: null, channelId: 'd1', user: { id: 'u2' } }, 'aide')).toEqual({
      platform: 'discord',
      workspace: '@me',
      user: 'u2',
      conversation: 'd1',
      text: 'aide',
    });
  });

  it('puts the choice in the custom id: the value when short, else the label, under 100 characters', () => {
    const short = choiceCustomId(3, { label: 'Gironde (33)', value: 'Gironde (33)' });
    expect(short).toBe('rupn:3:Gironde (33)');
    expect(choiceFromCustomId(short)).toBe('Gironde (33)');
    const long = choiceCustomId(0, { label: 'Les landes', value: 'x'.repeat(120) });
    expect(choiceFromCustomId(long)).toBe('Les landes');
    const both = choiceCustomId(24, { label: 'é'.repeat(150), value: 'v'.repeat(150) });
    expect(both.length).toBeLessThanOrEqual(100);
    expect(choiceFromCustomId('autre:1:x')).toBeUndefined();
  });
});

describe('Discord rendering', () => {
  it('escapes markdown, keeps lists readable and wraps bare URLs', () => {
    expect(formatText('Voir https://dane.ac-bordeaux.fr/dane/. *Important* : __oui__')).toBe(
      'Voir <https://dane.ac-bordeaux.fr/dane/>. \\*Important\\* : \\_\\_oui\\_\\_',
    );
    expect(formatText('https://a.fr/x_y_z')).toBe('<https://a.fr/x_y_z>');
    expect(formatText('# titre\n> cité\n- puce')).toBe('\\# titre\n\\> cité\n\\- puce');
    expect(blockToMarkdown({ type: 'heading', text: 'Les coordonnateurs' })).toBe('**Les coordonnateurs**');
    expect(blockToMarkdown({ type: 'list', items: ['un *a*', 'deux'], ordered: true })).toBe('1. un \\*a\\*\n2. deux');
    expect(blockToMarkdown({ type: 'list', items: ['un', 'deux'] })).toBe('- un\n- deux');
  });

  it('splits long replies under 2000 characters, at paragraph boundaries first', () => {
    const para = 'mot '.repeat(300).trim();
    const parts = splitContent([para, para, para].join('\n\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_CONTENT);
    expect(parts.join('\n\n')).toBe([para, para, para].join('\n\n'));
    for (const p of splitContent('x'.repeat(4500))) expect(p.length).toBeLessThanOrEqual(MAX_CONTENT);
  });

  it('renders choices as rows of five buttons on the last message, mentions off', () => {
    const choices = Array.from({ length: 27 }, (_, i) => ({ label: `Choix ${i + 1}`, value: `v${i + 1}` }));
    const payloads = renderMessage({ blocks: [{ type: 'paragraph', text: 'long '.repeat(500) }], choices });
    expect(payloads.length).toBe(2);
    expect(payloads[0].components).toEqual([]);
    const rows = payloads[1].components;
    expect(rows).toHaveLength(5);
    expect(rows[0]).toBeInstanceOf(ActionRowBuilder);
    const json = rows.map((r: ActionRowBuilder<ButtonBuilder>) => r.toJSON());
    expect(json.every((r) => r.components.length === 5)).toBe(true);
    expect(payloads[1].content).toMatch(/26\. Choix 26\n27\. Choix 27$/);
    for (const p of payloads) expect(p.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(renderMessage({ blocks: [] })).toEqual([]);
  });
});
