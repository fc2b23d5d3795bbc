import { say } from '../../shared/text.js';
import { normalize } from '../../nlu/normalize.js';
import type { FlowContext, FlowDef } from '../types.js';
import { niveauOf } from './common.js';

const KEY = 'checklist-gar';

/** The GAR steps at the rentrée, by niveau: ticked off one by one and kept across days. */
function items(ctx: FlowContext) {
  const lycee = niveauOf(ctx) === 'lycee';
  return [
    {
      id: 'designation',
      text: lycee
        ? 'Faire désigner les responsables d’affectation : le chef d’établissement les ajoute au groupe manuel « RESP-AFFECT-GAR » dans la console d’administration de Lycée connecté.'
        : 'Faire désigner les responsables d’affectation : le chef d’établissement les désigne dans l’application DÉCADE (portail ARÉNA).',
    },
    { id: 'console', text: 'Vérifier que chaque responsable d’affectation accède à la console GAR depuis l’ENT.' },
    { id: 'abonnements', text: 'Vérifier les abonnements : ressources nationales et territoriales (automatiques), ressources acquises par l’établissement (souscrites par le service de gestion).' },
    { id: 'affectations', text: 'Affecter les ressources aux élèves et aux enseignants dans la console GAR.' },
    { id: 'commission', text: 'Réunir la commission d’affectation des ressources numériques (vivement conseillée).' },
    { id: 'collegues', text: 'Informer les collègues : les ressources sont dans le MÉDIACENTRE de l’ENT (page GAR de la DANE : https://dane.ac-bordeaux.fr/gar/).' },
  ];
}

function render(ctx: FlowContext, done: string[], lead: string) {
  const list = items(ctx);
  const lines = list.map((it, i) => `${i + 1}. [${done.includes(it.id) ? 'x' : ' '}] ${it.text}`);
  const left = list.filter((it) => !done.includes(it.id)).length;
  const status = left ? `Reste ${left} étape(s) sur ${list.length}.` : 'Tout est fait : bonne rentrée !';
  return say(`${lead}\n\n${lines.join('\n')}\n\n${status} Répondez par un numéro pour cocher ou décocher une étape, « terminé » pour fermer la liste (elle reste enregistrée).`);
}

export const checklistGarFlow: FlowDef = {
  id: 'checklist-gar',
  version: 1,
  label: 'suivre la checklist GAR de rentrée',
  command: 'checklist GAR',
  triggers: ['checklist GAR de rentrée', 'liste des étapes GAR à la rentrée', 'préparer le GAR pour la rentrée', 'que faire pour le GAR en début d année', 'étapes des responsables d affectation à la rentrée'],
  intro: 'La liste des étapes GAR de rentrée.',
  steps: [{ id: 'coche', label: 'Étape', prompt: '', help: 'Répondez par le numéro d’une étape pour la cocher (ou la décocher si elle l’était) ; « terminé » ferme la liste, vos coches restent enregistrées d’un jour à l’autre.' }],
  noReview: true,
  finish: () => ({ messages: [] }),
  custom: {
    start: (ctx) => {
      const done = ctx.person.progress[KEY] ?? [];
      const lead = niveauOf(ctx) ? 'Checklist GAR de rentrée :' : 'Checklist GAR de rentrée (je ne connais pas votre niveau : pour un lycée, la désignation passe par le groupe RESP-AFFECT-GAR de Lycée connecté) :';
      return [render(ctx, done, lead)];
    },
    turn: (text, ctx) => {
      const n = normalize(text);
      if (/^(termine|terminer|fini|fin|ferme|fermer|c est tout|merci)$/.test(n)) return { messages: [say('Liste fermée ; vos coches sont enregistrées. Écrivez « checklist GAR » pour la rouvrir.')], done: true };
      const list = items(ctx);
      const nums = [...n.matchAll(/\b(\d{1,2})\b/g)].map((m) => Number(m[1])).filter((k) => k >= 1 && k <= list.length);
      if (!nums.length) return { messages: [render(ctx, ctx.person.progress[KEY] ?? [], 'Je n’ai pas reconnu de numéro d’étape.')] };
      const done = new Set(ctx.person.progress[KEY] ?? []);
      for (const k of nums) {
        const id = list[k - 1].id;
        if (done.has(id)) done.delete(id);
        else done.add(id);
      }
      ctx.person.progress[KEY] = [...done];
      return { messages: [render(ctx, [...done], 'C’est noté.')] };
    },
  },
};
