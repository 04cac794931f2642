import { loadContent } from '../../app/content.js';
import { formatProblem } from '../../errors.js';
import { parseOptions } from '../args.js';
import type { CliCommand } from '../command.js';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate flows, locales, knowledge and directory; print every problem as file:line: message',
  usage: 'ponte check [--root DIR] [--quiet] [--detail]   (--quiet: errors only; --detail: one warning per service)',
  async run(argv, io) {
    const { values } = parseOptions(argv, { root: { type: 'string' }, quiet: { type: 'boolean' }, detail: { type: 'boolean' } });
    const { problems } = loadContent(values.root ?? io.cwd, { detail: values.detail ?? false });
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    for (const p of errors) io.stdout.write(formatProblem(p) + '\n');
    if (!values.quiet) for (const p of warnings) io.stdout.write(formatProblem(p) + '\n');
    io.stdout.write(`${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`);
    return errors.length > 0 ? 1 : 0;
  },
};
