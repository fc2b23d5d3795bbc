import { saysSelf } from '../../nlu/analyzer.js';
import { normalize } from '../../nlu/normalize.js';
import { say } from '../../shared/text.js';
import type { Niveau } from '../../shared/types.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { result, type Step, type Turn } from '../turn.js';
import { retell } from './pending.js';

/** « je ne suis plus en Gironde », « je ne travaille pas en lycée », « avant j'étais au collège »: not where the person is. */
const NO_LONGER =
  /^(et |mais )?(pas|plus|non) (en|au|aux|dans)\b|\b((je|j|on|nous) (ne |n )?(suis|travaille|bosse|enseigne|sommes|est|etais|travaillais|bossais|enseignais) (plus|pas|jamais)|avant (je|j) (etais|travaillais|bossais|enseignais)|(je|j) (etais|travaillais|bossais|enseignais) (avant|auparavant|l an dernier|l annee derniere))\b/;
/** What else people say of themselves in passing (« nouvelle dans la fonction », « depuis deux ans »). */
const ABOUT_ME_TOO =
  /^(et )?(nouveau|nouvelle|debutant|debutante|je debute|depuis|cette annee|dans la fonction|en poste|rupn|referent|referente|titulaire|tzr|stagiaire|a temps partiel|a mi temps|prof|professeur|professeure|enseignant|enseignante)\b/;
