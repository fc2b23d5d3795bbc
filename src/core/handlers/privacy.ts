import type { FlowState, PersonRecord } from '../../state/people.js';
import type { Engine } from '../engine.js';
import { forgetPart, privacyRequest, stopSending } from './privacy-words.js';
import { hasAnything } from './session.js';
import { fixTypos } from './typos.js';
import { T } from '../texts.js';
import { answering, result, type Step, type Turn } from '../turn.js';
import type { TurnResult } from '../../shared/types.js';
import { say } from '../../shared/text.js';

/** What the assistant could keep about the person, as people name it. */
const ABOUT_ME = `(mes donnees|mes (infos|informations)|mon profil|ta memoire|(tout )?ce que tu (sais|as|gardes|conserves|retiens|as (note|retenu|garde|enregistre|memorise))( (de|sur) moi)?|quoi que ce soit|rien (de|sur) moi|sur moi|de moi|me concernant|a mon sujet)`;
/** In an erasure, a bare « moi » is the person too (« oublie-moi »). */
const ERASE_OBJECT = `(${ABOUT_ME}|moi)`;
const ERASE_VERB = `(efface|effacez|effacer|supprime|supprimez|supprimer|vire|virer|retire|retirer|enleve|enlever|oublie|oubliez|oublier|detruis|detruire|raye|rayer|nettoie|nettoyer)`;
/** « oublie-moi », « vire mon profil de ta mémoire », « supprime tout ce que tu sais sur moi ». */
const ERASE = new RegExp(
  String.raw`^(droit a l oubli|.*\b${ERASE_VERB}\b.*\b${ERASE_OBJECT}\b.*|.*\bne (garde|gardes|conserve|conserves|retiens|retienne|garde plus|conserves plus) (rien|plus rien|quoi que ce soit)\b.*|.*\bne (veux|voudrais|souhaite) (pas|plus) que tu (gardes|conserves|retiennes|enregistres|stockes)\b.*|.*\bque tu ne (gardes|conserves|retiennes) rien\b.*)$`,
);
/** « efface tout », « tu peux supprimer tout ça ? »: erasing, but of what? Asked once. */
const ERASE_VAGUE = new RegExp(
  String.raw`^((tu peux|peux tu|pourrais tu|vous pouvez|pouvez vous|ok|bon|alors|maintenant|merci)\b.*)?\b${ERASE_VERB}\b( (tout|tout ca|ca|le tout|tout ce que tu as))?( (stp|svp|maintenant|s il te plait|s il vous plait|merci))*$`,
);
/** « qu'as-tu noté sur moi ? », « tu enregistres mes questions ? », « mes données ». */
const SHOW = new RegExp(
  String.raw`^(rgpd|mes donnees( personnelles)?|voir mes donnees|mes informations|mon profil|.*\b(montre|montrer|affiche|afficher|voir|sais|savez|connais|gardes|garde|conserves|conserve|retiens|retenu|note|notes|stockes|enregistres|enregistre|memorises|reste|restes)\b.*\b${ABOUT_ME}\b.*|.*\b(enregistres|gardes|conserves|stockes|lis|lises|memorises)\b.*\b(mes|les) (questions|messages|conversations)\b.*|.*\b(historique|trace) de (mes|nos) (questions|messages|conversations)\b.*)$`,
);
const YES = /^(oui|ok|d accord|vas y|go|confirme|je confirme|efface|supprime|oui (efface|supprime|vas y|tout))( tout)?$/;

/**
 * The person's rights in plain words: « qu'as-tu noté sur moi ? » shows
 * everything kept; « vire mon profil de ta mémoire » erases it; a vague
 * « efface tout » is confirmed once, unless it follows what was just shown.
 */
export function privacy(engine: Engine): Step {
  return answering((turn) => {
    const text = turn.analysis.normalized.replace(/ (s il (te|vous) plait|svp|stp|merci)$/, '');
    const pending = turn.conversation.pending;
    const afterShow = pending?.kind === 'privacy' && pending.step === 'shown';
    if (pending?.kind === 'privacy' && pending.step === 'confirm-erase') {
      turn.conversation.pending = undefined;
      if (YES.test(text)) return erase(turn);
      if (/^(non|non merci|surtout pas|annule|annuler|laisse|laisse tomber|pas maintenant)$/.test(text))
        return result('privacy.kept', [say(T.eraseCancelled)]);
    }
    // a message that reads as nothing is read again with the privacy words spelt right (« suprime mes donées »)
    const fixed = fixTypos(text);
    const request = requestOf(text, afterShow) ?? (fixed === text ? undefined : requestOf(fixed, afterShow));
    if (!request || request === 'stop') return undefined;
    if (typeof request === 'object') {
      const { part } = request;
      const had = Boolean(turn.person.profile[part]);
      delete turn.person.profile[part];
      return result('privacy.erase', [say(had ? T.forgotPart(T.profilePart[part]) : T.nothingToForgetPart(T.profilePart[part]))]);
    }
    if (request === 'erase') return erase(turn);
    if (request === 'erase-vague') {
      if (!hasAnything(turn.person)) return result('privacy.erase', [say(T.nothingToForget)]);
      turn.conversation.pending = { kind: 'privacy', step: 'confirm-erase' };
      return result('privacy.confirm', [
        say(T.confirmErase(summary(turn.person, engine)), [
          { label: T.eraseYes, value: 'oui' },
          { label: T.eraseNo, value: 'non' },
        ]),
      ]);
    }
    if (hasAnything(turn.person)) turn.conversation.pending = { kind: 'privacy', step: 'shown' };
    return result('privacy.show', [say(describe(turn.person, engine))]);
  });
}

