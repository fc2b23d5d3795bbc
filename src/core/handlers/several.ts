import type { Hit } from '../../knowledge/search.js';
import type { Analysis } from '../../nlu/analyzer.js';
import { normalize } from '../../nlu/normalize.js';
import { blocksToText, say } from '../../shared/text.js';
import type { Block, OutgoingMessage } from '../../shared/types.js';
import { decide } from '../decide.js';
import type { Engine } from '../engine.js';
import { T } from '../texts.js';
import { answering, result, type Step, type Turn } from '../turn.js';
import { answerEntry, atNiveau } from './knowledge.js';

/** At most this many parts are answered in one reply. */
const MAX_PARTS = 3;
/** About this many characters of each part's answer are kept, so that the reply stays short. */
const BRIEF_CHARS = 350;
/** A later line with a link or an address is kept too when it is this short. */
const BRIEF_REFERENCE = 200;

/** « deux questions : », « deux trucs : » before the questions. */
const LEAD_IN = /^(?:j ai )?(?:deux|2|trois|3|plusieurs) (?:trucs|questions|choses|points|petites questions)(?: rapides)?\s*:?\s*/;
/** What asks to compare two things named before it (« …, c'est quoi la différence ? », « …, lequel sert à quoi ? »). */
const COMPARE_TAIL =
  /^(.+?) (?:et|ou|vs|versus) (.+?),? (?:(?:c est|quelle est|quelles sont) )?(?:quoi )?(?:la |les )?(?:differences?(?: entre (?:les deux|eux|elles|ces deux (?:outils|plateformes|applis?)))?|c est (?:pas )?(?:la )?meme chose|(?:c est )?(?:pas )?pareil|(?:lequel|laquelle|lesquels)\b.*|(?:ca |ils |elles )?(?:sert|servent) a quoi|quoi servent ils|lequel choisir|que choisir)(?: chacun| chacune| respectivement| exactement)?$/;
const COMPARE_BETWEEN = /^(?:.*?\b)?(?:quelle est la |quelles sont les |c est quoi la |la |les )?differences? entre (.+?) et (.+?)$/;
const EITHER = /^(.+?) (?:ou|vs|versus) (.+?)$/;
/** Between two questions: a question mark, a semicolon, a new line, a full stop, « 1) … 2) … », « A / B », or « , et » / « et aussi » / « ainsi que » / « puis ». */
const SEAMS =
  /\s*(?:\?+|;|\n+|\s\/\s|(?<=[a-zà-ÿ]{3})\.\s+(?:autre question\s*:?\s*)?|\b(?:autre question|deuxieme question|deuxième question)\s*:|(?:^|\s)\d[.)]\s|\bet aussi\b|\bainsi que\b|,\s*(?:et|puis|sinon)\b|\bpuis\b|\bet (?=(?:c.est|qui|quel|quelle|quels|quelles|comment|où|quand|combien|pourquoi|est.ce|faut.il|il faut|dois.je|peut.on|on peut)(?![\wà-ÿ])))\s*/i;

/**
 * The parts of a message that asks several things: a comparison
 * (« différence entre VIA et TRIBU », « Médiacad ou Nextcloud ? ») or two
 * questions (« le DPD, et la lettre de mission ? », « le coordo du 47 et
 * celui du 40 ? »). Empty when the message has no such seam.
 */
