/** What the flow runner says, whatever the flow. */
export const F = {
  cancelled: (label: string) => `C’est annulé : j’abandonne la démarche « ${label} ». Rien n’a été envoyé.`,
  restarted: 'On reprend depuis le début.',
  noPrevious: 'C’est déjà la première question.',
  outdated: (label: string, command: string) =>
    `La démarche « ${label} » que vous aviez commencée a changé depuis : je l’ai fermée. Écrivez « ${command} » pour la reprendre.`,
  expired: (label: string) => `La démarche « ${label} » commencée il y a plus de 7 jours a expiré : je l’ai fermée.`,
  stepHelp: (help: string, optional: boolean) =>
    `${help}\n\nÀ tout moment : « retour » revient à la question précédente, « recommencer » repart de zéro, « annuler » abandonne${optional ? ', « passer » laisse cette question vide' : ''}.`,
  notOptional: 'Cette information est nécessaire : je ne peux pas la laisser vide.',
  tookDefault: 'Je retiens la proposition habituelle du guide ; vous pourrez la changer au récapitulatif.',
  badChoice: 'Je n’ai pas reconnu votre choix. Répondez par le numéro (ou plusieurs numéros séparés par des virgules quand c’est permis).',
  summary: 'Voici le récapitulatif :',
  confirm: 'Tout est-il correct ? Répondez « oui » pour valider, « modifier » suivi du nom du champ pour corriger (par exemple « modifier ',
  confirmEnd: ' »), ou « annuler ».',
  whatToEdit: 'Que voulez-vous modifier ?',
  unknownField: 'Je n’ai pas trouvé ce champ. Choisissez dans la liste :',
  back: 'On revient à la question précédente.',
  empty: '(vide)',
  resume: 'Reprenons :',
  whereWeAre: (label: string) => `Nous en étions à la démarche « ${label} » ; vos réponses sont gardées. Voici où nous en sommes :`,
  notAnAnswer: 'Je n’ai pas de réponse sûre à cette question, et je ne la prends pas pour votre réponse. Reprenons :',
  switchOffer: (current: string, other: string) => `Vous êtes en train de ${current}. Voulez-vous l’abandonner pour ${other} ?`,
  switchYes: (other: string) => `Oui : ${other}`,
  switchNo: (current: string) => `Non : continuer à ${current}`,
  validate: 'Valider',
  cancel: 'Annuler',
};
