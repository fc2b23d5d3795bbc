import { T } from '../texts.js';
import { answering, result, type Step } from '../turn.js';
import { say } from '../../shared/text.js';

/** Short social messages: a pattern on the whole normalised text, and the reply. */
const RULES: { intent: string; re: RegExp; reply: string | (() => string) }[] = [
  { intent: 'smalltalk.hello', re: /^(bonjour|salut|hello|coucou|bonsoir|hey|yo|hi|re|bjr|slt|wesh)( (a tous|tout le monde|a toi|a vous|l assistant|le bot|rupn))?$/, reply: T.hello },
  { intent: 'smalltalk.thanks', re: /^((merci|thanks|thx|super|parfait|top|genial|nickel|ok merci|d accord merci|cool)( (beaucoup|bien|infiniment|a toi|a vous|c est parfait|pour (ta|votre) (aide|reponse)))*)+$/, reply: T.thanks },
  { intent: 'smalltalk.bye', re: /^(au revoir|bye|a plus|a bientot|bonne (journee|soiree|fin de journee)|ciao|salut a plus)$/, reply: T.bye },
  { intent: 'smalltalk.howareyou', re: /^((bonjour|salut) )?(ca va|comment ca va|comment vas tu|comment allez vous|tu vas bien)$/, reply: T.howAreYou },
  { intent: 'smalltalk.who', re: /^(qui es tu|tu es qui|t es qui|qui etes vous|vous etes qui|c est quoi ce bot|tu es un robot|es tu un robot|tu fais quoi|a quoi sers tu|a quoi tu sers)$/, reply: T.who },
];

/** Greetings, thanks, goodbyes: a short friendly reply, never a knowledge entry. */
export const smalltalk: Step = answering((turn) => {
  const rule = RULES.find((r) => r.re.test(turn.analysis.normalized));
  return rule && result(rule.intent, [say(typeof rule.reply === 'string' ? rule.reply : rule.reply())]);
});

/** Strips a leading greeting so that « Bonjour, qui est mon coordo ? » is read as the question. */
export function withoutGreeting(text: string): string {
  return text.replace(/^\s*(bonjour|salut|hello|coucou|bonsoir|hey)\b[\s,!.]*/i, '');
}
