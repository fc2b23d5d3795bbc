import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console/index.js';
import { CORE_TEXTS, createLogger, say, type TurnHandler } from '../../src/index.js';
import { testAssistant } from '../helpers/assistant.js';

/** A console on in-memory streams; `done` resolves once the person has left. */
function terminal(assistant: TurnHandler, logger = createLogger('silent')) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  let adapter!: ConsoleAdapter;
  const done = new Promise<void>((resolve) => {
    adapter = new ConsoleAdapter(assistant, { academie: 'l’académie de Bordeaux', input, output, logger, onClose: resolve });
    void adapter.start();
  });
  return { input, adapter, done, text: () => text };
}

describe('console chat', () => {
  it('greets, answers through the core and leaves on « quitter »', async () => {
    const t = terminal(testAssistant());
    t.input.write('aide\n');
    t.input.write('coordonnateur gironde\n');
    t.input.write('quitter\n');
    await t.done;
    const text = t.text();
    expect(text).toMatch(/^Assistant RUPN de l’académie de Bordeaux : posez votre question/);
    expect(text).toMatch(/Voici ce que je sais faire/);
    expect(text).toContain('DELSAUX');
    // Both answers before the goodbye, in the order asked.
    expect(text.indexOf('Voici ce que je sais faire')).toBeLessThan(text.indexOf('DELSAUX'));
    expect(text.indexOf('DELSAUX')).toBeLessThan(text.indexOf('À bientôt'));
  });

  it('says the internal-error sentence when the core fails, and logs it without the text', async () => {
    const logs: string[] = [];
    const failing: TurnHandler = { handle: async () => Promise.reject(new Error('boom')) };
    const t = terminal(
      failing,
      createLogger('warn', 'test', (l) => logs.push(l)),
    );
    t.input.write('une question secrète\n');
    t.input.write('quitter\n');
    await t.done;
    expect(t.text()).toContain(CORE_TEXTS.internalError);
    expect(logs.map((l) => JSON.parse(l).msg)).toEqual(['turn.failed']);
    expect(logs.join('\n')).not.toContain('secrète');
  });

  it('prints a message sent on the assistant’s own initiative, choices numbered', async () => {
    const t = terminal(testAssistant());
    const result = await t.adapter.send(
      { kind: 'person', workspace: '-', user: 'local' },
      say('Rappel : réunion demain.', [{ label: 'Merci', value: 'merci' }]),
    );
    expect(result).toEqual({ status: 'delivered' });
    expect(t.text()).toContain('\n  Rappel : réunion demain.\n  1. Merci\n');
    t.input.write('quitter\n');
    await t.done;
  });
});

describe('leaving the console', () => {
  it('Ctrl-D (end of input) says goodbye like « quitter », after the last answer', async () => {
    const t = terminal(testAssistant());
    t.input.write('coordonnateur gironde\n');
    t.input.end();
    await t.done;
    expect(t.text().indexOf('DELSAUX')).toBeLessThan(t.text().indexOf('À bientôt !'));
  });
});
