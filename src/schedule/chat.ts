import { z } from 'zod';
import type { Engine } from '../core/engine.js';
import { stopSending } from '../core/handlers/privacy-words.js';
import { answering, result, type Step } from '../core/turn.js';
import type { Calendar } from '../knowledge/calendar.js';
import type { PersonRecord } from '../state/people.js';
import type { StateStore } from '../state/store.js';
import { say } from '../shared/text.js';
import type { Address, IncomingMessage, Niveau } from '../shared/types.js';
import { conversationRoom, roomKey, SCHEDULE, syncRoster, updateShared, type Rooms } from './audience.js';
import { DIGEST_TOPIC } from './plan.js';
import { S } from './texts.js';
import { frenchDay, parisDate } from './time.js';
import { countTopic } from './topics.js';

/** `RUPN_ADMINS`: platform user ids (`U0123`, `@jeanne:agent.tchap.gouv.fr`), or `platform:id`, separated by commas or spaces. */
export const adminsSchema = z
  .string()
  .default('')
  .transform((s) => s.split(/[\s,]+/).filter(Boolean));

const SUBSCRIBE =
  /\b(abonne|abonnez|inscris|inscrivez) (moi|nous|ce|cette|le salon|le canal|ici)\b|\b(m|nous) (abonner|inscrire)\b|\b(abonner|inscrire) (ce|cette|le salon|le canal)\b/;
const REMIND = /\b(rappelle|rappelez|previens|prevenez|avertis|avertissez)\b|\b(envoie|envoyez) moi\b/;
const LIST =
  /^((quels sont |liste |voir |affiche )?mes (rappels|abonnements)|a quoi (je suis|suis je) abonne e?|je suis abonne e? a quoi)$/;
/** Subscribing to something that is not ours: « m'inscrire à une formation », « m'abonner à une revue ». */
const ELSEWHERE =
  /\b(abonner|inscrire|abonne moi|inscris moi|abonnez moi|inscrivez moi) (a|au|aux|en|pour|sur) (?!(tes |vos |les |des )?(rappels?|envois?|messages?|notifications?|alertes?|sujets?|tout|tous)\b)/;
const QUESTION = /\b(comment|pourquoi|qui|quoi|quel|quelle|quels|quelles|ou|c est quoi|qu est ce|ce qu|ce que)\b/;
const ROOM = /\b(ce salon|ce canal|cette chaine|ce channel|cette conversation|le salon|le canal|ici)\b/;
const DIGEST = /\b(digest|lettre hebdo|hebdomadaire|resume de la semaine|newsletter de la semaine)\b/;
const ALL = /\b(tout|tous|toutes)\b/;
/** The answer the renewal notice asks for (any reply renews, this one says so). */
const KEEP =
  /^(je (veux |voudrais )?)?(garder|garde|gardez|conserver|conserve|conservez|renouveler|renouvelle|renouvelez|prolonger|prolonge|prolongez|continuer) (mes|les) (abonnements?|rappels)$/;

/** The topics a message names: `digest` and the calendar's subjects, by their words. */
function topicsOf(text: string, cal: Calendar): string[] {
  const padded = ` ${text} `;
  // the request a niveau choice sends back names the subjects by id, after « sujets »
  const byId = / sujets /.test(padded);
  const found = cal.sujets
    .filter((s) => s.mots.some((m) => padded.includes(` ${m} `)) || (byId && padded.includes(` ${s.id.replace(/-/g, ' ')} `)))
    .map((s) => s.id);
  return DIGEST.test(text) ? [DIGEST_TOPIC, ...found] : found;
}

const label = (cal: Calendar, topic: string) =>
  topic === DIGEST_TOPIC ? S.digestLabel : (cal.sujets.find((s) => s.id === topic)?.libelle ?? topic);
const allTopics = (cal: Calendar) => [DIGEST_TOPIC, ...cal.sujets.map((s) => s.id)];

const roomOf = (m: IncomingMessage): Address => conversationRoom(m.workspace, m.conversation);
const personOf = (m: IncomingMessage): Address => ({ kind: 'person', workspace: m.workspace, user: m.user });

/**
 * Subscriptions in plain French: « abonne-moi au digest », « rappelle-moi le
 * GAR à la rentrée », « mes rappels », « désabonne-moi de tout »; the niveau
 * is asked once if unknown. An administrator (`RUPN_ADMINS`) subscribes a
 * room: « abonne ce salon au digest des collèges ».
 */
