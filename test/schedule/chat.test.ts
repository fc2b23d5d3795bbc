import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import { loadRecipients, SCHEDULE, type Rooms } from '../../src/schedule/audience.js';
import { PEOPLE, type PersonRecord } from '../../src/state/people.js';
import { memoryStore } from '../../src/state/store.js';
import { play, sharedEngine } from '../helpers/assistant.js';

const now = () => new Date('2026-08-20T10:00:00Z');

describe('subscriptions in chat', () => {
  it('« abonne-moi au digest » asks the niveau, then subscribes; « mes rappels » lists; « mes données » shows; « désabonne-moi de tout » stops', async () => {
    const store = memoryStore();
    const a = createAssistant(store, { engine: sharedEngine(), now });
    const who = { platform: 'slack', workspace: 'T1', user: 'U1' };
    await play(
      a,
      `
      user> abonne-moi au digest
      bot> collège ou en lycée ?
      user> 2
      bot> C’est noté : vous recevrez le digest hebdomadaire
      bot> pour un lycée
      user> rappelle-moi le GAR à la rentrée
      bot> vous recevrez les étapes du GAR à la rentrée
      bot!> commission
      user> rappelle-moi le GAR à la rentrée
      bot> déjà abonné(e)
      user> mes rappels
      bot> le digest hebdomadaire
      bot> les étapes du GAR à la rentrée
      user> mes données
      bot> Abonnement : les étapes du GAR à la rentrée
      `,
      who,
    );
    const recipients = await loadRecipients(store, now());
    expect(recipients).toEqual([
      expect.objectContaining({
        key: 'slack:T1:U1',
        niveau: 'lycee',
        topics: ['digest', 'gar'],
        address: { kind: 'person', workspace: 'T1', user: 'U1' },
      }),
    ]);
    await play(
      a,
      `user> désabonne-moi de tout\nbot> vous ne recevrez plus rien\nuser> mes rappels\nbot> Vous n’êtes abonné(e) à rien`,
      who,
    );
    expect(await loadRecipients(store, now())).toEqual([]);
  });

  it('signing up for something that is not sent by the assistant (a training, a review) is a question, not a subscription', async () => {
    const store = memoryStore();
    const a = createAssistant(store, { engine: sharedEngine(), now });
    const who = { platform: 'slack', workspace: 'T1', user: 'U9' };
    await play(
      a,
      `
      user> je voudrais m'inscrire à une formation au numérique pour l'an prochain
      bot!> Je peux vous envoyer
      user> abonne-moi
      bot> Je peux vous envoyer
      `,
      who,
    );
    expect(await loadRecipients(store, now())).toEqual([]);
  });

  it('a known niveau is not asked again; « oublie-moi » erases the subscriptions and the roster entry', async () => {
    const store = memoryStore();
    const a = createAssistant(store, { engine: sharedEngine(), now });
    const who = { platform: 'discord', workspace: 'G1', user: 'D1' };
    await play(a, `user> je voudrais m'abonner au digest, je suis RUPN en collège\nbot> pour un collège`, who);
    const rec = await store.read<PersonRecord>(PEOPLE, 'discord:G1:D1');
    expect(rec?.subscriptions.map((s) => s.topic)).toEqual(['digest']);
    await play(a, `user> oublie-moi\nbot> effacé`, who);
    expect(await store.read(PEOPLE, 'discord:G1:D1')).toBeUndefined();
    expect(await loadRecipients(store, now())).toEqual([]);
  });

  it('on Tchap without encryption nothing personal is promised, with the reason; with it, a person subscribes; a room is subscribed only by an administrator', async () => {
    const store = memoryStore();
    process.env.RUPN_ADMINS = 'slack:UADMIN, @admin:agent.tchap.gouv.fr';
    const a = createAssistant(store, { engine: sharedEngine(), now });
    delete process.env.RUPN_ADMINS;
    const jean = { platform: 'tchap', workspace: 'agent.tchap.gouv.fr', user: '@jean:agent.tchap.gouv.fr', canWriteFirst: false };
    await play(
      a,
      `user> rappelle-moi le GAR à la rentrée\nbot> Je ne peux pas vous écrire de moi-même ici\nbot> ni digest ni rappel personnel`,
      jean,
    );
    expect(await store.read(PEOPLE, 'tchap:agent.tchap.gouv.fr:@jean:agent.tchap.gouv.fr')).toBeUndefined();
    await play(
      a,
      `user> organiser un café numérique\nuser> Créer un parcours Pix Orga\nuser> 15/10/2026\nuser> 12h30\nuser> CDI\nuser> Claire
       bot!> Voulez-vous que je vous le rappelle
       user> oui\nbot> Voici l’annonce\nbot> Je ne peux pas vous envoyer de rappel ici\nbot!> je vous le rappellerai`,
      { ...jean, conversation: '!forum:agent.tchap.gouv.fr' },
    );
    // with the encryption module, the same person subscribes: sends go to the encrypted direct conversation
    await play(a, `user> rappelle-moi le GAR à la rentrée\nbot> collège ou en lycée\nuser> collège\nbot> C’est noté`, {
      ...jean,
      canWriteFirst: undefined,
    });
    await play(a, `user> abonne ce salon au digest\nbot> Seuls les administrateurs`, {
      platform: 'slack',
      workspace: 'T1',
      user: 'U2',
      conversation: 'C9',
    });
    const admin = {
      platform: 'tchap',
      workspace: 'agent.tchap.gouv.fr',
      user: '@admin:agent.tchap.gouv.fr',
      conversation: '!room:agent.tchap.gouv.fr:$thread1',
    };
    await play(a, `user> abonne ce salon au digest\nbot> collège ou en lycée\nuser> collège\nbot> ce salon recevra`, admin);
    // a subject added later keeps the room's niveau (its digest with it)
    await play(
      a,
      `user> abonne ce salon aux rappels du GAR\nbot> ce salon recevra les étapes du GAR à la rentrée, pour les collèges`,
      admin,
    );
    const rooms = (await store.read<Rooms>(SCHEDULE, 'rooms'))!;
    expect(Object.values(rooms)).toEqual([
      expect.objectContaining({
        platform: 'tchap',
        niveau: 'college',
        topics: ['digest', 'gar'],
        address: { kind: 'room', workspace: 'agent.tchap.gouv.fr', room: '!room:agent.tchap.gouv.fr' },
      }),
    ]);
  });

  it('questions about subscriptions to GAR resources still reach the knowledge base', async () => {
    const a = createAssistant(memoryStore(), { engine: sharedEngine(), now });
    const [r] = await play(a, `user> qui s'abonne aux ressources du GAR ?`);
    expect(r.intent).not.toMatch(/^schedule\./);
    const [q] = await play(a, `user> rappelle-moi comment désigner les responsables d'affectation`);
    expect(q.intent).not.toMatch(/^schedule\./);
  });
});
