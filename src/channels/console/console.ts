import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import type { Envelope } from '../../engine/types.js';
import { parseLine } from './parse.js';
import { renderReply } from './render.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Interactive terminal: a prompt, colours, and the conversation opens by itself. */
  interactive: boolean;
  /** The terminal's language (LANG), offered first. */
  langHint?: string;
  /** The terminal is one person; the id only keeps their session across runs. */
  userId?: string;
}

export const CONSOLE_CHANNEL = 'console';

/** Chats in the terminal until the end of input. Works in a pipe: `printf '/start\n2\n' | npm start -s`. */
export async function runConsole(engine: Engine, options: ConsoleOptions): Promise<void> {
  const { input, output, interactive } = options;
  const write = (text: string) => output.write(text.endsWith('\n') ? text : `${text}\n`);
  const send = (line: string) => {
    const envelope: Envelope = { channel: CONSOLE_CHANNEL, userId: options.userId ?? 'local', message: parseLine(line), ...(options.langHint ? { langHint: options.langHint } : {}) };
    const replies = engine.handle(envelope);
    write(replies.map((r) => renderReply(r, interactive)).join('\n\n') + '\n');
  };
  const prompt = () => interactive && output.write('> ');
  if (interactive) {
    write('Ponte — /help for commands, Ctrl-D to leave.\n');
    send('/start');
    prompt();
  }
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    // In a pipe the input is not on screen: echo it so that the output reads as a transcript.
    write(interactive ? '' : `> ${line}\n`);
    send(line);
    prompt();
  }
}
