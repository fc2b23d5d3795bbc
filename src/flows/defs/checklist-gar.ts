import { say } from '../../shared/text.js';
import { normalize } from '../../nlu/normalize.js';
import type { FlowContext, FlowDef } from '../types.js';
import { niveauOf } from './common.js';

const KEY = 'checklist-gar';
/** « fait », « c'est fait pour le 2 », « ok le 3 »: ticked. */
const DONE = /\b(fait|faite|faits|faites|coche|cochee|termine|terminee|realise|realisee|c est bon|valide|validee|regle|reglee)\b/;
/** « pas fait le 3 », « décoche le 2 »: unticked. */
const UNDO = /\b(pas (encore )?(fait|faite|faits|faites|coche|cochee|termine|terminee)|decoche|decocher|annule|a refaire)\b/;

/** The GAR steps at the rentrée from the pack, in the person's niveau (collège texts when unknown): ticked off one by one and kept across days. */
function items(ctx: FlowContext) {
  const lycee = niveauOf(ctx) === 'lycee';
  // the schema gives a step either « texte » or both niveaux' texts
  return ctx.engine.kb.academie.gar.checklist.etapes.map((s) => ({ id: s.id, text: s.texte ?? (lycee ? s.lycee : s.college)! }));
}

function render(ctx: FlowContext, done: string[], lead: string) {
  const list = items(ctx);
  const lines = list.map((it, i) => `${i + 1}. [${done.includes(it.id) ? 'x' : ' '}] ${it.text}`);
  const left = list.filter((it) => !done.includes(it.id)).length;
  const status = left ? `Reste ${left} étape(s) sur ${list.length}.` : 'Tout est fait : bonne rentrée !';
  return say(
    `${lead}\n\n${lines.join('\n')}\n\n${status} Répondez par un numéro pour cocher ou décocher une étape, « terminé » pour fermer la liste (elle reste enregistrée).`,
  );
}

export const checklistGarFlow: FlowDef = {
  id: 'checklist-gar',
  version: 1,
  label: 'suivre la checklist GAR de rentrée',
  command: 'checklist GAR',
  triggers: [
    'checklist GAR de rentrée',
    'liste des étapes GAR à la rentrée',
    'préparer le GAR pour la rentrée',
    'que faire pour le GAR en début d année',
    'étapes des responsables d affectation à la rentrée',
  ],
  intro: 'La liste des étapes GAR de rentrée.',
  steps: [
    {
      id: 'coche',
      label: 'Étape',
      prompt: '',
      help: 'Répondez par le numéro d’une étape pour la cocher (ou la décocher si elle l’était) ; « terminé » ferme la liste, vos coches restent enregistrées d’un jour à l’autre.',
    },
  ],
  noReview: true,
  finish: () => ({ messages: [] }),
  custom: {
    start: (ctx) => {
      const done = ctx.person.progress[KEY] ?? [];
      const unknown = niveauOf(ctx) ? undefined : ctx.engine.kb.academie.gar.checklist.sansNiveau;
      const lead = unknown ? `Checklist GAR de rentrée (je ne connais pas votre niveau : ${unknown}) :` : 'Checklist GAR de rentrée :';
      return [render(ctx, done, lead)];
    },
    turn: (text, ctx) => {
      const n = normalize(text);
      if (/^(termine|terminer|fini|fin|ferme|fermer|c est tout|merci)$/.test(n))
        return { messages: [say('Liste fermée ; vos coches sont enregistrées. Écrivez « checklist GAR » pour la rouvrir.')], done: true };
      const list = items(ctx);
      const nums = [...n.matchAll(/\b(\d{1,2})\b/g)].map((m) => Number(m[1])).filter((k) => k >= 1 && k <= list.length);
      const done = new Set(ctx.person.progress[KEY] ?? []);
      // « pas fait le 3 » unticks, « c'est fait pour le 2 » ticks, a bare number toggles
      const undo = UNDO.test(n);
      const tick = !undo && DONE.test(n);
      if (!nums.length) {
        // « fait » alone: the first step not done yet
        const next = list.findIndex((it) => !done.has(it.id));
        if (tick && next >= 0) nums.push(next + 1);
        else
          return {
            messages: [
              render(
                ctx,
                [...done],
                'Je n’ai pas reconnu de numéro d’étape. Écrivez par exemple « 2 », « fait pour le 3 » ou « pas fait le 1 ».',
              ),
            ],
          };
      }
      for (const k of nums) {
        const id = list[k - 1].id;
        if (undo || (!tick && done.has(id))) done.delete(id);
        else done.add(id);
      }
      ctx.person.progress[KEY] = [...done];
      return { messages: [render(ctx, [...done], 'C’est noté.')] };
    },
  },
};