export function subscriptions(engine: Engine, store: StateStore, admins: string[] = adminsSchema.parse(process.env.RUPN_ADMINS)): Step {
  const isAdmin = (m: IncomingMessage) => admins.includes(m.user) || admins.includes(`${m.platform}:${m.user}`);
  return answering(async (turn) => {
    const cal = engine.kb.calendar;
    const text = turn.analysis.normalized;
    const p = turn.person;
    const unsubscribe = stopSending(text);
    const subscribe = !unsubscribe && (SUBSCRIBE.test(text) || (REMIND.test(text) && !QUESTION.test(text)));
    const list = LIST.test(text);
    if (KEEP.test(text)) {
      if (!p.subscriptions.length) return result('schedule.list', [say(S.none)]);
      // the record is written again at the end of this turn: a year from now
      const ends = parisDate(new Date(turn.now.getTime() + engine.settings.retentionMs));
      return result('schedule.kept', [say(S.renewal.kept(frenchDay(ends)))]);
    }
    if (!unsubscribe && !subscribe && !list) return undefined;
    if (!cal) return subscribe || list ? result('schedule.unavailable', [say(S.noCalendar)]) : undefined;
    const topics = ALL.test(text) && !unsubscribe ? allTopics(cal) : topicsOf(text, cal);
    const niveau: Niveau | undefined = turn.analysis.niveau;
    const room = ROOM.test(text) && !/\bmoi\b/.test(text);

    if (room && (subscribe || unsubscribe)) {
      if (!isAdmin(turn.message)) return result('schedule.room_refused', [say(S.roomNotAdmin)]);
      const address = roomOf(turn.message);
      const key = roomKey(turn.message.platform, address);
      if (unsubscribe) {
        await updateShared<Rooms>(store, 'rooms', {}, (r) => {
          delete r[key];
          return r;
        });
        return result('schedule.room_unsubscribed', [say(S.roomUnsubscribed)]);
      }
      if (!topics.length) return result('schedule.topics', [say(S.whatTopics(allTopics(cal).map((t) => label(cal, t))))]);
      // a room keeps the niveau it was given until one is named again
      const roomNiveau = niveau ?? (await store.read<Rooms>(SCHEDULE, 'rooms'))?.[key]?.niveau;
      if (topics.includes(DIGEST_TOPIC) && !roomNiveau) return askNiveau(`abonne ce salon aux sujets ${topics.join(' ')}`);
      const since = turn.now.toISOString();
      await updateShared<Rooms>(store, 'rooms', {}, (r) => {
        const old = r[key]?.topics ?? [];
        r[key] = {
          platform: turn.message.platform,
          address,
          topics: [...new Set([...old, ...topics])],
          niveau: niveau ?? r[key]?.niveau,
          by: turn.message.user,
          since,
        };
        return r;
      });
      return result('schedule.room_subscribed', [
        say(
          S.roomSubscribed(
            topics.map((t) => label(cal, t)),
            roomNiveau,
          ),
        ),
      ]);
    }

    if (list) return result('schedule.list', [say(describeMine(p, cal))]);

    if (unsubscribe) {
      const had = p.subscriptions.length + p.reminders.length;
      if (!had) return result('schedule.unsubscribed', [say(S.nothingToStop)]);
      if (!topics.length || ALL.test(text)) {
        p.subscriptions = [];
        p.reminders = [];
        return result('schedule.unsubscribed', [say(S.unsubscribedAll)]);
      }
      p.subscriptions = p.subscriptions.filter((s) => !topics.includes(s.topic));
      return result('schedule.unsubscribed', [say(S.unsubscribed(topics.map((t) => label(cal, t))))]);
    }

    if (!topics.length) {
      // « rappelle-moi … » about nothing the calendar knows: not a subscription, let the rest answer
      if (!SUBSCRIBE.test(text) || ELSEWHERE.test(text)) return undefined;
      return result('schedule.topics', [say(S.whatTopics(allTopics(cal).map((t) => label(cal, t))))]);
    }
    if (turn.message.canWriteFirst === false) return result('schedule.unreachable', [say(S.cannotWriteFirst)]);
    if (niveau) p.profile.niveau = niveau;
    if (!p.profile.niveau) return askNiveau(`abonne moi aux sujets ${topics.join(' ')}`);
    const fresh = topics.filter((t) => !p.subscriptions.some((s) => s.topic === t));
    if (!fresh.length) return result('schedule.subscribed', [say(S.already(topics.map((t) => label(cal, t))))]);
    p.subscriptions.push(...fresh.map((topic) => ({ topic, since: turn.now.toISOString() })));
    return result('schedule.subscribed', [
      say(
        S.subscribed(
          fresh.map((t) => label(cal, t)),
          p.profile.niveau,
        ),
      ),
    ]);

    /** The niveau is asked with choices whose value is the whole request again, niveau included: no state of its own. */
    function askNiveau(request: string) {
      const options = S.niveauChoices.map((c) => ({ label: c.label, value: `${request} en ${c.value}` }));
      turn.conversation.pending = { kind: 'choices', options };
      return result('schedule.ask_niveau', [say(S.askNiveau, options)]);
    }
  });
}

/** « mes rappels »: subscriptions and promised reminders, in words. */
function describeMine(p: PersonRecord, cal: Calendar): string {
  const lines = [
    ...p.subscriptions.map((s) => label(cal, s.topic)),
    ...p.reminders.map((r) => S.reminderLine(new Date(r.due).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }), r.text)),
  ];
  return lines.length ? S.mine(lines) : S.none;
}

/**
 * Wraps the whole turn: afterwards, the roster follows the person's record
 * (someone who subscribed, was promised a reminder, or was forgotten), and
 * the answered topic is counted for the digest's « most asked » (no person kept).
 */
export function scheduleBookkeeping(store: StateStore): Step {
  return async (turn, next) => {
    await next();
    const m = turn.message;
    // reminders long past are dropped from the record as it is saved
    turn.person.reminders = turn.person.reminders.filter((r) => Date.parse(r.due) > turn.now.getTime() - 2 * 864e5);
    await syncRoster(store, turn.key, m.platform, personOf(m), turn.forget ? undefined : turn.person, turn.now).catch(() => {});
    if (turn.result?.intent === 'kb.answer' && turn.result.topic) await countTopic(store, turn.now, turn.result.topic).catch(() => {});
  };
}

export { SCHEDULE };