/** Where a statement about oneself ends and a question begins. */
const SEAM =
  /(?<=[,.;:!?])\s+|\s+(?:et|mais|alors)\s+(?=(?:qui|quel|quelle|comment|où|ou|est-ce|c'est|je (?:veux|voudrais|cherche)|pour)\b)/i;

/**
 * « je suis RUPN dans un collège de Dordogne, qui est mon coordo ? »: the
 * niveau and département go into the profile, with an acknowledgement; the
 * rest of the message (a question) goes on to the next steps as the turn's text.
 */
export function profileLearning(engine: Engine): Step {
  return async (turn, next) => {
    // « nouvelle RUPN en collège, par quoi commencer ? »: the first steps (what is said of the person is kept)
    const n = turn.analysis.normalized;
    if (WHERE_TO_START.test(n) && (NEWCOMER.test(n) || saysSelf(n) || /\b(rupn|referent|referente|mission|fonction)\b/.test(n))) {
      learn(turn, engine, turn.analysis.departement, turn.analysis.niveau);
      const known = Boolean(turn.person.profile.niveau && turn.person.profile.departement);
      turn.result = result('profile.welcome', [say(T.welcome(known, true))]);
      return;
    }
    if (introducesOnly(engine, turn)) {
      // « bonjour, je suis nouvelle », « je débute comme référente numérique »: nothing asked yet
      const known = Boolean(turn.person.profile.niveau && turn.person.profile.departement);
      turn.result = result('profile.welcome', [say(T.welcome(known, NEWCOMER.test(turn.analysis.normalized)))]);
      return;
    }
    // « je ne suis plus en Gironde » alone: that part of the profile goes, and where they are now is asked;
    // « je ne suis pas en collège mais en lycée »: what follows « mais » is where they are
    if (NO_LONGER.test(turn.analysis.normalized) && turn.text.split(SEAM).every((t) => NO_LONGER.test(normalize(t)))) {
      const [before, after] = turn.analysis.normalized.split(/\b(?:mais|maintenant|desormais|plutot)\b/, 2);
      const now = after ? engine.analyzer.analyze(after) : undefined;
      if (now?.departement || now?.niveau) {
        learn(turn, engine, now.departement, now.niveau);
        turn.result = result('profile.update', [], null, 1);
        return;
      }
      const { departement, niveau } = engine.analyzer.analyze(before.replace(/\b(pas|plus)\b/g, ' '));
      const profile = turn.person.profile;
      const gone = [
        niveau && profile.niveau === niveau && T.niveau[niveau],
        departement && profile.departement === departement && engine.answers.departementName(departement),
      ].filter((x): x is string => Boolean(x));
      if (departement || niveau) {
        if (niveau === profile.niveau) profile.niveau = undefined;
        if (departement === profile.departement) profile.departement = undefined;
        turn.result = result('profile.update', [say(T.noLonger(gone.length ? T.profileWhat(gone) : undefined))]);
        return;
      }
    }
    if (turn.analysis.aboutSelf) {
      // « je ne suis plus en Gironde, je suis dans les Landes »: where the person no longer is says nothing of them
      const segments = turn.text
        .split(SEAM)
        .filter((text) => !NO_LONGER.test(normalize(text)))
        .map((text) => ({
          text,
          self: saysSelf(normalize(text)),
          whoOrWhere: saysWhoOrWhere(engine, text),
        }));
      const self = segments.filter((s) => s.self);
      // « je travaille au collège, dans les Pyrénées-Atlantiques »: the place said apart is the person's too
      const found = engine.analyzer.analyze(
        segments
          .filter((s) => s.self || s.whoOrWhere)
          .map((s) => s.text)
          .join(' '),
      );
      // what is left is the question, unless it too only says who or where the person is;
      // « voir les statistiques de l'ENT dans mon collège » says where, and asks
      const rest = segments
        .filter((s) => (!s.self || asksAtMySchool(engine, s.text)) && !s.whoOrWhere)
        .map((s) => s.text)
        .join(' ')
        .trim();
      if (found.departement || found.niveau) {
        learn(turn, engine, found.departement, found.niveau);
        retell(engine, turn, rest);
        turn.profileOnly = !turn.text;
      } else if (rest && self.length) {
        // « je suis nouveau, qui est mon coordo ? »: the question alone, its words not mixed with the introduction's
        retell(engine, turn, rest);
      }
    }
    await next();
  };
}

/** « par quoi commencer ? », « les premières choses à faire »: where a newcomer starts. */
const WHERE_TO_START =
  /\b(par (quoi|ou) (je |on )?(commencer|commence|debuter|debute|demarrer)|(premieres|premiers) (choses|pas|etapes|demarches|missions)|comment (bien )?(debuter|demarrer|commencer)( dans (la fonction|le role|la mission|le poste))?$)\b/;
/** The words of a bare self-introduction (« nouvelle référente numérique depuis la rentrée »). */
const INTRO = new Set(
  (
    'je j suis jsuis chuis chui moi c est m appelle bonjour salut hello coucou bonsoir et ici voila alors donc ' +
    'nouveau nouvelle nouveaux nouvelles jeune debutant debutante debute commence arrive arrivee nomme nommee designe designee comme ' +
    'un une le la les l de d du des en au a dans cette cet annee rentree depuis an ans mois semaine fonction poste mission role ' +
    'rupn referent referente referents numerique numeriques prof profs professeur professeure enseignant enseignante stagiaire tzr titulaire ' +
    'contractuel contractuelle documentaliste doc cpe academie bordeaux'
  ).split(' '),
);
const NEWCOMER =
  /\b(nouveau|nouvelle|nouveaux|nouvelles|debutant|debutante|debute|commence|arrive|arrivee|nomme|nommee|designe|designee)\b/;

/**
 * The whole message only says who the person is, with no place or niveau to
 * learn and nothing asked: its other words (a subject taught, a first name)
 * are at most two that the guide does not use.
 */
function introducesOnly(engine: Engine, turn: Turn): boolean {
  const a = turn.analysis;
  // a newcomer, or anyone who only says who they are (« je suis RUPN », « moi c'est Julie »)
  if (a.departement || a.niveau || /\?/.test(turn.text) || a.question || a.wish) return false;
  if (!NEWCOMER.test(a.normalized) && !saysSelf(a.normalized)) return false;
  // « c'est qui qui désigne le RUPN » asks, even without a question mark
  if (/\b(qui|quoi|comment|quand|pourquoi|combien|quel|quelle|quels|quelles|lequel|laquelle)\b/.test(a.normalized)) return false;
  const other = a.tokens.filter((t) => !INTRO.has(t));
  return other.length <= 2 && engine.analyzer.analyze(other.join(' ')).terms.every((t) => !engine.knows(t));
}

/** « dans mon collège », « dans notre lycée »: one's own school, anywhere in a sentence. */
const AT_MY_SCHOOL = /\b(?:dans|a|au) (?:mon|notre|ce) (?:college|lycee|etablissement|bahut)\b/g;

/** A request whose only word about the person is where it happens (« … dans mon collège »). */
function asksAtMySchool(engine: Engine, segment: string): boolean {
  const n = normalize(segment);
  const without = n.replace(AT_MY_SCHOOL, ' ').trim();
  return without !== n && !saysSelf(without) && !saysWhoOrWhere(engine, without);
}

/** A piece of a self-introduction: « dans les Landes », « nouvelle dans la fonction », not a question. */
function saysWhoOrWhere(engine: Engine, segment: string): boolean {
  const n = normalize(segment);
  if (!n || /\?/.test(segment)) return !n;
  const a = engine.analyzer.analyze(segment);
  if (a.question || a.wish) return false;
  return a.onlyEntities || ABOUT_ME_TOO.test(n);
}

/** Stores what was learnt and prefaces the reply with an acknowledgement. */
export function learn(turn: Turn, engine: Engine, departement?: string, niveau?: Niveau): void {
  const parts: string[] = [];
  if (niveau) {
    turn.person.profile.niveau = niveau;
    parts.push(T.niveau[niveau]);
  }
  if (departement) {
    turn.person.profile.departement = departement;
    parts.push(engine.answers.departementName(departement));
  }
  if (parts.length) turn.preface.push(say(T.profileSaved(T.profileWhat(parts))));
}
