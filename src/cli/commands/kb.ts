import { UsageError } from '../../errors.js';
import type { CliCommand, CliIO } from '../command.js';
import { runKbImport } from './kb/import.js';
import { runKbStatus } from './kb/status.js';
import { runKbWatch } from './kb/watch.js';

/** `ponte kb <subcommand>`: the knowledge operators' tools. Add a subcommand here and in the usage text. */
const subcommands: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  import: runKbImport,
  watch: runKbWatch,
  status: runKbStatus,
};

export const kbCommand: CliCommand = {
  name: 'kb',
  summary: 'knowledge tools: import an official page as a draft, watch the cited sources, translation status',
  usage: [
    'ponte kb import URL|FILE --topic ID [--lang CODE] [--url URL] [--timeout SECONDS] [--root DIR]',
    '    extract the main text of an official page into knowledge/drafts/<topic>/ and print the draft\'s path',
    '    (--url: the address a saved FILE came from, when the page does not say it)',
    'ponte kb watch [--record] [--json] [--timeout SECONDS] [--root DIR]',
    '    fetch every source the answers cite; list the answers whose source changed since the last review',
    '    (exit 1 when any changed); --record stores the current pages as reviewed in knowledge/sources.json',
    'ponte kb status [--format table|csv] [--root DIR]',
    '    topic x language: ok, outdated (behind the Italian text), unreviewed, invalid, missing',
  ].join('\n'),
  async run(argv, io) {
    const [name, ...rest] = argv;
    const run = name ? subcommands[name] : undefined;
    if (!run) throw new UsageError(name ? `unknown subcommand "${name}"` : 'which one? import, watch or status');
    return run(rest, io);
  },
};
