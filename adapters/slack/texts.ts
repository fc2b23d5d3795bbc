import { CORE_TEXTS } from '../../src/index.js';

/** Every sentence the Slack adapter itself shows, in one place for review. */
export const SLACK_TEXTS = {
  internalError: CORE_TEXTS.internalError,
} as const;

/** Where each variable comes from: shown in configuration errors and in the README. */
export const SLACK_ENV_HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'api.slack.com/apps → votre app → OAuth & Permissions → « Bot User OAuth Token », qui commence par xoxb-',
  SLACK_SIGNING_SECRET:
    'api.slack.com/apps → votre app → Basic Information → App Credentials → « Signing Secret » ; ou bien SLACK_APP_TOKEN pour le Socket Mode',
  SLACK_APP_TOKEN: 'api.slack.com/apps → votre app → Basic Information → App-Level Tokens, avec la portée connections:write ; il commence par xapp-',
  SLACK_PORT: 'port HTTP local où Slack envoie les événements, 3000 par défaut',
};
