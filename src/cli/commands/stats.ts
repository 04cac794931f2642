import { z } from 'zod';
import { parseOptions, validateOptions } from '../args.js';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { FIELDS, summaryQuerySchema } from '../../stats/fields.js';
import { FORMATS, formatSummary } from '../../stats/format.js';
import { openStatsStore } from '../../stats/store.js';
import { summarize } from '../../stats/summary.js';
import { STATS_LANGS } from '../../stats/texts.js';

/** `ponte stats summary`: the anonymous usage summary, with small-cell suppression, as a table, CSV or JSON. */

const optionsSchema = z.object({
  format: z.enum(FORMATS, { error: `--format must be one of ${FORMATS.join(', ')}` }).default('table'),
  // Operators' output is English like the rest of the CLI; coordinators can ask for Italian headers and notes.
  lang: z.enum(STATS_LANGS, { error: `--lang must be one of ${STATS_LANGS.join(', ')}` }).default('en'),
});

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'anonymous usage summary (people, conversations, answers...) with small groups hidden',
  usage: [
    'ponte stats summary [--from DATE] [--to DATE] [--by FIELDS] [--format table|csv|json] [--lang en|it]',
    `  DATE: YYYY-MM-DD or YYYY-MM (inclusive); FIELDS: comma-separated, any of ${FIELDS.join(', ')}`,
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'summary') throw new UsageError(sub === undefined ? 'say what to do: summary' : `unknown subcommand "${sub}"`);
    const { values } = parseOptions(rest, { from: { type: 'string' }, to: { type: 'string' }, by: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' } });
    const query = validateOptions(summaryQuerySchema, { from: values.from, to: values.to, by: values.by ?? '' });
    const { format, lang } = validateOptions(optionsSchema, { format: values.format, lang: values.lang });

    const config = loadConfig(io.env);
    const store = openStatsStore(config.dataDir);
    try {
      io.stdout.write(formatSummary(summarize(store, { ...query, lang }), format, lang));
    } finally {
      store.close();
    }
    return 0;
  },
};