export function partsOf(text: string): { parts: string[]; comparison: boolean } {
  const names = namesListed(text);
  if (names) return { parts: names, comparison: true };
  const n = normalize(text).replace(LEAD_IN, '');
  const tail = COMPARE_TAIL.exec(n.replace(/ (?:lequel|laquelle) pour .*$/, ' lequel'));
  if (tail) return { parts: [tail[1], tail[2]], comparison: true };
  const between = COMPARE_BETWEEN.exec(n);
  if (between) return { parts: [between[1], between[2]], comparison: true };
  const announced = /^[^:]*\b(?:deux|2|trois|3|plusieurs) (?:trucs|questions|choses|points)[^:]*:\s*/i;
  const body = text.replace(announced, '');
  let questions = body
    .split(SEAMS)
    .map((p) => p.trim())
    .filter((p) => normalize(p));
  // « deux questions : comment marche le gar comment lancer une campagne pix »: announced, each starts with its question word
  if (questions.length < 2 && announced.test(text))
    questions = body
      .split(/\s+(?=(?:comment|qui|quand|où|ou est|pourquoi|combien|quel|quelle|quels|quelles|est-ce|c'est quoi)\s)/i)
      .map((p) => p.trim())
      .filter((p) => normalize(p));
  if (questions.length >= 2) return { parts: questions.slice(0, MAX_PARTS + 1), comparison: false };
  // « tribu c'est quoi et via »: a second name after the question, without a question mark
  const whatThen = /^(.+? (?:c est quoi|qu est ce que c est)) et (?:l |la |le |les )?(.{2,25})$/.exec(n);
  if (whatThen) return { parts: [whatThen[1], whatThen[2]], comparison: true };
  // « je mets où le diaporama … », « par où commencer »: « où » asks where, and is no « ou » once accents are gone
  const asksWhere = /(^|\s)où(\s|$)/i.test(text);
  // « Tribu ou Nextcloud pour partager des fichiers ? »: two names, and what for
  // (« VIA ou la webconférence d'apps education pour une réunion ? », « tribu vs nextcloud pour … »)
  const forWhat = /^(.+?) (?:ou|vs|versus) (.+?) (?:pour|afin de|quand on veut) .+$/.exec(n);
  if (forWhat && !asksWhere && forWhat[1].split(' ').length <= 5 && forWhat[2].split(' ').length <= 5)
    return { parts: [forWhat[1], forWhat[2]], comparison: true };
  // « une FIL c'est pour quoi, par rapport au PAF ? »: the first thing against a second one named as such
  // (a capital: « le rôle du RUPN par rapport au chef d'établissement » is one question)
  const against =
    /^(.+?),? (?:par rapport (?:a la|a l|au|aux|a)|compare(?:e|es|s)? (?:a la|a l|au|aux|a|avec)|en comparaison (?:de la|de l|du|des|de|avec)) (.+?)$/.exec(
      n,
    );
  const named =
    /(?:par rapport|compar[ée]e?s?|en comparaison)\s+\S+\s+(?:l['’]\s*)?([A-ZÀ-Ý][^\s?!.]*(?:\s+[A-ZÀ-Ý][^\s?!.]*)?)\s*[?!.]*\s*$/.exec(
      text,
    );
  if (against && named && against[2].split(' ').length <= 3) return { parts: [against[1], against[2]], comparison: true };
  const either = asksWhere ? null : EITHER.exec(n);
  if (either && either[1].split(' ').length <= 5 && either[2].split(' ').length <= 5)
    return { parts: [either[1], either[2]], comparison: true };
  // « coordo 33 et 40 »: a second part that is only a département number
  const number = /^(.+?) et (?:le |du |dans le |pour le )?(\d{2,3}|2a|2b)$/.exec(n);
  if (number) return { parts: [number[1], `dans le ${number[2]}`], comparison: false };
  // « coordo 47 et coordo 40 »: the same question for two départements
  const numbers = /^(.+?\b(?:\d{2}|2a|2b)) et (.+?\b(?:\d{2}|2a|2b))$/.exec(n);
  if (numbers) return { parts: [numbers[1], numbers[2]], comparison: false };
  // « le coordo du 47 et celui du 40 »: a second part that only names another place or niveau
  const and = /^(.+?) et (celui|celle|ceux|pour|dans|en|au|du|de la|des) (.+)$/.exec(n);
  if (and) return { parts: [and[1], `${and[2]} ${and[3]}`], comparison: false };
  const two = /^(.+?),? et (l |la |le |les |un |une |des |mon |ma |mes )(.+)$/.exec(n);
  if (two) return { parts: [two[1], `${two[2]}${two[3]}`], comparison: false };
  return { parts: [], comparison: false };
}

/** « c'est quoi », « ça sert à quoi » after the names it asks about. */
const WHAT_TAIL =
  /^(.*?)[\s,:;?!-]*(?:^|(?<=[\s,:;?!-]))(?:c['’ ]?est (?:pour )?quoi|qu['’ ]?est[- ]ce que c['’ ]?est|(?:[çc]a|ils|elles) sert?(?:ent)? [àa] quoi|servent [àa] quoi|(?:c['’ ]?est )?o[uù] (?:les |le |la |l['’])?trouver|c['’ ]?est o[uù])(?:\s+(?:ces trucs|ces deux|ces outils|tout [çc]a|exactement|au juste|chacun|en fait))?[\s?!.]*$/i;

/**
 * « la LINE, le café numérique, c'est quoi ? », « pix, magistère : c'est quoi
 * ces trucs ? », « coordos landes + lot et garonne »: short names listed with
 * commas or « + », one question for them all.
 */
function namesListed(text: string): string[] | undefined {
  const head = WHAT_TAIL.exec(text)?.[1] ?? WHAT_HEAD.exec(text)?.[1] ?? (/\s\+\s/.test(text) ? text : undefined);
  if (!head) return undefined;
  const split = (seams: RegExp) =>
    head
      .split(seams)
      .map((p) => p.trim())
      .filter((p) => normalize(p));
  // « pix orga, via et tribu »: after a comma, the last one comes with « et » or « ou »
  const items = split(/,/.test(head) ? /\s*(?:,|\s\+\s|\s(?:et|ou)\s)\s*/ : /\s*(?:,|\s\+\s)\s*/);
  if (items.length >= 2 && items.length <= MAX_PARTS && items.every((p) => normalize(p).split(' ').length <= 5)) return items;
  // « via et nextcloud c'est pour quoi », « c'est quoi décade et le gar » : two short names (each part must still
  // be recognised on its own, so that « lot et garonne » stays one name)
  const pair = split(/\s(?:et|ou)\s/);
  if (pair.length === 2 && !/differen/.test(normalize(head)) && pair.every((p) => normalize(p).split(' ').length <= 3)) return pair;
  return undefined;
}

/** « c'est quoi » before the names it asks about (« c'est quoi via et nextcloud ? »). */
const WHAT_HEAD =
  /^(?:c['’ ]?est quoi|qu['’ ]?est[- ]ce que c['’ ]?est(?: que)?|(?:[àa] quoi )?(?:sert|servent)(?: [àa] quoi)?)\s+(.+?)[\s?!.]*$/i;

/** The parts found for a turn's text, kept so that the flows' step and this one read it once. */
const partsRead = new WeakMap<Turn, { text: string; found: ReturnType<typeof partsOf> }>();

/** The parts of what the turn asks, read with the typos mended (« diffference entre via et tribu », « deux quuestions : »). */
export function askedParts(engine: Engine, turn: Turn): ReturnType<typeof partsOf> {
  const known = partsRead.get(turn);
  if (known?.text === turn.text) return known.found;
  const found = partsOf(engine.analyzer.respell(turn.text));
  partsRead.set(turn, { text: turn.text, found });
  return found;
}

/** The entry's answer cut short: its title, its first blocks, and the short lines that carry a link or an address. */
function brief(m: OutgoingMessage): OutgoingMessage {
  const [title, ...rest] = m.blocks;
  const kept: Block[] = title ? [title] : [];
  let length = 0;
  for (const b of rest) {
    const text = blocksToText([b]);
    const reference = /https?:\/\/|@/.test(text) && text.length <= BRIEF_REFERENCE;
    if (length < BRIEF_CHARS || reference) {
      kept.push(b);
      length += text.length;
    }
  }
  // a label whose list was cut (« L’académie le préconise pour : ») says nothing on its own
  while (kept.length > 1 && /:\s*$/.test(blocksToText([kept[kept.length - 1]]))) kept.pop();
  return { blocks: kept };
}

/**
 * Several things asked at once: each part is recognised on its own (a part
 * that only names a place or a niveau follows the part before it) and, when
 * every part has a clear answer about a different thing, each is answered
 * briefly in the same reply. Otherwise the message goes on as one question.
 */
export function several(engine: Engine): Step {
  return answering((turn) => {
    if (turn.profileOnly) return undefined;
    const { parts, comparison } = askedParts(engine, turn);
    if (parts.length < 2 || parts.length > MAX_PARTS) return undefined;
    const answers: { id: string; message: OutgoingMessage; score: number; key: string }[] = [];
    let previous: string | undefined;
    const unknown: OutgoingMessage[] = [];
    const firstNiveau = engine.analyzer.analyze(parts[0]).niveau;
    for (const [k, part] of parts.entries()) {
      let a = engine.analyzer.analyze(part);
      // « l'ENT du collège et celui du lycée »: the page before, or its counterpart for the niveau this part names
      let id = a.onlyEntities && previous ? atNiveau(engine, engine.entry(previous)!, a.niveau).id : undefined;
      // « arena et osé c'est pareil ? »: « osé » names the collège, but a thing is not compared with itself
      if (comparison && id === previous) id = undefined;
      // « …, et où je fais la demande ? »: a later question is read with what the first one said
      // (« la demande » of a network failure is a ticket, not a training request), unless that only repeats the first
      if (!id && k > 0 && !comparison) {
        const within = engine.analyzer.analyze(`${part} ${parts[0]}`);
        // « les RA GAR en collège et en lycée, on les désigne où ? »: the same page, for the other niveau this part names
        const other = a.niveau && a.niveau !== firstNiveau;
        const found = other && pick(engine, within, comparison) === previous ? previous : pick(engine, within, comparison, previous);
        if (found) [a, id] = [found === previous ? a : within, found];
      }
      id ??= pick(engine, a, comparison);
      // « médiacad vs peertube »: a name the guide never uses is said to be unknown, beside the other's answer
      if (!id && comparison && a.terms.length && a.terms.every((t) => !engine.knows(t)) && part.split(/\s+/).length <= 3) {
        unknown.push(say(T.unknownName(part.trim())));
        continue;
      }
      if (!id) return undefined;
      const entry = engine.entry(id)!;
      const sub: Turn = { ...turn, text: part, analysis: a, conversation: { ...turn.conversation }, preface: [] };
      const r = answerEntry(engine, sub, entry, 1);
      if (r.intent !== 'kb.answer') return undefined;
      const key = `${id}|${a.departement ?? ''}|${a.niveau ?? ''}`;
      if (answers.some((x) => x.key === key)) return undefined;
      answers.push({ id, message: brief(r.messages[0]), score: r.confidence, key });
      previous = id;
    }
    if (!answers.length || (answers.length < 2 && !unknown.length)) return undefined;
    const lead = say(comparison ? T.comparing(answers.length + unknown.length) : T.severalParts(answers.length));
    return result(
      'kb.multi',
      [lead, ...withoutRepeats(answers.map((x) => x.message)), ...unknown],
      answers[0].id,
      Math.min(...answers.map((x) => x.score)),
    );
  });
}

/** The same page asked twice (two départements): the later answers keep only what the earlier ones did not say. */
function withoutRepeats(messages: OutgoingMessage[]): OutgoingMessage[] {
  const shown = new Set<string>();
  return messages.map((m) => {
    const blocks = m.blocks.filter((b) => !shown.has(blocksToText([b])));
    for (const b of m.blocks) shown.add(blocksToText([b]));
    return { blocks };
  });
}

/**
 * The entry a part clearly asks about, if any (other than `except`, the part
 * before it). In a comparison each part is a name (« l'ENT »), so a vague one
 * is read as its best entry.
 */
function pick(engine: Engine, a: Analysis, comparison: boolean, except?: string): string | undefined {
  const ranking = engine.rank(a);
  const other = (hits: Hit[]) => hits.filter((h) => h.id !== except);
  const d = decide({ ...ranking, hits: other(ranking.hits), index: other(ranking.index) }, a, engine, engine.settings);
  if (d.kind === 'answer') return d.hit.id;
  return comparison && d.kind === 'clarify' && d.vague ? d.options[0].id : undefined;
}
