/** Every sentence the Discord adapter says or prints, in one place for review. */
export const DISCORD_TEXTS = {
  /** The description of /rupn in Discord's command list; `academie` is a display name such as « l’académie de … ». */
  commandDescription: (academie: string) => `Poser une question à l’assistant des RUPN de ${academie}`,
  questionDescription: 'Votre question, en français',
  hints: {
    DISCORD_TOKEN: 'discord.com/developers/applications → votre application → Bot → Reset Token',
    DISCORD_APPLICATION_ID: 'discord.com/developers/applications → votre application → General Information → Application ID',
    DISCORD_GUILD_ID:
      'facultatif : dans Discord, activez le mode développeur (Paramètres → Avancés), puis clic droit sur le serveur → Copier l’identifiant du serveur',
  },
  badToken: 'jeton mal formé : trois parties séparées par des points, sans espace ni « Bot » devant',
  badSnowflake: 'identifiant Discord attendu : un nombre de 17 à 20 chiffres',
  loginRefused:
    'Discord refuse le jeton DISCORD_TOKEN : régénérez-le dans discord.com/developers/applications → votre application → Bot → Reset Token.',
  intentsRefused:
    'Discord refuse la connexion : activez « Message Content Intent » dans discord.com/developers/applications → votre application → Bot → Privileged Gateway Intents.',
  registerFailed:
    'la commande /rupn n’a pas pu être enregistrée : vérifiez DISCORD_APPLICATION_ID (et DISCORD_GUILD_ID, le bot doit être invité sur ce serveur avec le scope applications.commands)',
  /** Why a message sent on the assistant's own initiative was refused, by Discord API error code. */
  refusals: {
    50007: 'cette personne n’accepte pas les messages privés du bot (ou ne partage aucun serveur avec lui)',
    10003: 'salon inconnu',
    10013: 'utilisateur inconnu',
    50001: 'le bot n’a pas accès à ce salon (ou n’est plus sur le serveur)',
    50013: 'le bot n’a pas la permission d’écrire dans ce salon',
  } as Record<string, string>,
  refused: (code: string, why?: string) => `Discord refuse l’envoi (${code})${why ? ` : ${why}` : ''}`,
  rateLimited: 'Discord limite le débit du bot (429)',
  unavailable: (what: string) => `Discord ne répond pas pour l’instant (${what})`,
  unreachable: 'Discord est injoignable pour l’instant (réseau ou délai dépassé)',
} as const;
