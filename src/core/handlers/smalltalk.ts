import { T } from '../texts.js';
import { answering, result, type Step, type Turn } from '../turn.js';
import { STOPWORDS } from '../../nlu/normalize.js';
import type { TurnResult } from '../../shared/types.js';
import { stopSending } from './privacy-words.js';
import { fixTypos } from './typos.js';
import { say } from '../../shared/text.js';

const GREETING =
  /^(bonjour|salut|hello|coucou|bonsoir|hey|yo|hi|re|rebonjour|bjr|slt|wesh)( (a tous|tout le monde|a toi|a vous|l assistant|le bot|rupn))?$/;

/** What the assistant is, who made it, whether a person answers (« t'es une IA ? », « qui t'a créé ? »), each a whole message. */
const WHO_ASKED = [
  'qui es tu|tu es qui|t es qui|qui etes vous|vous etes qui|c est quoi ce bot|tu fais quoi|a quoi sers tu|a quoi tu sers|tu sers a quoi|vous servez a quoi|a quoi servez vous',
  '(tu es|t es|tes|es tu|vous etes|etes vous|c est|est ce|s agit il d|je parle (a|avec)|je discute avec|je suis en train de parler a|on parle a|y a) (vraiment )?(un |une |a un |a une |avec un |avec une )?(vrai |vraie )?' +
    '(robot|bot|chatbot|ia|intelligence artificielle|humain|humaine|personne|machine|programme|algorithme|ordi|ordinateur|chatgpt|chat gpt|gpt|mistral|copilot)( ou (un |une )?[a-z]+)?( en vrai| pour de vrai)?',
  '(c est )?qui( qui| est ce qui)? (t a|vous a) (cree|creee|fait|faite|programme|developpe|concu|code|ecrit|invente|mis en place|installe)',
  'qui a (cree|fait|programme|developpe|concu|code|ecrit|invente|mis en place|installe) (cet|ce|le|l) (assistant|bot|chatbot|robot|outil|programme)',
  '(c est )?qui (ton|tes|votre|vos) (createur|createurs|concepteur|concepteurs|developpeur|developpeurs|auteur|auteurs)',
  'tu t appelles comment|comment tu t appelles|comment vous appelez vous|c est quoi ton nom|quel est ton nom|t as un nom|tu as un nom',
  '(tu (sors|tires)|vous (sortez|tirez)) (tes|vos) (reponses|infos) d ou|d ou (viennent|sortent) (tes|vos) (reponses|infos)',
];

/** Short social messages: a pattern on the whole normalised text, and the reply. */
const RULES: { intent: string; re: RegExp; reply: string | (() => string) }[] = [
  { intent: 'smalltalk.hello', re: GREETING, reply: T.hello },
  // « test », « tu es là ? »: someone trying the assistant out
  {
    intent: 'smalltalk.hello',
    re: /^(test|tests|testing|essai|ping|tu es la|t es la|vous etes la|y a quelqu un|il y a quelqu un|allo)$/,
    reply: T.hello,
  },
  {
    intent: 'smalltalk.urgent',
    re: /^(c est )?(urgent|tres urgent|urgence|au secours|sos|help|a l aide|vite|c est grave|y a le feu|il y a urgence)( (c est )?(urgent|urgence|vite|svp|stp|s il vous plait|s il te plait))*$/,
    reply: T.urgent,
  },
  {
    intent: 'smalltalk.howareyou',
    re: /^((bonjour|salut) )?(ca va|comment ca va|comment vas tu|comment allez vous|tu vas bien)$/,
    reply: T.howAreYou,
  },
  {
    intent: 'smalltalk.who',
    re: new RegExp(
      `^((mais|alors|au fait|dis|dites|bonjour|salut|euh) )*(${WHO_ASKED.join('|')})( la| ici| toi| vous| en fait| en vrai| non| ou pas| ou quoi| exactement| au juste)?$`,
    ),
    reply: T.who,
  },
];

/**
 * A thank-you, possibly naming what for (« merci pour le GAR », « top merci
 * pour l'info sur Pix ») and with a goodbye: it starts with thanks, or is only
 * courtesy, and asks nothing.
 */
