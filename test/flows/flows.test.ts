import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import { memoryStore, openStore } from '../../src/state/store.js';
import { flat, freshUser, play, sharedEngine } from '../helpers/assistant.js';
import { CASES, type FlowCase as Case } from '../helpers/flow-cases.js';

const NOW = new Date('2026-11-29T10:00:00Z');
const assistant = createAssistant(memoryStore(), { engine: sharedEngine(), now: () => NOW });

const transcript = (lines: string[]) => lines.join('\n');

/** user> lines for the start and the first `n` answers. */
const upTo = (c: Case, n: number) => [`user> ${c.start}`, ...c.answers.slice(0, n).map((a) => `user> ${a}`)];

describe.each(CASES)('flow $id', (c) => {
  it('happy path: from natural phrasing to a usable document', async () => {
    const lines = [`user> ${c.start}`, `bot> ${c.firstPrompt}`];
    c.answers.forEach((a, i) => {
      lines.push(`user> ${a}`);
      if (i + 1 < c.prompts.length) lines.push(`bot> ${c.prompts[i + 1]}`);
    });
    lines.push('bot> récapitulatif', 'user> oui', ...c.final.map((f) => `bot> ${f}`));
    const results = await play(assistant, transcript(lines));
    expect(results.at(-1)!.intent).toBe('flow.done');
  });

  it('a wrong answer gets the reason and the same question again', async () => {
    await play(
      assistant,
      transcript([
        ...upTo(c, c.invalid.at),
        `user> ${c.invalid.text}`,
        `bot> ${c.invalid.says}`,
        `bot> ${c.prompts[c.invalid.at]}`,
        `user> ${c.answers[c.invalid.at]}`,
        `bot!> ${c.invalid.says}`,
      ]),
    );
  });

  it('« stop » cancels and says so', async () => {
    await play(assistant, transcript([...upTo(c, 1), 'user> stop', 'bot> annulé', 'user> stop', 'bot> aucune démarche en cours']));
  });

  it('« retour » goes back one question', async () => {
    await play(
      assistant,
      transcript([...upTo(c, 1), 'user> retour', `bot> ${c.prompts[0]}`, `user> ${c.answers[0]}`, `bot> ${c.prompts[1]}`]),
    );
  });

  it('« modifier » from the summary changes one answer before confirming', async () => {
    const r = await play(
      assistant,
      transcript([...upTo(c, c.answers.length), 'bot> récapitulatif', `user> modifier ${c.id === 'fil' ? 'intitulé' : 'x'}`]),
    );
    const summaryLabels = r.at(-2)!;
    expect(replyText(summaryLabels)).toMatch(/modifier/);
    if (c.id === 'fil') {
      await play(
        assistant,
        transcript([
          ...upTo(c, c.answers.length),
          'user> modifier intitulé',
          'bot> intitulé',
          'user> Pix Orga pour les professeurs principaux',
          'bot> Intitulé : Pix Orga pour les professeurs principaux',
          'user> oui',
          'bot> Intitulé : Pix Orga pour les professeurs principaux',
        ]),
      );
    } else {
      await play(
        assistant,
        transcript([
          ...upTo(c, c.answers.length),
          'user> non',
          'bot> Que voulez-vous modifier',
          'user> 1',
          `bot> ${c.prompts[0]}`,
          `user> ${c.answers[0]}`,
          'bot> récapitulatif',
          'user> oui',
          `bot> ${c.final[0]}`,
        ]),
      );
    }
  });

  it('a question in the middle is answered, then the step is asked again', async () => {
    await play(
      assistant,
      transcript([
        ...upTo(c, 1),
        'user> au fait, c’est quoi le CRCN ?',
        'bot> Cadre de référence des compétences numériques',
        `bot> ${c.prompts[1]}`,
        `user> ${c.answers[1]}`,
        `bot!> Cadre de référence`,
      ]),
    );
  });

  it('survives a restart: the SQLite store is closed and reopened between two turns', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-')), 'state.sqlite');
    const who = { platform: 'test', workspace: 'w', user: freshUser() };
    let store = await openStore(`sqlite://${file}`);
    await play(createAssistant(store, { engine: sharedEngine(), now: () => NOW }), transcript(upTo(c, 1)), who);
    await store.close();
    store = await openStore(`sqlite://${file}`);
    const rest = c.answers.slice(1).map((a) => `user> ${a}`);
    const results = await play(
      createAssistant(store, { engine: sharedEngine(), now: () => NOW }),
      transcript([...rest, 'bot> récapitulatif', 'user> oui', `bot> ${c.final[0]}`]),
      who,
    );
    expect(results.at(-1)!.intent).toBe('flow.done');
    await store.close();
  });
});