/** What a message asks of the person's data: stop the sendings (for the next steps), forget one part, erase, confirm erasing, show. */
type Request = 'stop' | { part: 'departement' | 'niveau' } | 'erase' | 'erase-vague' | 'show';

function requestOf(text: string, afterShow: boolean): Request | undefined {
  // « retire-moi de la liste de diffusion »: the subscriptions step stops the sendings, nothing else is erased
  if (stopSending(text)) return 'stop';
  const part = forgetPart(text);
  if (part) return { part };
  const plain = privacyRequest(text);
  if (ERASE.test(text) || plain === 'erase' || (afterShow && ERASE_VAGUE.test(text))) return 'erase';
  if (ERASE_VAGUE.test(text) || plain === 'erase-vague') return 'erase-vague';
  if ((SHOW.test(text) && text.split(' ').length <= 20) || plain === 'show') return 'show';
  return undefined;
}

function erase(turn: Turn): TurnResult {
  const had = hasAnything(turn.person);
  turn.forget = true;
  return result('privacy.erase', [say(had ? T.forgotten : T.nothingToForget)]);
}

/** The profile in a few words (« collège, Gironde (33) »), for the confirmation. */
function summary(p: PersonRecord, engine: Engine): string {
  const parts = [
    p.profile.niveau && T.niveau[p.profile.niveau],
    p.profile.departement && `${engine.answers.departementName(p.profile.departement)} (${p.profile.departement})`,
  ].filter(Boolean) as string[];
  return parts.join(', ');
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A flow in progress with every answer kept so far, by the name of its question. */
function flowAnswers(flow: FlowState, engine: Engine): string {
  const def = engine.flow(flow.flowId);
  const answers = Object.entries(flow.slots).map(([id, value]) =>
    T.myData.answer(def?.fields?.find((f) => f.id === id)?.label ?? id, value || T.myData.emptyAnswer),
  );
  return [T.myData.flow(def?.label ?? flow.flowId, answers.length), ...answers.map((a) => `- ${a}`)].join('\n');
}

/** Every field kept about a person, in words. */
export function describe(p: PersonRecord, engine: Engine): string {
  const recording = engine.settings.recordUnanswered;
  // what is kept without being tied to anyone: the questions left unanswered
  // the académie's data protection officer, when the pack lists one, is the door for a question on the data
  const dpd = engine.kb.contacts.find((c) => c.id === 'dpd');
  const kept = [
    ...(recording ? [T.unanswered(engine.kb.academie.dane.sigle), T.myData.never(true)] : [T.myData.never(false)]),
    T.myData.where,
    T.myData.rights(dpd),
  ];
  if (!hasAnything(p)) return [T.myData.nothing, ...kept].join('\n\n');
  const profile = summary(p, engine);
  const items = [
    profile ? T.myData.profile(profile) : T.myData.noProfile,
    ...p.reminders.map((r) => T.myData.reminder(frDate(r.due), r.text)),
    ...(p.subscriptions ?? []).map((s) =>
      T.myData.subscription(
        s.topic === 'digest' ? T.myData.digest : (engine.kb.calendar?.sujets.find((x) => x.id === s.topic)?.libelle ?? s.topic),
      ),
    ),
    ...Object.entries(p.progress).map(([id, done]) => T.myData.progress(capitalize(engine.flow(id)?.label ?? id), done.length)),
    T.myData.since(frDate(p.createdAt)),
  ];
  // a flow that keeps lasting progress (the GAR checklist) is listed once, by its progress above
  const flows = Object.values(p.conversations)
    .filter((c) => c.flow && !(c.flow.flowId in p.progress))
    .map((c) => flowAnswers(c.flow!, engine));
  return [T.myData.intro, items.map((i) => `- ${i}`).join('\n'), ...flows, ...kept].join('\n\n');
}