function isThanks(turn: Turn, n: string, words: string[]): boolean {
  if (!THANKS.test(n) || /\?/.test(turn.text) || turn.analysis.question) return false;
  // « merci de me dire… », « merci d'envoyer… »: a request put politely, not thanks
  if (/\bmerci (de|d) (me|m|nous|bien vouloir|[a-z]+(er|ir|re))\b/.test(n)) return false;
  // « merci d'avance pour le lien de la console »: thanks for an answer still to come
  if (/\bmerci (d|par) avance\b/.test(n) && !words.every((w) => COURTESY.has(w) || w === 'avance')) return false;
  if (words.every((w) => COURTESY.has(w))) return true;
  return (
    /^(ok |bon |super |top |parfait |genial |nickel |trop bien |trop cool |cool |excellent )?(merci|thanks|thx)\b/.test(n) &&
    words.length <= 10 &&
    !/\b(mais|par contre|sinon|et aussi|autre question)\b/.test(n)
  );
}

/** Words a goodbye is made of (« je vous laisse, bonne soirée et merci »), one of which must say goodbye. */
const FAREWELL = new Set(
  (
    'au revoir bye ciao tchao a plus bientot prochaine demain tout a l heure bonne bon journee soiree fin de semaine week end we nuit continuation vacances ' +
    'je te vous laisse y vais file dois filer salut et merci encore a toi vous tous ok super parfait top allez bon bref voila la l annee'
  ).split(' '),
);
const FAREWELL_MARK =
  /\b(au revoir|bye|ciao|tchao|a plus|a bientot|a la prochaine|a demain|a tout a l heure|bonne (journee|soiree|fin de journee|semaine|fin de semaine|nuit|continuation|vacances)|bon (week end|we)|je (te|vous) laisse|j y vais|je file|je dois filer)\b/;

/** The goodbyes read as whole messages before the word classes below (kept so that none of them is lost). */
const BYE =
  /^(au revoir|bye|a plus|a bientot|a la prochaine|bonne (journee|soiree|fin de journee|semaine|nuit|continuation|vacances)|ciao|salut a plus)( (a (toi|vous)|et merci))?$/;
/** « a+ », « @+ »: a goodbye that normalisation would leave as a bare letter. */
const SEE_YOU = /^\s*[a@]\s?\+[\s!.]*$/i;
const STARTS_WITH_THANKS = /^((ok|bon|super|top|parfait|genial|nickel|trop bien|trop cool|cool|excellent) )?(merci|thanks|thx)\b/;
/** Letters typed long (« merciii », « okkk », « mercii ») read once. */
const squash = (n: string) => n.replace(/([a-z])\1{2,}/g, '$1').replace(/\bmercii\b/g, 'merci');

/** A sigh or a hard day (« pfff quelle journée », « je suis débordée »): some sympathy, and the door. */
const MOOD =
  /^(p+f+|pfff+|ouf|rah+|argh+|bof|quelle journee|quelle galere|quelle semaine|(je suis|suis|chui) (creve|crevee|epuise|epuisee|deborde|debordee|fatigue|fatiguee|noye|noyee|perdu|perdue|a bout)|j en ai marre|ras le bol|c est la galere|galere|trop de boulot|pas le temps)( .*)?$/;
/** « ok », « d'accord », « je vois »: nothing to answer but a nod. */
const ACK =
  /^(ok|okay|oki|d accord|entendu|compris|je vois|ah ok|ah d accord|ca marche|ca roule|tres bien|bien recu|note|c est note|ok je vois|oui|non|lol|mdr|ptdr|haha+|hihi+)$/;
/** A nod with what the person will do (« d'accord je vais voir ça », « ok je regarde »): words of this set only, starting with a nod. */
const NOD_START = new Set('ok okay oki d dac dacc entendu compris ah bon tres parfait note oui cool'.split(' '));
const NOD = new Set(
  'ok okay oki d accord acc dac dacc cool roule entendu compris ah bon ben bien tres parfait note oui alors je j vais voir regarder regarde regarderai verrai vois ca cela essayer essaie essayerai tester teste testerai y merci lire lis lirai penser et vous te dis dirai redis tiens tiendrai courant reviens reviendrai'.split(
    ' ',
  ),
);
/** « c'est très urgent, aidez-moi », « URGENT : plus rien ne marche »: urgency with little else, and no question. */
const URGENT_WORD = /\b(urgent|urgente|urgence|au secours|sos|a l aide)\b/;
/** Words that say nothing of what is urgent: with only these around, the person must be asked what it is about. */
const URGENT_FILLER = new Set(
  (
    'urgent urgente urgence urgemment tres super hyper vraiment secours sos aide aidez aider aidez moi vite rapidement svp stp plait rien marche marchent ' +
    'fonctionne fonctionnent plus bloque bloquee grave probleme repondez repondre reponds reponse quelqu quelqu un besoin please help asap merci maintenant suite'
  ).split(' '),
);
const saysWhat = (words: string[]) => words.some((w) => w.length > 2 && !STOPWORDS.has(w) && !URGENT_FILLER.has(w));
/** Words of displeasure aimed at the assistant or its answer (« t'es vraiment con », « ta réponse est nulle »). */
const INSULT =
  /\b(nul|nulle|nuls|inutile|con|conne|debile|idiot|idiote|stupide|bete|naze|nase|pourri|pourrie|merdique|abruti|cretin|incompetent|pas terrible|pas top|n importe quoi|a cote de la plaque|hors sujet|a l ouest|a la ramasse|rien a voir)\b/;
