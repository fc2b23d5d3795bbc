import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/app.js';
import type { Assistant } from '../../src/core/assistant.js';
import { knowledgeDir } from '../../src/knowledge/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { memoryStore } from '../../src/state/store.js';
import { ask } from '../helpers/assistant.js';

const MARK = 'écrivez au DPD par le formulaire Zorblax';

describe('reloading the knowledge while running', () => {
  let dir: string;
  let a: Assistant;
  const lines: Record<string, unknown>[] = [];

  beforeAll(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rupn-reload-')), 'pack');
    fs.cpSync(knowledgeDir(), dir, { recursive: true });
    const logger = createLogger('info', 'rupn', (l) => lines.push(JSON.parse(l)));
    a = createAssistant(memoryStore(), { knowledge: dir, logger });
  });

  it('a good pack: the next answers come from it, and the log gives its hash and size', async () => {
    expect((await ask(a, 'comment joindre le DPD ?')).text).not.toContain(MARK);
    const file = path.join(dir, 'entries', 'dpd.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^answer: \|\n/m, `answer: |\n  Nouveau : ${MARK}.\n`));
    const entries = fs.readdirSync(path.join(dir, 'entries')).length;
    const outcome = await a.reload();
    expect(outcome).toMatchObject({ ok: true, entries });
    expect((await ask(a, 'comment joindre le DPD ?')).text).toContain(MARK);
    const logged = lines.find((l) => l.msg === 'knowledge.reloaded');
    expect(logged).toMatchObject({ entries, pack: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('a broken file: refused with file:line in the log, and the previous knowledge keeps answering', async () => {
    const file = path.join(dir, 'entries', 'dpd.yaml');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, before.replace('related: [rgpd]', 'related: [rgpd\ntitle: [pas fermé'));
    const outcome = await a.reload();
    expect(outcome.ok).toBe(false);
    const refused = lines.find((l) => l.msg === 'knowledge.reload_refused');
    expect(refused?.level).toBe('error');
    expect(String(refused?.problems)).toMatch(/entries\/dpd\.yaml:\d+: /);
    expect(refused?.hint).toMatch(/précédentes restent en service/);
    expect((await ask(a, 'comment joindre le DPD ?')).text).toContain(MARK);
    // fixed, it loads again
    fs.writeFileSync(file, before);
    expect((await a.reload()).ok).toBe(true);
  });
});
