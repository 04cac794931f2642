import { loadContent } from '../../app/content.js';
import { formatProblem, type Problem } from '../../errors.js';
import { parseOptions } from '../args.js';
import type { CliCommand } from '../command.js';

/** More than this many warnings with the same message are summed up in one line (unless --detail). */
const SAME_WARNING_LIMIT = 3;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate flows, locales, knowledge and directory; print every problem as file:line: message',
  usage: 'ponte check [--root DIR] [--quiet] [--detail]   (--quiet: errors only; --detail: every warning on its own line)',
  async run(argv, io) {
    const { values } = parseOptions(argv, { root: { type: 'string' }, quiet: { type: 'boolean' }, detail: { type: 'boolean' } });
    const detail = values.detail ?? false;
    const { problems } = loadContent(values.root ?? io.cwd, { detail });
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    for (const p of errors) io.stdout.write(formatProblem(p) + '\n');
    if (!values.quiet) for (const line of detail ? warnings.map(formatProblem) : groupWarnings(warnings)) io.stdout.write(line + '\n');
    io.stdout.write(`${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`);
    return errors.length > 0 ? 1 : 0;
  },
};

/**
 * The same warning on hundreds of files ("not reviewed by an operator yet") would hide the rare one that
 * matters: past a few, it is printed once with the count.
 */
function groupWarnings(warnings: Problem[]): string[] {
  const byMessage = new Map<string, Problem[]>();
  for (const w of warnings) byMessage.set(w.message, [...(byMessage.get(w.message) ?? []), w]);
  return [...byMessage.values()].flatMap((same) =>
    same.length <= SAME_WARNING_LIMIT
      ? same.map(formatProblem)
      : [`${formatProblem(same[0]!)} (and ${same.length - 1} more files with the same warning: --detail lists them)`],
  );
}