/** What the insult is aimed at: the assistant, its answer, or nothing else named (« nul », « c'est nul »). */
const AT_YOU =
  /^((mais|franchement|bon|pff+|bof|oh|ah|alors|bref|serieux|vraiment|ptn|putain|puree|mince|zut|bordel|rho) )*((t es|tu es|vous etes|c est|t as|ce bot|ce robot|cet assistant|ta reponse|votre reponse|cette reponse|tes reponses|vos reponses|ca|cela)\b.*)?$/;
/** « tu comprends rien », « ça ne répond pas à ma question », « tu sers à rien ». */
const MISUNDERSTOOD =
  /^((mais|franchement|bon|pff+|bof|oh|alors|bref|serieux|nul|merci|ok|oui|non|hmm+|euh|desole) )*((je )?(ne )?(comprends|comprend|pige|capte) (pas|rien) (a )?(ta|votre|cette|la) reponse|j ai (pas|rien) compris (ta|votre|cette|la) reponse|((tu|vous) (ne )?(comprends|comprenez|captes|piges|sers|servez) (rien|a rien|que dalle)( du tout)?|(tu|vous) (ne )?(m aides|m aidez|aides|aidez) (pas|en rien|a rien)( du tout)?|(ca )?(ne )?(marche|fonctionne) pas ((ton|votre) (truc|bot|machin|robot|assistant)|ce (bot|robot|chatbot|assistant))|((ton|votre) (truc|bot|machin|robot|assistant)|ce (bot|robot|chatbot|assistant)) (ne )?(marche|fonctionne|sert) (pas|a rien)|(tu|vous) (n )?(as|avez) rien compris|(ca|cela|ta reponse|votre reponse) (ne )?(m aide|sert|repond|correspond) (pas|a rien)( du tout)?( a (ma|la) question)?|(ce n est|c est) pas (ce que (j ai|je t ai|je vous ai) demande|ma question|la question)|pas de reponse|aucune reponse))( (ce bot|ce robot))?$/;

/** The short complaints read as whole messages (« pas terrible ta réponse », « bof bof »), besides the classes above. */
const DISPLEASED =
  /^(t es|tu es|vous etes|c est|franchement|bof|pff+)? ?(vraiment |trop |completement |totalement |super |grave )?(nul|nulle|inutile|pas terrible|pas top|n importe quoi|a cote de la plaque|hors sujet)( (ce bot|ce robot|ta reponse|votre reponse|cette reponse))?$|^(tu|vous) (ne )?(sers|servez) (a|a) rien$|^(ca|cela) (ne )?(m aide|sert) (pas|a rien)$|^(pas de reponse|aucune reponse|pas terrible|bof) .{0,20}$/;

/** « t'es nul », « tu sers à rien », « n'importe quoi »: an apology and another way to ask (short, and aimed at the assistant). */
function isDispleased(n: string, words: string[]): boolean {
  if (MISUNDERSTOOD.test(n) || DISPLEASED.test(n)) return true;
  if (words.length > 8 || !INSULT.test(n)) return false;
  // « wifi pourri » names what is wrong: a question for the knowledge base, not displeasure with the assistant
  const rest = n.replace(new RegExp(INSULT.source, 'g'), ' ').split(' ');
  return AT_YOU.test(n) || (words.length <= 3 && !saysWhat(rest));
}

/** Function words of English: a message mostly made of them is English. */
const ENGLISH = new Set(
  'the a an is are was be to of and or in on for with how what where who when which why can could would should do does did i my me you your it this that there please help hello hi thanks get find need want know about good morning afternoon evening thank'.split(
    ' ',
  ),
);

/** Function words of Spanish, German and Italian that French does not share: the reply is the English one. */
const OTHER_LANGUAGES = new Set(
  (
    'hola necesito ayuda con el los las como donde por favor gracias tengo puedo para buenos dias quiero hablar espanol usted ' +
    'hallo guten tag morgen wie ist ich nicht und mit bitte danke kann ein eine mein meine der das wo funktioniert sprechen deutsch hilfe brauche ' +
    'ciao buongiorno grazie sono come non della dove posso aiuto italiano ' +
    'sorry speak english french understand don doesn am hey thank good morning'
  ).split(' '),
);

