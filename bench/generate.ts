/**
 * Generated knowledge packs for the benchmark: the shipped pack (its lexicon,
 * académie, data, entries and examples) plus generated entries up to a size,
 * written as YAML a DANE editor could have written. Deterministic: the same
 * size gives the same files, so every run measures the same pack.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { rng } from '../src/shared/random.js';

/** A question whose right answer is known: the entry it was written for. */
export interface BenchQuestion {
  text: string;
  topic: string;
}

// verb, and how the need is put without the verb (« un problème de … »)
const ACTIONS: [string, string][] = [
  ['paramétrer', 'le paramétrage de'],
  ['configurer', 'la configuration de'],
  ['réinitialiser', 'la réinitialisation de'],
  ['installer', "l'installation de"],
  ['désactiver', 'la désactivation de'],
  ['partager', 'le partage de'],
  ['sauvegarder', 'la sauvegarde de'],
  ['exporter', "l'export de"],
  ['mettre à jour', 'la mise à jour de'],
  ['supprimer', 'la suppression de'],
  ['restaurer', 'la restauration de'],
  ['réserver', 'la réservation de'],
  ['emprunter', "l'emprunt de"],
  ['sécuriser', 'la sécurisation de'],
  ['déclarer', 'la déclaration de'],
  ['inventorier', "l'inventaire de"],
  ['commander', 'la commande de'],
  ['recycler', 'le recyclage de'],
  ['brancher', 'le branchement de'],
  ['dépanner', 'le dépannage de'],
  ['prêter', 'le prêt de'],
  ['synchroniser', 'la synchronisation de'],
  ['archiver', "l'archivage de"],
  ['présenter', 'la présentation de'],
  ['évaluer', "l'évaluation de"],
  ['nettoyer', 'le nettoyage de'],
  ['étiqueter', "l'étiquetage de"],
  ['remplacer', 'le remplacement de'],
  ['financer', 'le financement de'],
  ['assurer', "l'assurance de"],
];

const OBJECTS = [
  'la tablette',
  'le vidéoprojecteur',
  'le tableau numérique interactif',
  'la classe mobile',
  "l'imprimante 3D",
  'le robot pédagogique',
  'le casque de réalité virtuelle',
  'le baladeur audio',
  'le visualiseur',
  'la borne wifi',
  "l'espace de stockage",
  'le cahier de textes',
  'la messagerie de classe',
  'le manuel numérique',
  'la carte mentale',
  'le podcast',
  'la webradio',
  'le questionnaire en ligne',
  'la banque de ressources',
  'le logiciel de montage vidéo',
  'la capsule vidéo',
  "l'ordinateur portable",
  'la clé de sécurité',
  'le compte élève',
  "l'annuaire des élèves",
  "l'agenda partagé",
  'la salle informatique',
  'le serveur pédagogique',
  'le quiz interactif',
  'le blog de classe',
  'le journal scolaire',
  "l'exerciseur de calcul",
  'le logiciel de géométrie',
  'le dictionnaire en ligne',
  'la caméra de documents',
  'la carte programmable',
  'le drone',
  'la console de jeux éducatifs',
  'le scanner',
  "l'écran tactile",
  'la liseuse',
  "l'enceinte connectée",
  'le microscope numérique',
  'la station météo',
  'le traceur de découpe',
  'la plastifieuse',
  'le studio de doublage',
  'le fond vert',
  'la table de mixage',
  'le lecteur de badges',
  'le casier de dépôt',
  'le portfolio numérique',
  "l'emploi du temps en ligne",
];

const CONTEXTS = [
  'en mathématiques',
  'en EPS',
  'au CDI',
  'en SEGPA',
  'en ULIS',
  'en section européenne',
  'pour les élèves allophones',
  'en physique-chimie',
  'en histoire-géographie',
  'en arts plastiques',
  'en éducation musicale',
  'en technologie',
  'en langues vivantes',
  'en voie professionnelle',
  'en BTS',
  'en sixième',
  'en seconde',
  'en terminale',
  'pendant les examens',
  "à l'internat",
  'à la vie scolaire',
  'en salle des professeurs',
  'en conseil de classe',
  'avec les parents',
  'en atelier',
  'en sortie scolaire',
  'en accompagnement personnalisé',
  'pendant devoirs faits',
  'en français',
  'en philosophie',
  'en SVT',
  'en SES',
  'en NSI',
  'en latin',
  'en maternelle de liaison',
  'au foyer des élèves',
  "à l'infirmerie",
  'en classe inversée',
  'en club robotique',
  'au laboratoire de langues',
];

const STEPS = [
  'commencez par vérifier que le matériel est inventorié et que les élèves disposent de leurs identifiants',
  "demandez d'abord l'accord du chef d'établissement, puis prévenez le référent numérique",
  'consultez la fiche pas à pas de la DANE et testez la manipulation avant la séance',
  "ouvrez un ticket auprès de l'assistance si le problème persiste après un redémarrage",
  'notez la démarche dans le cahier de liaison du RUPN pour garder une trace pour les collègues',
  "vérifiez les droits des comptes dans l'ENT et la charte d'usage de l'établissement",
];

