/** Every sentence the Slack adapter itself shows, to people or to whoever configures it, in one place for review. */
export const SLACK_TEXTS = {
  /** Where each variable comes from: shown in configuration errors and in the README. */
  hints: {
    SLACK_BOT_TOKEN: 'api.slack.com/apps → votre app → OAuth & Permissions → « Bot User OAuth Token », qui commence par xoxb-',
    SLACK_SIGNING_SECRET:
      'api.slack.com/apps → votre app → Basic Information → App Credentials → « Signing Secret » ; ou bien SLACK_APP_TOKEN pour le Socket Mode',
    SLACK_APP_TOKEN:
      'api.slack.com/apps → votre app → Basic Information → App-Level Tokens, avec la portée connections:write ; il commence par xapp-',
    SLACK_PORT: 'port HTTP local où Slack envoie les événements, 3000 par défaut',
  } as Record<string, string>,
  badBotToken: 'jeton de bot invalide : il doit commencer par xoxb-',
  badSigningSecret: 'secret de signature invalide (attendu : une suite de lettres et de chiffres, sans espace)',
  badPort: 'attendu : un numéro de port, par exemple 3000',
  badPortRange: 'attendu : un port entre 0 et 65535',
  badAppToken: 'jeton d’application invalide : il doit commencer par xapp-',
  tokenRefused: (code: string) =>
    `jeton refusé par Slack (${code}) : copiez à nouveau le « Bot User OAuth Token » depuis api.slack.com/apps → votre app → OAuth & Permissions.`,
  /** Why a message sent on the assistant's own initiative was refused, by Slack error code. */
  refusals: {
    channel_not_found: 'canal introuvable (ou canal privé où le bot n’est pas)',
    not_in_channel: 'le bot n’est pas membre de ce canal : invitez-le avec /invite',
    is_archived: 'le canal est archivé',
    cannot_dm_bot: 'un bot ne reçoit pas de message privé',
    user_not_found: 'personne introuvable dans cet espace de travail',
    user_not_visible: 'cette personne n’est pas visible du bot',
    user_disabled: 'le compte de cette personne est désactivé',
    account_inactive: 'compte désactivé',
    messages_tab_disabled: 'l’onglet Messages de l’app est désactivé',
    restricted_action: 'les réglages de l’espace de travail interdisent cet envoi',
  } as Record<string, string>,
  refused: (code: string, why?: string) => `Slack refuse l’envoi (${code})${why ? ` : ${why}` : ''}`,
  rateLimited: 'Slack limite le débit du bot (ratelimited)',
  unavailable: (what: string) => `Slack ne répond pas pour l’instant (${what})`,
  unreachable: 'Slack est injoignable pour l’instant (réseau ou délai dépassé)',
} as const;