/** True when the message reads as English or another foreign language (most words are its function words), not French. */
function isEnglish(tokens: string[]): boolean {
  // « good morning », « thank you »: two English words that French does not also write (« on a » is French)
  if (tokens.length === 2) return tokens.every((t) => ENGLISH.has(t) && !SHARED_WITH_FRENCH.has(t));
  const isForeign = (t: string) => ENGLISH.has(t) || OTHER_LANGUAGES.has(t);
  const foreign = tokens.filter(isForeign).length;
  // « qui a accès à schematic »: « a » is English too, but « qui » is French only, and more French words than foreign ones say French
  const onlyFrench = tokens.filter((t) => STOPWORDS.has(t) && !isForeign(t)).length;
  const onlyForeign = tokens.filter((t) => isForeign(t) && !STOPWORDS.has(t)).length;
  return tokens.length >= 3 && foreign / tokens.length >= 0.4 && onlyForeign > onlyFrench;
}
const SHARED_WITH_FRENCH = new Set(['a', 'on', 'me', 'i', 'do', 'are', 'est']);

/** True when the whole message is a greeting (« bonjour », « re »). */
export function isGreeting(turn: Turn): boolean {
  return GREETING.test(turn.analysis.normalized);
}

/** Words of a thank-you (« ok ça marche, merci pour l'info, bonne journée »). */
const COURTESY = new Set(
  (
    'ok d accord bon parfait super top trop cool excellent impeccable merci thanks thx beaucoup bien infiniment mille fois a toi vous c est gentil note clair ca marche pour ta votre ' +
    'l la les ton aide reponse reponses info infos information informations et bonne journee soiree fin de semaine continuation nuit vacances plus ' +
    'bientot prochaine au revoir bye cool genial nickel tres encore'
  ).split(' '),
);
const THANKS = /\b(merci|thanks|thx|c est gentil|ca marche|parfait|super|top|genial|nickel)\b/;

/** Greetings, thanks, goodbyes, « urgent !!! », English: a short reply, never a knowledge entry. */
export const smalltalk: Step = answering((turn) => {
  const n = squash(turn.analysis.normalized);
  // a message that reads as nothing is read again with the courtesy words spelt right (« aurevoir », « mrc »)
  const fixed = fixTypos(n);
  return courtesy(turn, n) ?? (fixed !== n ? courtesy(turn, fixed) : undefined);
});

/** The short reply to a social message `n` (normalised), if it is one. */
function courtesy(turn: Turn, n: string): TurnResult | undefined {
  const words = n.split(' ');
  // « j'en ai marre de tes rappels, stop »: for the subscriptions step, not a sigh
  if (stopSending(n)) return undefined;
  const farewell = BYE.test(n) || (FAREWELL_MARK.test(n) && words.every((w) => FAREWELL.has(w))) || SEE_YOU.test(turn.text);
  // « au revoir et merci » is a goodbye; « merci, bonne journée » a thank-you
  if (farewell && !turn.text.includes('?') && !STARTS_WITH_THANKS.test(n)) return result('smalltalk.bye', [say(T.bye)]);
  if (isThanks(turn, n, words)) return result('smalltalk.thanks', [say(T.thanks)]);
  if (MOOD.test(n) && words.length <= 8 && !turn.text.includes('?')) return result('smalltalk.mood', [say(T.mood)]);
  if (ACK.test(n) || (NOD_START.has(words[0]) && words.length <= 8 && words.every((w) => NOD.has(w)) && !turn.text.includes('?')))
    return result('smalltalk.ack', [say(T.ack)]);
  if (URGENT_WORD.test(n) && !saysWhat(words) && !turn.analysis.question) return result('smalltalk.urgent', [say(T.urgent)]);
  if (isDispleased(n, words)) return result('smalltalk.sorry', [say(T.sorry)]);
  const rule = RULES.find((r) => r.re.test(n));
  if (rule) return result(rule.intent, [say(typeof rule.reply === 'string' ? rule.reply : rule.reply())]);
  if (isEnglish(words)) return result('smalltalk.english', [say(T.english)]);
  return undefined;
}

/** Strips a leading greeting so that « Bonjour, qui est mon coordo ? » is read as the question. */
export function withoutGreeting(text: string): string {
  return text.replace(/^\s*(bonjour|salut|hello|coucou|bonsoir|hey)\b[\s,!.]*/i, '');
}
