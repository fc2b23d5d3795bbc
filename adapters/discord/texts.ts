import { CORE_TEXTS } from '../../src/index.js';

/** Every sentence the Discord adapter says or prints, in one place for review. */
export const DT = {
  commandDescription: 'Poser une question à l’assistant des RUPN de l’académie de Bordeaux',
  questionDescription: 'Votre question, en français',
  error: CORE_TEXTS.internalError,
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
} as const;
