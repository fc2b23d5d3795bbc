import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintKnowledge } from '../../src/cli/lint.js';
import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import type { TurnResult } from '../../src/shared/types.js';
import { memoryStore } from '../../src/state/store.js';
import { flat, play } from '../helpers/assistant.js';

/** An invented académie: its own DRANE, ENT, départements (2A, 974), coordinators, tools, FIL form and incident desks. */
const VALMARINE = path.join(import.meta.dirname, '..', 'fixtures', 'valmarine');
const NOW = new Date('2026-11-29T10:00:00Z');
const assistant = createAssistant(memoryStore(), { knowledge: VALMARINE, now: () => NOW });

/** Names of the Bordeaux pack that must never reach a user of another académie. */
const BORDEAUX = /\b(bordeaux|ose|amerana|arena|e anna|lycee connecte|dane)\b/;

/** Plays a transcript on the Valmarine assistant; no reply of it, flow prompts and documents included, names Bordeaux's. */
async function valmarine(script: string): Promise<TurnResult[]> {
  const results = await play(assistant, script);
  for (const r of results) expect(flat(replyText(r)), replyText(r)).not.toMatch(BORDEAUX);
  return results;
}

describe('a second académie, loaded from its own folder with no code change', () => {
  it('passes kb:lint with no warning', () => {
    const report = lintKnowledge(VALMARINE);
    expect(report.warnings).toEqual([]);
    expect(report.lines).toEqual(['Connaissances valides (académie de Valmarine) : 6 fiches, 3 coordonnateurs, 3 outils.']);
  });

  it('answers with its own coordinators, départements written 2A and 974 included', async () => {
    await valmarine(`
      user> qui est le coordonnateur de Haute-Marine ?
      bot> Coordonnateur départemental DRANE, Haute-Marine (2A) : Alice MARIN - alice.marin@ac-valmarine.example
      user> et dans le 974 ?
      bot> Île-Verte (974) : Bruno CORAIL
      user> coordonnateur (2A)
      bot> Alice MARIN
      user> liste des coordos
      bot> Basse-Marine (56) : Chloé EMBRUN
      bot> Voir aussi : https://drane.ac-valmarine.example/equipe/
    `);
  });

  it('names its own ENT, DRANE and tools', async () => {
    await valmarine(`
      user> c'est quoi l'ENT ?
      bot> Kolibri pour les collèges, Lumen pour les lycées
      user> comment contacter la DRANE ?
      bot> 12 quai des Embruns - 97400 Port-Clair
      bot> Téléphone : 01 23 45 67 89
      user> quel outil pour recueillir les travaux des élèves ?
      bot> En collège (Kolibri) : - CARNET de Kolibri
      bot> En lycée (Lumen) : - CASIER de Lumen
    `);
  });

  it('sends a question it cannot answer to its own DRANE, or to the person’s coordinator', async () => {
    await valmarine(`
      user> résultats du loto
      bot> adressez-vous à votre coordonnateur départemental DRANE (dites-moi votre département pour avoir son nom) ou à la DRANE (01 23 45 67 89, https://drane.ac-valmarine.example)
      user> je suis RUPN dans un collège du 974
      bot> C’est noté : collège, Île-Verte
      user> résultats du loto
      bot> votre coordonnateur départemental DRANE, Bruno CORAIL (bruno.corail@ac-valmarine.example), ou à la DRANE (01 23 45 67 89)
    `);
  });

  it('runs the FIL request to its own form', async () => {
    const results = await valmarine(`
      user> je voudrais faire une demande de FIL
      bot> Pour quel établissement
      user> Collège du Port, 9740001A
      user> Prise en main de Kolibri
      user> Accompagner les équipes dans l’usage du carnet de Kolibri
      user> 12 enseignants
      user> 6 heures
      user> mars 2027
      user> passer
      user> Axe 2 : compétences numériques des élèves
      bot> récapitulatif
      user> oui
      bot> Établissement demandeur : Collège du Port (UAI 9740001A)
      bot> Formulaire de demande : https://formation.ac-valmarine.example/fil/demande
      bot> l’établissement peut solliciter une FIL
      bot!> Note (
    `);
    expect(results.at(-1)!.intent).toBe('flow.done');
  });

  it('routes a collège incident to its own platform, portal and IT team', async () => {
    const results = await valmarine(`
      user> signaler une panne
      user> collège
      bot> Quel est le problème
      bot!> Le problème concerne-t-il l’ENT
      user> le vidéoprojecteur ne s’allume plus
      user> salle 204
      user> ce matin
      user> 25 élèves
      user> 1
      bot> récapitulatif
      user> oui
      bot> Où le signaler : Déposez votre demande sur HÉLIX, accessible depuis le portail PÉLICAN (https://pelican.ac-valmarine.example), rubrique « aide et dépannage » : c’est le canal principal. Vous êtes aussi en liaison avec l’équipe d’assistance informatique Cap Info.
      bot> Lieu / matériel : salle 204
    `);
    expect(results.at(-1)!.intent).toBe('flow.done');
  });

  it('asks a lycée whether the problem is its ENT’s, and gives that ENT’s own channel', async () => {
    await valmarine(`
      user> signaler une panne
      user> lycée
      bot> Le problème concerne-t-il l’ENT Lumen ?
      user> aide
      bot> chaîne d’assistance interne à l’ENT
      user> oui
      user> impossible de se connecter à Lumen
      user> CDI
      user> depuis lundi
      user> 3
      user> 2
      bot> Problème propre à l’ENT : Oui
      user> oui
      bot> Pour un problème de Lumen : utilisez l’application « AIDE LUMEN » dans l’ENT ; les administrateurs peuvent aussi écrire à la liste LumAdmin (lumen-admin@ac-valmarine.example). Le canal principal reste HÉLIX (portail PÉLICAN, rubrique « aide et dépannage »).
    `);
    await valmarine(`
      user> signaler une panne
      user> lycée
      user> non
      user> le réseau wifi tombe
      user> bâtiment B
      user> hier
      user> 80 élèves
      user> peut attendre
      user> oui
      bot> Déposez votre demande sur la plateforme d’assistance HÉLIX, accessible depuis le portail PÉLICAN (https://pelican.ac-valmarine.example), rubrique « aide et dépannage ».
      bot!> équipe d’assistance informatique
    `);
  });

  it('keeps its own GAR checklist and its own portal in the commission’s agenda, and offers no lettre de mission model it has not', async () => {
    await valmarine(`
      user> checklist GAR
      bot> Faire désigner les responsables d’affectation dans l’outil MARÉE (portail PÉLICAN).
      bot> Reste 3 étape(s) sur 3
      bot!> je ne connais pas votre niveau
      user> terminé
      user> je veux mettre en place une commission numérique
      user> ad hoc
      user> tous
      user> oui
      bot> accès du chef d’établissement par PÉLICAN
      user> je veux rédiger ma lettre de mission
      user> Lycée du Port
      user> oui
      user> oui
      user> oui
      user> oui
      bot> Voici un projet de lettre de mission
      bot!> Le modèle
    `);
  });

  it('sends a career question to its own staff portal, from the words its lexicon lists', async () => {
    await valmarine(`
      user> je voudrais demander ma mutation
      bot> votre carrière
      bot> PÉLICAN
    `);
  });
});
