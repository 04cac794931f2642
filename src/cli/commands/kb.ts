import { UsageError } from '../../errors.js';
import type { CliCommand, CliIO } from '../command.js';
import { runKbImport } from './kb/import.js';

/** `ponte kb <subcommand>`: the knowledge operators' tools. Add a subcommand here and in the usage text. */
const subcommands: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  import: runKbImport,
};

export const kbCommand: CliCommand = {
  name: 'kb',
  summary: 'knowledge tools: import an official page as a draft',
  usage: [
    'ponte kb import URL|FILE --topic ID [--lang CODE] [--url URL] [--timeout SECONDS] [--root DIR]',
    '    extract the main text of an official page into knowledge/drafts/<topic>/ and print the draft\'s path',
    '    (--url: the address a saved FILE came from, when the page does not say it)',
  ].join('\n'),
  async run(argv, io) {
    const [name, ...rest] = argv;
    const run = name ? subcommands[name] : undefined;
    if (!run) throw new UsageError(name ? `unknown subcommand "${name}"` : 'which one? import');
    return run(rest, io);
  },
};
