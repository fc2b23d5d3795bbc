/**
 * What the shipped pack says where it used to go beyond the guide, and who it
 * serves: schools and other académies are told kindly where to go. Phrasings
 * here are not in `exemples/`.
 */
import { describe, expect, it } from 'vitest';
import { ask, play, testAssistant } from '../helpers/assistant.js';

const a = testAssistant();
const count = (text: string, word: string) => text.split(word).length - 1;

describe('who the assistant serves', () => {
  it.each([
    'je suis enseignante en grande section de maternelle',
    'un ERUN peut utiliser cet assistant ?',
    'je suis directeur d’une école élémentaire, vous pouvez m’aider ?',
  ])('a school or an ERUN (« %s ») is pointed to the circonscription', async (text) => {
    const r = await ask(a, text);
    expect(r.topic).toBe('perimetre.premier-degre');
    expect(r.text).toContain('des RUPN des collèges et des lycées');
    expect(r.text).toContain('circonscription');
    expect(r.text).toContain('ERUN (enseignant référent pour les usages du numérique)');
  });

  it('« ERUN » is no longer read as RUPN', async () => {
    const r = await ask(a, 'je suis ERUN');
    expect(r.topic).not.toMatch(/^rupn\./);
  });

  // a commune or a département outside the académie is the engine's (place.outside); an académie, a region or a DRANE is the pack's
  it.each(['je suis en Corse', 'tu couvres quelle académie ?', 'je relève de la DRANE de Normandie, tu peux m’aider ?'])(
    'another académie (« %s ») is sent to its own DRANE',
    async (text) => {
      const r = await ask(a, text);
      expect(r.topic).toBe('perimetre.hors-academie');
      expect(r.text).toContain('DRANE');
      expect(r.text).toContain(
        'https://www.education.gouv.fr/les-regions-academiques-academies-et-services-departementaux-de-l-education-nationale-6557',
      );
    },
  );

  it('a town of the académie is still a profile statement', async () => {
    const r = await ask(a, 'je suis à Pau');
    expect(r.intent).toBe('profile.update');
  });
});

describe('what the pack says as the guide and the public texts say it', () => {
  it('the IMP: five rates from the arrêté, the RUPN rates from the circulaire, a named académie for 625 €', async () => {
    const r = await ask(a, 'combien touche un référent numérique pour sa mission');
    expect(r.topic).toBe('rupn.indemnite');
    expect(r.text).toContain("L'arrêté du 27 avril 2015 fixe cinq taux annuels");
    expect(r.text).toContain("selon la charge de travail et le niveau d'expertise requis : 1 250 €, 2 500 € ou 3 750 €");
    expect(r.text).toContain('Clermont-Ferrand');
    expect(r.text).not.toContain('une académie a ainsi ramené');
    // the guide's link is kept; the note says it names another BO
    expect(r.text).toContain('https://www.education.gouv.fr/bo/15/Hebdo14/MENH1506032C.htm');
    expect(r.text).toContain('Bulletin officiel n° 18');
  });

  it('assistance names its platform once when the niveau is unknown, and e-Anna for lycées', async () => {
    const r = await ask(a, 'Comment signaler un incident informatique ?');
    expect(r.topic).toBe('assistance');
    expect(count(r.text, 'AMÉRANA')).toBe(1);
    expect(r.text).toContain('e-Anna');
  });

  it('TRIBU spells its portal one way', async () => {
    const r = await ask(a, 'TRIBU c’est quoi');
    expect(r.topic).toBe('outils.tribu');
    expect(r.text).not.toContain('ARENA');
    expect(r.text).toContain('https://portailrh.ac-bordeaux.fr');
  });

  it('the incident flow does not say assistance depends on the département or the région', async () => {
    await play(
      a,
      `
      user> signaler une panne
      bot> collège ou un lycée
      user> aide
      bot> La plateforme d’assistance est la même pour les collèges et les lycées
      bot!> le département pour les collèges
    `,
    );
  });

  it('the FIL flow adds no headcount, period or requester rule', async () => {
    await play(
      a,
      `
      user> je voudrais faire une demande de FIL
      user> Collège Jean Moulin, 0330001A
      user> Prise en main de Pix Orga
      user> Accompagner les équipes dans le suivi des parcours Pix
      user> aide
      bot!> 10 à 12 participants
      user> 3 enseignants
      user> 6 heures
      user> aide
      bot!> 2024
      user> mars 2027
      user> passer
      user> Axe 2 : compétences numériques des élèves
      user> oui
      bot> l’établissement peut solliciter une FIL
      bot!> c’est le chef d’établissement qui fait la demande
    `,
    );
  });
});
