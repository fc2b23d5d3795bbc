import readline from 'node:readline';
import { InboundPipeline, type Platform } from '../pipeline.js';
import { CONSOLE_TEXTS } from './texts.js';
import {
  memoryStore,
  messageToText,
  silentLogger,
  type Adapter,
  type Address,
  type Logger,
  type OutgoingMessage,
  type SendResult,
  type TurnHandler,
} from '../../src/index.js';

const QUIT = /^\s*(quitter|quit|exit|sortir|bye|q)\s*$/i;

export interface ConsoleOptions {
  /** The académie's display name, such as « l’académie de … », for the welcome line. */
  academie: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** The console user's id: one local person. */
  user?: string;
  /** Called once the person has left (quitter, Ctrl-D) and the last answer is printed. */
  onClose?: () => void;
  /** Where a failed turn is logged (ids only); silent by default. */
  logger?: Logger;
}

/** The terminal chat: a readline loop over the shared pipeline, like every platform. */
export class ConsoleAdapter implements Adapter {
  readonly name = 'console';
  private rl?: readline.Interface;
  private closed = false;
  private readonly output: NodeJS.WritableStream;
  private readonly pipeline: InboundPipeline<string, null, string>;

  constructor(
    assistant: TurnHandler,
    private readonly opts: ConsoleOptions,
  ) {
    this.output = opts.output ?? process.stdout;
    const platform: Platform<string, null, string> = {
      name: 'console',
      map: (line) => ({
        message: { platform: 'console', workspace: '-', user: opts.user ?? 'local', conversation: 'console', text: line },
        reply: null,
      }),
      render: renderConsole,
      transport: { deliver: async (_reply, text, { index }) => this.show(text, index) },
    };
    // One person at their own keyboard: nothing to rate-limit, no event redelivered to claim.
    this.pipeline = new InboundPipeline(platform, { assistant, store: memoryStore(), logger: opts.logger ?? silentLogger, limiter: false });
  }

  async start(): Promise<void> {
    const rl = readline.createInterface({
      input: this.opts.input ?? process.stdin,
      output: this.output,
      terminal: Boolean((this.output as { isTTY?: boolean }).isTTY),
    });
    this.rl = rl;
    let quitting = false; // after « quitter », lines still buffered are not answered
    this.print(CONSOLE_TEXTS.welcome(this.opts.academie));
    rl.setPrompt(CONSOLE_TEXTS.prompt);
    rl.prompt();
    rl.on('line', (line) => {
      if (quitting) return;
      if (QUIT.test(line)) {
        quitting = true;
        rl.close();
        return;
      }
      void this.pipeline.receive(line).then(() => {
        if (!this.closed) rl.prompt();
      });
    });
    rl.on('close', () => {
      this.closed = true;
      // The answers still being written come first, then the goodbye (« quitter » or Ctrl-D alike).
      void this.pipeline.settled().then(() => {
        this.print(CONSOLE_TEXTS.bye);
        this.opts.onClose?.();
      });
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.pipeline.settled();
  }

  /** Prints a message of the assistant's own as an answer is printed: the console has one person, always there. */
  async send(_address: Address, message: OutgoingMessage): Promise<SendResult> {
    renderConsole(message).forEach((text, index) => {
      this.show(text, index);
    });
    return { status: 'delivered' };
  }

  /** A blank line before a reply and after each of its messages, as a chat shows them. */
  private show(text: string, index: number): void {
    this.print(index === 0 ? `\n${text}\n` : `${text}\n`);
  }

  private print(s: string): void {
    this.output.write(s + '\n');
  }
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => (l ? '  ' + l : l))
    .join('\n');

/** One message as the terminal shows it: plain text, choices numbered, indented under the prompt. */
const renderConsole = (m: OutgoingMessage): string[] => [indent(messageToText(m))];
