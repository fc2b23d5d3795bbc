import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console/index.js';
import { testAssistant } from '../helpers/assistant.js';

describe('console chat', () => {
  it('greets, answers through the core and leaves on « quitter »', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    const closed = new Promise<void>((resolve) => {
      void new ConsoleAdapter(testAssistant(), { input, output, onClose: resolve }).start();
    });
    input.write('aide\n');
    input.write('coordonnateur gironde\n');
    input.write('quitter\n');
    await closed;
    expect(text).toMatch(/posez votre question/);
    expect(text).toMatch(/Voici ce que je sais faire/);
    expect(text).toContain('DELSAUX');
    expect(text).toMatch(/À bientôt/);
  });
});
