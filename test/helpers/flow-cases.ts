/** One guided flow as a person goes through it: how it starts, the answers, what each step asks, what the end gives. */
export interface FlowCase {
  id: string;
  start: string;
  firstPrompt: string;
  answers: string[];
  prompts: string[];
  final: string[];
  invalid: { at: number; text: string; says: string };
}

export const CASES: FlowCase[] = [
  {
    id: 'fil',
    start: 'je voudrais faire une demande de FIL',
    firstPrompt: 'Pour quel établissement',
    answers: [
      'Collège Jean Moulin, 0330001A',
      'Prise en main de Pix Orga',
      'Accompagner les équipes dans le suivi des parcours Pix',
      '12 enseignants',
      '6 heures',
      'mars 2027',
      'passer',
      'Axe 2 : compétences numériques des élèves',
    ],
    prompts: ['établissement', 'intitulé', 'besoin', 'combien de participants', 'durée', 'période', 'formateur', 'projet d’établissement'],
    final: [
      'Intitulé : Prise en main de Pix Orga',
      'UAI 0330001A',
      'ppe.orion.education.fr',
      'l’établissement peut solliciter une FIL',
      'EAFC',
    ],
    invalid: { at: 0, text: 'Collège Jean Moulin, 033001A', says: '7 chiffres suivis d’une lettre' },
  },
  {
    id: 'incident',
    start: 'signaler une panne',
    firstPrompt: 'collège ou un lycée',
    answers: ['lycée', 'non', 'le vidéoprojecteur ne s’allume plus', 'salle 204', 'ce matin', '25 élèves', '1'],
    prompts: [
      'collège ou un lycée',
      'Lycée connecté',
      'Quel est le problème',
      'Où cela se passe',
      'Depuis quand',
      'Combien de personnes',
      'urgence',
    ],
    final: ['AMÉRANA', 'e-Anna', 'vérifications de niveau 1', 'Texte du ticket', 'Lieu / matériel : salle 204', 'Bloquant'],
    invalid: { at: 5, text: 'beaucoup', says: 'nombre de personnes en chiffres' },
  },
  {
    id: 'cafe',
    start: 'organiser un café numérique',
    firstPrompt: 'thème',
    answers: ['Créer un parcours Pix Orga', '12/03/2027', '1', 'CDI', 'Claire, professeure de SVT', 'oui'],
    prompts: ['thème', 'quelle date', 'quelle heure', 'quelle salle', 'Qui l’anime', 'rappelle la veille'],
    final: [
      'Café numérique : Créer un parcours Pix Orga',
      'vendredi 12 mars 2027 à 12h30',
      'accord du chef d’établissement',
      'je vous le rappellerai la veille',
    ],
    invalid: { at: 1, text: '01/09/2025', says: 'est passée' },
  },
  {
    id: 'lettre',
    start: 'je veux rédiger ma lettre de mission',
    firstPrompt: 'nom de votre établissement',
    answers: ['Lycée Montesquieu', '1, 2, 3', '2 et 3', '1'],
    prompts: ['nom de votre établissement', 'Quelles fonctions', 'partagés', 'indemnité'],
    final: [
      'Lycée Montesquieu',
      'Accompagnement des équipes pédagogiques',
      'Administrateur ENT, AED TICE',
      'IMP',
      'https://dane.ac-bordeaux.fr/2d/',
    ],
    invalid: { at: 1, text: '9', says: 'pas reconnu votre choix' },
  },
  {
    id: 'commission',
    start: 'je veux mettre en place une commission numérique',
    firstPrompt: 'Sous quelle forme',
    answers: ['ad hoc', 'tous'],
    prompts: ['Sous quelle forme', 'Qui en fera partie'],
    final: ['commission numérique ad hoc', 'Le RUPN', 'SCHEMATIC', 'GAR', 'Ordre du jour'],
    invalid: { at: 0, text: 'bof', says: 'pas reconnu votre choix' },
  },
];
