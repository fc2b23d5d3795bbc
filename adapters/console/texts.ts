/** Every sentence the console chat itself prints, in one place for review. */
export const CONSOLE_TEXTS = {
  /** `academie` is a display name such as « l’académie de … ». */
  welcome: (academie: string) =>
    [
      `Assistant RUPN de ${academie} : posez votre question en français.`,
      'Écrivez « aide » pour savoir ce que je sais faire, « quitter » pour sortir.',
    ].join('\n'),
  bye: 'À bientôt !',
  prompt: 'vous › ',
} as const;
