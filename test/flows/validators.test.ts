import { describe, expect, it } from 'vitest';
import type { FlowContext } from '../../src/flows/types.js';
import {
  duration,
  freeText,
  frenchDate,
  futureDate,
  futureDayOrMonth,
  headcount,
  parseFrenchDate,
  school,
  timeOfDay,
  placeIn,
  sinceIn,
} from '../../src/flows/validators.js';

// 29 November 2026, a Sunday
const NOW = new Date('2026-11-29T10:00:00Z');
const ctx = { now: NOW } as FlowContext;

describe('validators: what a person reads when an answer is accepted or refused', () => {
  it('free text keeps the words without the spaces around, and says what is wrong in French', () => {
    expect(freeText(4, 20)('  Pix Orga  ', ctx)).toEqual({ value: 'Pix Orga' });
    expect(freeText(4, 20)('Pix', ctx)).toEqual({ error: 'Votre réponse est un peu courte (au moins 4 caractères).' });
    expect(freeText(2, 5)('beaucoup trop long', ctx)).toEqual({
      error: 'Votre réponse est trop longue (5 caractères au plus) : résumez-la.',
    });
    expect(freeText()('?!', ctx)).toEqual({ error: 'Écrivez votre réponse avec des mots.' });
  });

  it('a school: the UAI is taken out of the name whatever the way it is written', () => {
    expect(school('Collège Jean Moulin, 0330001A', ctx)).toEqual({ value: 'Collège Jean Moulin (UAI 0330001A)' });
    expect(school('Collège Jean Moulin UAI 0330001a', ctx)).toEqual({ value: 'Collège Jean Moulin (UAI 0330001A)' });
    expect(school('Collège Jean Moulin, RNE: 0330001A', ctx)).toEqual({ value: 'Collège Jean Moulin (UAI 0330001A)' });
    expect(school('0330001A - Lycée Montaigne', ctx)).toEqual({ value: 'Lycée Montaigne (UAI 0330001A)' });
    // a three-letter name is a name
    expect(school('ERE', ctx)).toEqual({ value: 'ERE' });
  });

  it('a school: a UAI alone or a wrong UAI is refused with the reason', () => {
    expect(school('0330001A', ctx)).toEqual({ error: 'Indiquez le nom de l’établissement (par exemple « Collège Jean Moulin »).' });
    expect(school('Collège Jean Moulin 033001A', ctx)).toEqual({
      error: 'L’UAI (ex-RNE) s’écrit avec 7 chiffres suivis d’une lettre, par exemple 0331234X. Corrigez-le, ou donnez seulement le nom.',
    });
  });

  it('a headcount needs a number of at least one', () => {
    expect(headcount('12 enseignants', ctx)).toEqual({ value: '12 enseignants' });
    expect(headcount('0', ctx)).toEqual({ error: 'Il faut au moins une personne.' });
    expect(headcount('beaucoup', ctx)).toEqual({
      error: 'Indiquez le nombre de personnes en chiffres (par exemple « 12 enseignants de sciences »).',
    });
  });

  it('a duration is read in hours, days or half-days, written in many ways', () => {
    for (const ok of ['6 heures', '12 heures', '6heures', '2j', '2jours', 'deux journées', '1h30', '12h30'])
      expect(duration(ok, ctx), ok).toEqual({ value: ok });
    expect(duration('  3 jours ', ctx)).toEqual({ value: '3 jours' });
    expect(duration('beaucoup', ctx)).toEqual({
      error: 'Indiquez une durée, par exemple « 6 heures », « 2 demi-journées » ou « 1 jour ».',
    });
  });

  it('French dates: demain, après-demain, a short year, the next such day when no year', () => {
    expect(parseFrenchDate('demain', NOW)).toBe('2026-11-30');
    expect(parseFrenchDate('après-demain', NOW)).toBe('2026-12-01');
    expect(parseFrenchDate('12/03/27', NOW)).toBe('2027-03-12');
    expect(parseFrenchDate('1er décembre', NOW)).toBe('2026-12-01');
    expect(parseFrenchDate('12 mars', NOW)).toBe('2027-03-12');
    expect(parseFrenchDate('31/02/2027', NOW)).toBeUndefined();
    expect(frenchDate('2027-03-12')).toBe('vendredi 12 mars 2027');
  });

  it('a day to come: a past date and an unreadable one are refused with the reason', () => {
    expect(futureDate('12/03/2027', ctx)).toEqual({ value: '2027-03-12' });
    expect(futureDate('01/09/2025', ctx)).toEqual({ error: 'Cette date (lundi 1 septembre 2025) est passée : indiquez une date à venir.' });
    expect(futureDate('bientôt', ctx)).toEqual({
      error: 'Je n’ai pas reconnu la date. Écrivez-la par exemple « 12/03/2027 » ou « jeudi 12 mars ».',
    });
  });

  it('a time of day: midi, 13h, 12h45; an impossible hour is refused', () => {
    expect(timeOfDay('midi', ctx)).toEqual({ value: '12h00' });
    expect(timeOfDay('13h', ctx)).toEqual({ value: '13h00' });
    expect(timeOfDay('12 h 45', ctx)).toEqual({ value: '12h45' });
    expect(timeOfDay('25h', ctx)).toEqual({ error: 'Indiquez une heure, par exemple « 12h30 ».' });
    // said with a date: the date's digits are not an hour
    expect(timeOfDay('jeudi 14 janvier à midi', ctx)).toEqual({ value: '12h00' });
    expect(timeOfDay('le 14 à midi et demi', ctx)).toEqual({ value: '12h30' });
    expect(timeOfDay('jeudi 14 janvier', ctx)).toEqual({ error: 'Indiquez une heure, par exemple « 12h30 ».' });
  });

  it('a place and a time said inside a description, or nothing', () => {
    expect(placeIn('le réseau tombe dans l’aile des sciences', ctx)).toEqual({ value: 'aile des sciences' });
    expect(placeIn('imprimante du CDI en panne', ctx)).toEqual({ value: 'CDI' });
    expect(placeIn('l’étage 2 n’a plus de wifi', ctx)).toEqual({ value: 'étage 2' });
    expect(placeIn('la salle ne répond pas', ctx)).toEqual({ error: 'Aucun lieu dans ce texte.' });
    expect(sinceIn('ça plante depuis 2 semaines', ctx)).toEqual({ value: '2 semaines' });
    expect(sinceIn('plus de son depuis ce matin', ctx)).toEqual({ value: 'ce matin' });
    expect(sinceIn('depuis le 12/11 plus rien', ctx)).toEqual({ value: 'le 12/11' });
    expect(sinceIn('en panne depuis la coupure de courant', ctx)).toEqual({ error: 'Aucune date dans ce texte.' });
  });

  it('a month to come: this month stays this year, an earlier month is next year, a past month is refused', () => {
    expect(futureDayOrMonth('novembre', ctx)).toEqual({ value: '2026-11' });
    expect(futureDayOrMonth('décembre', ctx)).toEqual({ value: '2026-12' });
    expect(futureDayOrMonth('octobre', ctx)).toEqual({ value: '2027-10' });
    expect(futureDayOrMonth('mars', ctx)).toEqual({ value: '2027-03' });
    expect(futureDayOrMonth('mars 2027', ctx)).toEqual({ value: '2027-03' });
    expect(futureDayOrMonth('novembre 2026', ctx)).toEqual({ value: '2026-11' });
    expect(futureDayOrMonth('décembre 2026', ctx)).toEqual({ value: '2026-12' });
    const past = { error: 'Ce mois est passé : indiquez une date à venir.' };
    expect(futureDayOrMonth('octobre 2026', ctx)).toEqual(past);
    expect(futureDayOrMonth('mars 2026', ctx)).toEqual(past);
    expect(futureDayOrMonth('mars 2025', ctx)).toEqual(past);
  });
});
