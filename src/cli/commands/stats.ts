import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { FIELDS, summaryQuerySchema } from '../../stats/fields.js';
import { FORMATS, formatSummary } from '../../stats/format.js';
import { openStatsStore } from '../../stats/store.js';
import { summarize } from '../../stats/summary.js';

/** `ponte stats summary`: the anonymous usage summary, with small-cell suppression, as a table, CSV or JSON. */

const optionsSchema = z.object({
  format: z.enum(FORMATS, { error: `--format must be one of ${FORMATS.join(', ')}` }).default('table'),
});

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'anonymous usage summary (people, conversations, answers...) with small groups hidden',
  usage: [
    'ponte stats summary [--from DATE] [--to DATE] [--by FIELDS] [--format table|csv|json]',
    `  DATE: YYYY-MM-DD or YYYY-MM (inclusive); FIELDS: comma-separated, any of ${FIELDS.join(', ')}`,
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'summary') throw new UsageError(sub === undefined ? 'say what to do: summary' : `unknown subcommand "${sub}"`);
    let values: { from?: string; to?: string; by?: string; format?: string };
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { from: { type: 'string' }, to: { type: 'string' }, by: { type: 'string' }, format: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const query = summaryQuerySchema.safeParse({ from: values.from, to: values.to, by: values.by ?? '' });
    if (!query.success) throw new UsageError(query.error.issues.map((i) => i.message).join('; '));
    const options = optionsSchema.safeParse({ format: values.format });
    if (!options.success) throw new UsageError(options.error.issues.map((i) => i.message).join('; '));

    const config = loadConfig(io.env);
    const store = openStatsStore(config.dataDir);
    try {
      io.stdout.write(formatSummary(summarize(store, query.data), options.data.format));
    } finally {
      store.close();
    }
    return 0;
  },
};
