import type { PersonRecord } from '../../state/people.js';
import type { Engine } from '../engine.js';
import { hasAnything } from './session.js';
import { T } from '../texts.js';
import { answering, result, type Step } from '../turn.js';
import { say } from '../../shared/text.js';

const SHOW = /^(mes donnees|voir mes donnees|quelles donnees (as tu|gardes tu|avez vous|conservez vous)( sur moi)?|que sais tu (de|sur) moi|qu est ce que tu sais (de|sur) moi|mes informations|mon profil|rgpd mes donnees)$/;
const ERASE = /^(oublie moi|oubliez moi|supprime mes donnees|supprimez mes donnees|efface mes donnees|effacez mes donnees|supprimer mes donnees|effacer mes donnees|supprime mon profil|efface tout|supprime tout|droit a l oubli)$/;

/** « mes données » shows everything kept; « oublie-moi » erases it and says so. */
export function privacy(engine: Engine): Step {
  return answering((turn) => {
    const text = turn.analysis.normalized.replace(/ (s il (te|vous) plait|svp|stp|merci)$/, '');
    if (SHOW.test(text)) return result('privacy.show', [say(describe(turn.person, engine))]);
    if (ERASE.test(text)) {
      const had = hasAnything(turn.person);
      turn.forget = true;
      return result('privacy.erase', [say(had ? T.forgotten : T.nothingToForget)]);
    }
    return undefined;
  });
}


const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Every field kept about a person, in words. */
export function describe(p: PersonRecord, engine: Engine): string {
  if (!hasAnything(p)) return [T.myData.nothing, T.myData.never].join('\n\n');
  const profile = [
    p.profile.niveau && T.niveau[p.profile.niveau],
    p.profile.departement && `${engine.answers.departementName(p.profile.departement)} (${p.profile.departement})`,
  ].filter(Boolean) as string[];
  const items = [
    profile.length ? T.myData.profile(profile.join(', ')) : T.myData.noProfile,
    ...Object.values(p.conversations)
      .filter((c) => c.flow)
      .map((c) => T.myData.flow(engine.flow(c.flow!.flowId)?.label ?? c.flow!.flowId, Object.keys(c.flow!.slots).length)),
    ...p.reminders.map((r) => T.myData.reminder(frDate(r.due), r.text)),
    ...Object.entries(p.progress).map(([id, done]) => T.myData.progress(capitalize(engine.flow(id)?.label ?? id), done.length)),
    T.myData.since(frDate(p.createdAt)),
  ];
  return [T.myData.intro, items.map((i) => `- ${i}`).join('\n'), T.myData.never].join('\n\n');
}
