import readline from 'node:readline';
import { CORE_TEXTS, replyText, type Adapter, type TurnHandler } from '../../src/index.js';

export const WELCOME = [
  'Assistant RUPN de l’académie de Bordeaux : posez votre question en français.',
  'Écrivez « aide » pour savoir ce que je sais faire, « quitter » pour sortir.',
].join('\n');
const BYE = 'À bientôt !';
const QUIT = /^\s*(quitter|quit|exit|sortir|bye|q)\s*$/i;

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** The console user's id: one local person. */
  user?: string;
  /** Called once the person has left (quitter, Ctrl-D). */
  onClose?: () => void;
}

/** The terminal chat: a readline loop over the same core turn as every platform. */
export class ConsoleAdapter implements Adapter {
  readonly name = 'console';
  private rl?: readline.Interface;

  constructor(private readonly assistant: TurnHandler, private readonly opts: ConsoleOptions = {}) {}

  async start(): Promise<void> {
    const output = this.opts.output ?? process.stdout;
    const rl = readline.createInterface({ input: this.opts.input ?? process.stdin, output, terminal: Boolean((output as { isTTY?: boolean }).isTTY) });
    this.rl = rl;
    const print = (s: string) => output.write(s + '\n');
    print(WELCOME);
    rl.setPrompt('vous › ');
    rl.prompt();
    let queue = Promise.resolve();
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        if (QUIT.test(line)) {
          print(BYE);
          rl.close();
          return;
        }
        try {
          const r = await this.assistant.handle({ platform: 'console', workspace: '-', user: this.opts.user ?? 'local', conversation: 'console', text: line });
          print('\n' + indent(replyText(r)) + '\n');
        } catch {
          print(`\n${CORE_TEXTS.internalError}\n`);
        }
        rl.prompt();
      });
    });
    rl.on('close', () => void queue.then(() => this.opts.onClose?.()));
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }
}

const indent = (s: string) => s.split('\n').map((l) => (l ? '  ' + l : l)).join('\n');
