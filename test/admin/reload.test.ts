import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAdminServer } from '../../src/admin/server.js';
import { createAssistant } from '../../src/app.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { memoryStore } from '../../src/state/store.js';
import { AdminClient } from '../helpers/admin.js';

const TOKEN = 'jeton-de-test-0123456789';
const TITLE = 'Contacter le DPD de Zorblax';

describe('the operators’ page after a reload of the knowledge', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-admin-reload-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('Connaissances and « Essayer une question » read the knowledge answering now, not the one of the start', async () => {
    const dir = path.join(root, 'pack');
    fs.cpSync(knowledgeDir(), dir, { recursive: true });
    const assistant = createAssistant(memoryStore(), { knowledge: dir });
    const app = await buildAdminServer({
      store: memoryStore(),
      engine: assistant.engine,
      currentEngine: () => assistant.engine,
      token: TOKEN,
      sandbox: (engine) => createAssistant(memoryStore(), { engine }),
    });
    try {
      const c = new AdminClient(app);
      expect((await c.login(TOKEN)).statusCode).toBe(303);
      // « Essayer une question » once before the reload, so that its assistant is built with the old engine
      expect((await c.post('/connaissances', { question: 'comment joindre le DPD ?' })).body).not.toContain(TITLE);
      const file = path.join(dir, 'entries', 'dpd.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${TITLE}`));
      expect((await assistant.reload()).ok).toBe(true);
      expect((await c.get('/connaissances')).body).toContain(TITLE);
      const trial = (await c.post('/connaissances', { question: 'comment joindre le DPD ?' })).body;
      // the explanation and the reply of the throwaway assistant both use the new page
      expect(trial.split(TITLE).length - 1).toBeGreaterThanOrEqual(2);
    } finally {
      await app.close();
    }
  }, 60_000);
});
