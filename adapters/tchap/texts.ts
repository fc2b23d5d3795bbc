/** The bot is an ordinary agent account with a functional address, as Tchap's rules for bots ask. */
const ACCOUNT =
  'compte Tchap fonctionnel du bot (adresse fonctionnelle de l’académie, du type « rupn-bot@ac-….fr », à revalider tous les 13 mois)';

/** Every sentence the Tchap adapter itself shows, to people or to whoever runs it, in one place for review. */
export const TCHAP_TEXTS = {
  choiceHint: 'Répondez avec le numéro de votre choix.',
  encryptedRoomNotice:
    'Ce salon est chiffré de bout en bout : je ne peux pas lire les messages qui y sont écrits, je ne peux donc pas vous répondre ici. ' +
    'Écrivez-moi plutôt dans un salon non chiffré, par exemple un forum Tchap (salon public) : invitez-m’y, puis mentionnez-moi dans votre message.',

  /** Where each variable comes from: shown in configuration errors. */
  hints: {
    TCHAP_HOMESERVER_URL: 'adresse du serveur Tchap des agents, par exemple https://matrix.agent.education.tchap.gouv.fr',
    TCHAP_USER_ID: `identifiant Matrix du ${ACCOUNT}, de la forme @rupn-bot-ac-….fr:agent.education.tchap.gouv.fr`,
    TCHAP_ACCESS_TOKEN: `jeton d’accès du ${ACCOUNT} : Tchap web › Paramètres › Aide et À propos › Avancé, puis fermez l’onglet sans vous déconnecter`,
    TCHAP_PASSWORD: `mot de passe du ${ACCOUNT}, pour une première connexion : le jeton obtenu est conservé dans RUPN_STORE et réutilisé`,
    TCHAP_CRYPTO_PASSPHRASE:
      'phrase de passe qui protège l’état de chiffrement du bot (au moins 16 caractères, à garder hors de git et à ne jamais changer : sans elle, l’état est illisible)',
    TCHAP_CRYPTO_FILE: 'fichier où le bot garde son état de chiffrement, par défaut data/tchap-crypto.bin',
    TCHAP_ALLOWED_DOMAINS: 'liste séparée par des virgules, par exemple agent.*.tchap.gouv.fr (* remplace un seul niveau de domaine)',
  } as Record<string, string>,
  shortPassphrase: 'au moins 16 caractères',
  badPassphrase: (file: string) =>
    `la phrase de passe ne permet pas d’ouvrir l’état de chiffrement (${file}) : remettez celle d’origine, ou supprimez ce fichier pour que le bot reparte comme un nouvel appareil (les anciens messages chiffrés resteront illisibles).`,
  lostWithToken: (deviceId: string) =>
    `l’appareil ${deviceId} du jeton a déjà des clés de chiffrement sur le serveur, mais le bot n’a pas son état de chiffrement : utilisez TCHAP_PASSWORD (le bot ouvre alors son propre appareil) ou un jeton d’un appareil neuf.`,
  badUrl: 'attendu : une adresse https://…',
  badUserId: 'attendu : @identifiant:serveur',
  badDomain: 'motif de domaine invalide',
  tokenOrPassword: (tokenHint: string) =>
    `définissez TCHAP_ACCESS_TOKEN (${tokenHint}) ou TCHAP_PASSWORD (pour une première connexion : le jeton obtenu est conservé et réutilisé).`,
  tokenRefused: 'jeton refusé par le serveur Tchap (révoqué ou expiré) : générez-en un nouveau, ou utilisez TCHAP_PASSWORD.',
  noCredentials: 'aucun jeton utilisable et pas de mot de passe pour se connecter.',
  loginRefused: 'connexion refusée par le serveur Tchap (identifiant ou mot de passe incorrect, ou compte à revalider).',

  /** Explanations for operators, in the `hint` field of log events. */
  log: {
    otherAccount: 'le jeton appartient à un autre compte que TCHAP_USER_ID',
    storedTokenRefused: 'le jeton enregistré a été refusé : nouvelle connexion avec TCHAP_PASSWORD',
    memoryStore: 'RUPN_STORE=memory : le jeton Tchap ne survivra pas au redémarrage (une connexion par démarrage)',
    loggedOut: 'le serveur Tchap a révoqué le jeton du bot : redémarrez avec un nouveau TCHAP_ACCESS_TOKEN ou avec TCHAP_PASSWORD',
    firstSyncSlow: 'première synchronisation Tchap toujours en cours ; le bot continue de réessayer',
    syncError: 'synchronisation Tchap en erreur, nouvel essai',
    inviteRefused: 'invitation refusée : serveur non autorisé (TCHAP_ALLOWED_DOMAINS)',
    encrypted: 'salon chiffré : messages illisibles sans module de chiffrement (définissez TCHAP_CRYPTO_PASSPHRASE)',
    e2eeOff:
      'chiffrement de bout en bout désactivé (TCHAP_CRYPTO_PASSPHRASE absente) : le bot ne lit pas les conversations directes ni les salons privés',
    cryptoCreated: 'nouvel état de chiffrement pour cet appareil, enregistré dans le fichier indiqué',
    cryptoResumed: 'état de chiffrement relu : même appareil, mêmes clés',
    cryptoLost:
      'état de chiffrement perdu ou illisible pour cet appareil : le bot se reconnecte comme un NOUVEL appareil ; les messages chiffrés envoyés à l’ancien ne pourront pas être lus',
    cryptoSaveFailed:
      'impossible d’écrire l’état de chiffrement (disque plein, droits ?) : nouvel essai au prochain changement ; un redémarrage maintenant perdrait les dernières clés',
    identityPinned: 'la personne a changé d’identité de chiffrement : acceptée (confiance à la première utilisation)',
    undecryptable: 'message chiffré illisible (clé absente) : la personne est invitée à le renvoyer',
    dmOpened: 'conversation directe chiffrée ouverte pour un envoi',
  },

  /** The one line the bot writes when it joins a direct conversation. */
  welcome: (academie?: string) =>
    `Bonjour, je suis l’assistant des RUPN${academie ? ` de ${academie}` : ''} : posez-moi ici vos questions sur le numérique éducatif (ENT, GAR, coordonnateurs, démarches…), écrivez « aide » pour voir ce que je sais faire.`,
  undecryptable:
    'Je n’ai pas pu déchiffrer votre dernier message (mes clés de chiffrement ont changé, ou la clé n’est pas encore arrivée). Pouvez-vous le renvoyer ?',

  /** Why a message sent on the assistant's own initiative was not delivered. */
  personRefused:
    'les messages directs Tchap sont chiffrés de bout en bout et le chiffrement du bot est désactivé (TCHAP_CRYPTO_PASSPHRASE absente) : écrivez dans un forum (salon non chiffré) où la personne et le bot se trouvent',
  personNotAllowed: 'cette personne n’est pas sur un serveur autorisé (TCHAP_ALLOWED_DOMAINS)',
  dmNotReady: 'la conversation directe vient d’être créée et le serveur ne l’a pas encore confirmée',
  encryptedRoomRefused: 'salon chiffré de bout en bout et chiffrement du bot désactivé (TCHAP_CRYPTO_PASSPHRASE absente)',
  notJoined: 'le bot n’est pas membre de ce salon (ou en a été retiré)',
  forbidden: 'le bot n’est pas membre de ce salon ou n’a pas le droit d’y écrire',
  refused: (code: string) => `le serveur Tchap refuse l’envoi (${code})`,
  rateLimited: 'le serveur Tchap limite le débit du bot (M_LIMIT_EXCEEDED)',
  unavailable: (what: string) => `le serveur Tchap ne répond pas pour l’instant (${what})`,
  unreachable: 'le serveur Tchap est injoignable pour l’instant (réseau ou délai dépassé)',
  stopped: 'le bot Tchap est arrêté pour l’instant',
} as const;