const FILLERS = [
  "Le coordonnateur départemental de la DANE peut accompagner l'équipe si besoin.",
  "Pensez à informer les collègues lors de la prochaine commission numérique de l'établissement.",
  "Les données personnelles des élèves restent dans l'ENT : respectez le RGPD.",
  'Une formation courte peut être demandée au plan de formation ou en FIL.',
  'La collectivité de rattachement prend en charge la maintenance du matériel.',
  "Le RUPN conseille l'équipe de direction mais n'assure pas la maintenance.",
  'Les élèves doivent être informés des règles d’usage avant la première utilisation.',
  "Un guide détaillé est disponible sur le site de la DANE de l'académie.",
];

const QUESTION_FORMS = [
  (v: string, o: string, c: string) => `Comment ${v} ${o} ${c} ?`,
  (v: string, o: string, c: string) => `${cap(o)} ${c} : comment faire pour ${v} ?`,
  (v: string, o: string, c: string) => `Qui peut m'aider à ${v} ${o} ${c} ?`,
];
const EXAMPLE_FORMS = [
  (v: string, o: string, c: string) => `je dois ${v} ${o} ${c}, je fais comment`,
  (v: string, o: string, c: string) => `besoin d'aide pour ${v} ${o} ${c} svp`,
  (_v: string, o: string, c: string, n: string) => `une question sur ${n} ${bare(o)} ${c}`,
];
/** Held-out phrasings: never in the pack, so top-1 accuracy is measured on new text. */
const HELD_OUT_FORMS = [
  (v: string, o: string, c: string) => `on voudrait ${v} ${o} ${c}, c'est possible ?`,
  (v: string, o: string, c: string) => `${c.replace(/^(en|au|à|pour|avec|pendant) /, '')} ${bare(o)} : ${v}, la marche à suivre ?`,
  (_v: string, o: string, c: string, n: string) => `où trouver la procédure pour ${n} ${bare(o)} ${c} ?`,
];

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
/** « la tablette » → « tablette », « l'imprimante » → « imprimante ». */
const bare = (o: string) => o.replace(/^(le|la|les) |^l'/, '');
const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The entries and examples of a generated pack of `size` entries in all, and its held-out questions. */
export function generateEntries(
  size: number,
  shipped: number,
  seed = 7,
): { entries: Record<string, unknown>[]; examples: Map<string, string[]>; questions: BenchQuestion[] } {
  const random = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const total = ACTIONS.length * OBJECTS.length * CONTEXTS.length;
  const count = Math.max(0, size - shipped);
  if (count > total) throw new Error(`au plus ${total + shipped} fiches générées`);
  // a deterministic walk over all (action, object, context) triples, coprime stride so none repeats
  const stride = 7919;
  const entries: Record<string, unknown>[] = [];
  const examples = new Map<string, string[]>();
  const questions: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const k = (i * stride) % total;
    const [verb, noun] = ACTIONS[k % ACTIONS.length];
    const object = OBJECTS[Math.floor(k / ACTIONS.length) % OBJECTS.length];
    const context = CONTEXTS[Math.floor(k / (ACTIONS.length * OBJECTS.length))];
    const id = `gen.${slug(bare(object))}.${slug(verb)}-${slug(context)}`;
    entries.push({
      id,
      title: `${cap(verb)} ${object} ${context}`,
      questions: QUESTION_FORMS.map((f) => f(verb, object, context)),
      keywords: [bare(object), verb, context.replace(/^(en|au|à|pour|avec|pendant) /, '')],
      answer: `Pour ${verb} ${object} ${context}, ${pick(STEPS)}. ${pick(FILLERS)} ${pick(FILLERS)}\n`,
      reviewed: '2024-09-01',
    });
    examples.set(
      id,
      EXAMPLE_FORMS.map((f) => f(verb, object, context, noun)),
    );
    questions.push({ text: HELD_OUT_FORMS[i % HELD_OUT_FORMS.length](verb, object, context, noun), topic: id });
  }
  return { entries, examples, questions };
}

/**
 * Writes a pack of `size` entries into `dir` (replaced): the shipped pack's
 * files, then generated entries and their examples. Returns the held-out questions.
 */
export function writePack(dir: string, size: number, shippedDir: string): BenchQuestion[] {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(shippedDir, dir, { recursive: true });
  const shipped = fs.readdirSync(path.join(dir, 'entries')).length;
  const { entries, examples, questions } = generateEntries(size, shipped);
  for (const e of entries) fs.writeFileSync(path.join(dir, 'entries', `${e.id as string}.yaml`), stringify(e, { lineWidth: 0 }));
  fs.mkdirSync(path.join(dir, 'exemples'), { recursive: true });
  for (const [id, qs] of examples) fs.writeFileSync(path.join(dir, 'exemples', `${id}.yaml`), stringify(qs, { lineWidth: 0 }));
  return questions;
}
