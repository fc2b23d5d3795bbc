import { CORE_TEXTS } from '../../src/index.js';

/** Everything the Tchap adapter itself says to people, in one place for review. */

export const CHOICE_HINT = 'Répondez avec le numéro de votre choix.';

export const ENCRYPTED_ROOM_NOTICE =
  'Ce salon est chiffré de bout en bout : je ne peux pas lire les messages qui y sont écrits, je ne peux donc pas vous répondre ici. ' +
  'Écrivez-moi plutôt dans un salon non chiffré, par exemple un forum Tchap (salon public) : invitez-m’y, puis mentionnez-moi dans votre message.';

export const INTERNAL_ERROR = CORE_TEXTS.internalError;