describe('flow engine', () => {
  it('« aide » lists every flow; inside a flow it explains the step; « recommencer » starts over', async () => {
    await play(
      assistant,
      `
      user> aide
      bot> préparer une demande de FIL
      bot> signaler une panne ou un incident
      bot> organiser un café numérique
      bot> rédiger une lettre de mission
      bot> mettre en place la commission numérique
      bot> suivre la checklist GAR de rentrée
      user> demande de FIL
      user> Collège Jean Moulin
      user> aide
      bot> Un titre court
      bot> « retour » revient à la question précédente
      bot> Quel est l’intitulé
      user> recommencer
      bot> On reprend depuis le début
      bot> Pour quel établissement
    `,
    );
  });

  it('a plain answer is never taken for a question, even one that names a topic', async () => {
    await play(
      assistant,
      `
      user> organiser un café numérique
      user> Le GAR et les ressources du médiacentre
      bot> quelle date
    `,
    );
  });

  it('a close misspelling of a choice selects it', async () => {
    await play(
      assistant,
      `
      user> signaler une panne
      user> lyce
      bot> Lycée connecté
    `,
    );
  });

  it('takes the niveau from the profile instead of asking', async () => {
    await play(
      assistant,
      `
      user> je suis RUPN dans un collège
      user> signaler une panne
      bot> Quel est le problème
      bot!> collège ou un lycée
    `,
    );
  });

  it('a « how to » question gets the guide’s answer and an offer of the flow, not the flow', async () => {
    const [r] = await play(
      assistant,
      `
      user> Comment organiser un café numérique ?
      bot> chef d’établissement
      bot> écrivez « organiser un café numérique »
    `,
    );
    expect(r.intent).toBe('kb.answer');
  });

  it('drops a state whose flow version changed, with a notice', async () => {
    const store = memoryStore();
    const a = createAssistant(store, { engine: sharedEngine(), now: () => NOW });
    const who = { platform: 'test', workspace: 'w', user: freshUser() };
    await play(a, 'user> demande de FIL', who);
    const key = `test:w:${who.user}`;
    const rec = (await store.read<{ conversations: Record<string, { flow: { version: number } }> }>('people', key))!;
    rec.conversations.c.flow.version = 0;
    await store.write('people', key, rec);
    await play(
      a,
      `
      user> qui est le coordonnateur de Gironde ?
      bot> a changé depuis
      bot> DELSAUX
    `,
      who,
    );
  });

  it('expires a flow left for more than 7 days', async () => {
    let now = NOW;
    const a = createAssistant(memoryStore(), { engine: sharedEngine(), now: () => now });
    const who = { platform: 'test', workspace: 'w', user: freshUser() };
    await play(a, 'user> demande de FIL', who);
    now = new Date(NOW.getTime() + 8 * 864e5);
    await play(a, 'user> Collège Jean Moulin\nbot> expiré', who);
  });

  it('two people in the same conversation never share a flow', async () => {
    const conv = { platform: 'test', workspace: 'w', conversation: 'salon' };
    await assistant.handle({ ...conv, user: 'alice', text: 'demande de FIL' });
    const bob = await assistant.handle({ ...conv, user: 'bob', text: 'Collège Jean Moulin' });
    expect(bob.intent).not.toMatch(/^flow/);
    const alice = await assistant.handle({ ...conv, user: 'alice', text: 'Collège Jean Moulin' });
    expect(flat(replyText(alice))).toContain('intitule');
  });
});

describe('answers a busy person gives', () => {
  it('« oui » takes the guide’s usual choice; a school name picks its niveau', async () => {
    await play(
      assistant,
      `
      user> je veux rédiger ma lettre de mission
      user> Collège Victor Hugo
      user> oui
      bot> partagés
      user> oui
      user> oui
      bot> Fonctions : Conseil de l’équipe de direction dans le pilotage du numérique, Accompagnement des équipes pédagogiques, Administration des services numériques
      bot> Domaines partagés avec : Gestionnaire réseau, Administrateur ENT, AED TICE
      bot> Indemnité : Une IMP (taux à préciser)
    `,
    );
    await play(
      assistant,
      `
      user> signaler une panne
      user> Collège Jean Moulin, 0330001A
      bot> Quel est le problème
    `,
    );
  });

  it('after two unusable answers to a choice with a usual answer, takes it and says so', async () => {
    await play(
      assistant,
      `
      user> je veux mettre en place une commission numérique
      user> ad hoc
      user> je ne sais pas trop
      bot> pas reconnu votre choix
      user> euh
      bot> Je retiens la proposition habituelle du guide
      bot> récapitulatif
      bot> Membres : Le chef d’établissement
    `,
    );
  });

  it('a café numérique can be set for a month when the day is not fixed, without a reminder', async () => {
    const r = await play(
      assistant,
      `
      user> organiser un café numérique
      user> Les manuels numériques
      user> mars 2027
      bot> quelle heure
      user> 12h45
      user> CDI
      user> Claire
      bot> récapitulatif
      bot> Date : mars 2027
      bot> Heure : 12h45
      bot!> rappelle la veille
      user> oui
      bot> Courant mars 2027 (jour à préciser), à 12h45, CDI
    `,
    );
    expect(r.at(-1)!.intent).toBe('flow.done');
  });
});

describe('GAR checklist', () => {
  it('ticks steps off and remembers them the next day', async () => {
    const store = memoryStore();
    let now = NOW;
    const a = createAssistant(store, { engine: sharedEngine(), now: () => now });
    const who = { platform: 'test', workspace: 'w', user: freshUser() };
    await play(
      a,
      `
      user> je suis RUPN en lycée
      user> checklist GAR
      bot> RESP-AFFECT-GAR
      bot> Reste 6 étape(s) sur 6
      user> 1
      bot> 1. [x]
      bot> Reste 5
      user> 2, 3
      bot> Reste 3
      user> terminé
      bot> coches sont enregistrées
    `,
      who,
    );
    now = new Date(NOW.getTime() + 864e5);
    await play(
      a,
      `
      user> que faire pour le GAR en début d'année ?
      user> checklist GAR
      bot> Reste 3 étape(s) sur 6
      user> 2
      bot> Reste 4
    `,
      who,
    );
  });
});
