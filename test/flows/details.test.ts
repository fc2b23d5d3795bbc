import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { replyText } from '../../src/shared/text.js';
import { memoryStore } from '../../src/state/store.js';
import { freshUser, play } from '../helpers/assistant.js';

// 12 March 2027 is a Friday
const NOW = new Date('2026-11-29T10:00:00Z');
const assistant = createAssistant(memoryStore(), { now: () => NOW });
const last = (rs: { messages: unknown }[]) => replyText(rs.at(-1) as Parameters<typeof replyText>[0]);

describe('flow details', () => {
  it('« jeudi 12 mars » on a Friday: says day and date disagree and asks again', async () => {
    const who = { user: freshUser() };
    await play(
      assistant,
      `user> organiser un café numérique
       user> Créer un parcours Pix Orga
       bot> quelle date
       user> jeudi 12 mars
       bot> Le jour et la date ne correspondent pas : le 12 mars 2027 est un vendredi, pas un jeudi
       bot> quelle date
       bot!> quelle heure
       user> vendredi 12 mars
       bot> quelle heure`,
      who,
    );
  });

  it('lettre de mission: « non » to the shared domains means « Aucun partage »', async () => {
    const who = { user: freshUser() };
    const rs = await play(
      assistant,
      `user> je veux rédiger ma lettre de mission
       user> Lycée Montesquieu
       user> 1, 2, 3
       bot> partagés
       user> non
       bot> indemnité
       user> 1
       bot> Domaines partagés avec : Aucun partage
       user> oui`,
      who,
    );
    expect(rs.at(-1)!.intent).toBe('flow.done');
    expect(last(rs)).not.toMatch(/partagés avec :/);
  });

  it('incident ticket: « Depuis : lundi », and an object that is not the description', async () => {
    const who = { user: freshUser() };
    const rs = await play(
      assistant,
      `user> signaler une panne
       user> lycée
       user> non
       user> Le vidéoprojecteur ne s’allume plus. Le voyant clignote en orange depuis la coupure de courant de vendredi.
       user> salle 204
       user> depuis lundi
       user> 25 élèves
       user> 1
       user> oui`,
      who,
    );
    const text = replyText(rs.at(-1)!);
    expect(text).toContain('Depuis : lundi');
    expect(text).not.toMatch(/Depuis : depuis/i);
    const object = /Objet : (.*)/.exec(text)![1];
    const description = /Description : (.*)/.exec(text)![1];
    expect(object).not.toBe(description);
    expect(object).toBe('[Bloquant] salle 204 : Le vidéoprojecteur ne s’allume plus');
    expect(description).toContain('coupure de courant');
  });

  it('« mes données » shows the answers of a flow in progress', async () => {
    const who = { user: freshUser() };
    const [shown] = await play(
      assistant,
      'user> je voudrais faire une demande de FIL\nuser> Collège Jean Moulin, 0330001A\nuser> Prise en main de Pix Orga\nuser> mes données',
      who,
    ).then((r) => r.slice(-1));
    const text = replyText(shown);
    expect(text).toMatch(/Démarche en cours : préparer une demande de FIL \(2 réponses enregistrées\) :/);
    expect(text).toContain('- Établissement : Collège Jean Moulin (UAI 0330001A)');
    expect(text).toContain('- Intitulé : Prise en main de Pix Orga');
  });

  it('« mes données » lists the GAR checklist once, open or closed', async () => {
    const who = { user: freshUser() };
    const open = await play(assistant, 'user> checklist GAR\nuser> 1\nuser> mes données', who);
    expect(last(open).match(/checklist GAR/gi)).toHaveLength(1);
    expect(last(open)).toMatch(/1 étape cochée/);
    const closed = await play(assistant, 'user> terminé\nuser> mes données', who);
    expect(last(closed).match(/checklist GAR/gi)).toHaveLength(1);
  });
});
