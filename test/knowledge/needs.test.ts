/**
 * Issue 8, families 1 and 8, as a RUPN would notice them: a need said without
 * the guide's words gets the tool entry that serves it, with the tools of the
 * person's niveau only; a message out of the guide's scope that contains one of
 * its words (congé, CVL, voyage, emploi du temps…) is refused. Phrasings here
 * are not in `exemples/`.
 */
import { describe, expect, it } from 'vitest';
import type { Niveau } from '../../src/index.js';
import { ask, testAssistant } from '../helpers/assistant.js';

const a = testAssistant();
const HORS_SUJET = /je ne peux pas vous aider sur ce sujet/i;

interface Need {
  niveau?: Niveau;
  text: string;
  topic: string;
  says: string[];
  never?: string[];
}

const needs: Need[] = [
  {
    niveau: 'college',
    text: 'mes 3e voudraient s’entraîner sur un QCM avant le brevet blanc, tu conseilles quoi ?',
    topic: 'outils.ressources',
    says: ['MÉDIACENTRE', 'ILIAS'],
    never: ['MOODLE'],
  },
  {
    niveau: 'lycee',
    text: 'je cherche de quoi faire un quiz de fin de chapitre à ma classe de première',
    topic: 'outils.ressources',
    says: ['MOODLE'],
    never: ['ILIAS', 'TROUSSE'],
  },
  {
    niveau: 'lycee',
    text: 'Une élève de terminale est à l’hôpital pour plusieurs semaines : comment lui permettre d’assister au cours en visio ?',
    topic: 'outils.visio-eleves',
    says: ['CLASSE VIRTUELLE du CNED', 'WEBCONFÉRENCE de Lycée connecté'],
  },
  {
    niveau: 'college',
    text: 'un collégien cloué au lit après une opération, il pourrait suivre mes cours en direct ?',
    topic: 'outils.visio-eleves',
    says: ['CLASSE VIRTUELLE'],
    never: ['WEBCONFÉRENCE de Lycée connecté'],
  },
  {
    niveau: 'lycee',
    text: 'une carte mentale collective sur la mondialisation avec mes terminales',
    topic: 'outils.creer-contenus',
    says: ['MUR COLLABORATIF'],
    never: ['TROUSSE'],
  },
  {
    niveau: 'college',
    text: 'mes 5e vont écrire un blog pendant le séjour à la montagne',
    topic: 'outils.creer-contenus',
    says: ['TROUSSE NUMÉRIQUE'],
    never: ['MUR COLLABORATIF', 'CAHIER MULTIMÉDIA'],
  },
  // no stored niveau: « mes 4e » says collège
  {
    text: 'mes 4e veulent réaliser un podcast sur l’histoire du quartier',
    topic: 'outils.creer-contenus',
    says: ['TROUSSE NUMÉRIQUE'],
    never: ['CAHIER MULTIMÉDIA'],
  },
  {
    niveau: 'lycee',
    text: 'je voudrais que ma classe de seconde crée une frise sur les révolutions',
    topic: 'outils.creer-contenus',
    says: ['FRISE CHRONOLOGIQUE'],
  },
  {
    text: 'la vidéo de la remise des diplômes pèse 5 Go, comment la faire voir aux élèves ?',
    topic: 'outils.mediacad',
    says: ['MÉDIACAD', 'plusieurs Go'],
  },
  {
    text: 'un fichier de plusieurs Go à faire passer à toute la classe, la messagerie le refuse',
    topic: 'outils.nextcloud',
    says: ['NEXTCLOUD', 'lien'],
  },
  {
    niveau: 'lycee',
    text: 'récupérer les DM de mes premières et leur rendre corrigés',
    topic: 'outils.recueillir-travaux',
    says: ['CASIER', 'annot'],
    never: ['dossier de dépôt'],
  },
  {
    niveau: 'college',
    text: 'un endroit où mes 6e déposent leur travail, comment faire ?',
    topic: 'outils.recueillir-travaux',
    says: ['dossier de dépôt'],
    never: ['CASIER'],
  },
  {
    text: 'un sondage auprès des parents sur la sortie de fin d’année',
    topic: 'outils.communiquer',
    says: ['sondage', 'messageries'],
  },
  {
    niveau: 'college',
    text: 'je mets où le diaporama de mon cours pour que mes 5e le relisent ?',
    topic: 'outils.publier',
    says: ['MÉDIATHÈQUE'],
    never: ['MOODLE'],
  },
  {
    niveau: 'lycee',
    text: 'réunion des profs de l’équipe de SES en visio mardi soir',
    topic: 'outils.via',
    says: ['VIA', 'entre personnels'],
  },
  {
    text: 'un endroit en ligne pour les documents partagés de l’équipe de technologie',
    topic: 'outils.tribu',
    says: ['TRIBU'],
  },
];

describe('family 1: a need without the guide’s words gets the tool that serves it', () => {
  it.each(needs)('« $text »', async (n) => {
    const r = await ask(a, n.text, n.niveau ? { profile: { niveau: n.niveau } } : {});
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe(n.topic);
    for (const s of n.says) expect(r.text).toContain(s);
    for (const s of n.never ?? []) expect(r.text).not.toContain(s);
  });
});

describe('family 8: out of scope with a guide word in it', () => {
  it.each([
    'j’aimerais un congé de formation d’un an pour reprendre un master, qui décide ?',
    'le CVL prépare un bal pour les terminales, c’est au CPE de l’autoriser ?',
    'ma demande de mutation a été refusée, je peux faire un recours ?',
    'l’emploi du temps de mes 6e est surchargé le lundi, qui peut le modifier ?',
    'la liste des passeports pour le voyage scolaire à Londres, qui la vérifie ?',
    'combien gagne un certifié au 7e échelon ?',
  ])('« %s » is refused, with no guide page', async (text) => {
    const r = await ask(a, text);
    expect(r.topic).toBeNull();
    expect(r.text).toMatch(HORS_SUJET);
  });

  it.each([
    ['les élus du CVL peuvent-ils faire partie de la commission numérique ?', 'commission-numerique'],
    ['je suis payé pour être RUPN ?', 'rupn.indemnite'],
    ['prévenir les familles que le retour du voyage est décalé', 'outils.communiquer'],
  ])('« %s » is still answered', async (text, topic) => {
    const r = await ask(a, text);
    expect(r.intent).toBe('kb.answer');
    expect(r.topic).toBe(topic);
  });
});
