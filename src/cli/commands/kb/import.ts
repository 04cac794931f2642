import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { loadCatalogue } from '../../../content/catalogue.js';
import { LANGUAGES } from '../../../engine/types.js';
import { ContentError, UsageError } from '../../../errors.js';
import { isHttpUrl } from '../../../importer/fetch-page.js';
import { importPage } from '../../../importer/import-page.js';
import { parseOptionsAndPositionals } from '../../args.js';
import type { CliIO } from '../../command.js';
import { parseWith, timeoutSeconds } from './options.js';

/** The arguments, with --topic checked against the ids of knowledge/topics.yaml. */
function argsSchema(topicIds: Set<string>) {
  return z.object({
    input: z.string({ error: 'give the page: an http(s) address or a saved HTML file' }).trim().min(1, 'give the page: an http(s) address or a saved HTML file'),
    topic: z
      .string({ error: 'which topic? e.g. --topic permesso-rinnovo (ids in knowledge/topics.yaml)' })
      .superRefine((id, ctx) => {
        if (topicIds.has(id)) return;
        const near = [...topicIds].filter((known) => id && (known.includes(id) || id.includes(known))).slice(0, 5);
        ctx.addIssue({ code: 'custom', message: `unknown topic "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; the ids are in knowledge/topics.yaml` });
      }),
    lang: z.enum(LANGUAGES, { error: `one of ${LANGUAGES.join(' ')}` }).optional(),
    url: z.string().refine(isHttpUrl, 'an http(s) address').optional(),
    timeout: timeoutSeconds,
  });
}

/** `ponte kb import URL|FILE --topic ID [--lang CODE]`: prints the draft's path (and notes on stderr). */
export async function runKbImport(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptionsAndPositionals(argv, {
    topic: { type: 'string' },
    lang: { type: 'string' },
    url: { type: 'string' },
    timeout: { type: 'string' },
    root: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`one page at a time (got ${positionals.length}: ${positionals.join(' ')})`);
  const rootDir = resolve(io.cwd, values.root ?? '.');
  if (!existsSync(join(rootDir, 'knowledge', 'topics.yaml'))) throw new UsageError(`no knowledge/topics.yaml in ${rootDir}: run from the project folder, or give --root`);
  const catalogue = loadCatalogue(rootDir);
  if (catalogue.problems.length > 0) throw new ContentError(catalogue.problems);
  const args = parseWith(argsSchema(new Set(catalogue.value.map((t) => t.id))), { ...values, input: positionals[0] }, { input: 'URL|FILE' });
  const result = await importPage({
    rootDir,
    input: args.input,
    cwd: io.cwd,
    topic: args.topic,
    ...(args.lang ? { lang: args.lang } : {}),
    ...(args.url ? { sourceUrl: args.url } : {}),
    fetch: { timeoutMs: args.timeout * 1000 },
  });
  for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
  io.stdout.write(relative(io.cwd, join(rootDir, result.path)) + '\n');
  return 0;
}
