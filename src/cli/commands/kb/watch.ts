import { resolve } from 'node:path';
import { z } from 'zod';
import { italianDate } from '../../../importer/date.js';
import { SOURCES_FILE } from '../../../importer/sources.js';
import { recordWatch, watchSources, type WatchReport, type WatchedSource } from '../../../importer/watch.js';
import { parseOptions } from '../../args.js';
import type { CliIO } from '../../command.js';
import { parseWith, timeoutSeconds } from './options.js';

const argsSchema = z.object({ timeout: timeoutSeconds });

/** `ponte kb watch [--record] [--json]`: exit 1 when a cited page changed since the last review (and not --record). */
export async function runKbWatch(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    record: { type: 'boolean' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    root: { type: 'string' },
  });
  const args = parseWith(argsSchema, values);
  const rootDir = resolve(io.cwd, values.root ?? '.');
  const report = await watchSources(rootDir, { fetch: { timeoutMs: args.timeout * 1000 } });
  const recorded = values.record ? recordWatch(rootDir, report, italianDate(new Date())) : undefined;
  io.stdout.write(values.json ? JSON.stringify(toJson(report, recorded)) + '\n' : toText(report, recorded));
  const changed = report.sources.some((s) => s.status === 'changed');
  return changed && recorded === undefined ? 1 : 0;
}

function toJson(report: WatchReport, recorded: number | undefined) {
  const count = (status: WatchedSource['status']) => report.sources.filter((s) => s.status === status).length;
  return {
    sources: report.sources.map((s) => ({
      url: s.url,
      status: s.status,
      files: s.files,
      hash: s.hash ?? null,
      recorded_hash: s.previous?.hash ?? null,
      recorded: s.previous?.recorded ?? null,
      ...(s.error ? { error: s.error } : {}),
    })),
    summary: { changed: count('changed'), new: count('new'), failed: count('failed'), unchanged: count('unchanged') },
    unreadable: report.unreadable,
    invalid: report.invalid,
    recorded: recorded !== undefined,
  };
}

function toText(report: WatchReport, recorded: number | undefined): string {
  const out: string[] = [];
  const group = (status: WatchedSource['status'], heading: string, line: (s: WatchedSource) => string) => {
    const list = report.sources.filter((s) => s.status === status);
    if (list.length === 0) return;
    out.push(`${heading} (${list.length}):`);
    for (const s of list) out.push(`  ${line(s)}`, ...s.files.map((f) => `    ${f}`));
    out.push('');
  };
  group('changed', 'Changed since the last review: re-read these answers against the page', (s) => `${s.url} (reviewed ${s.previous!.recorded})`);
  group('new', 'Never recorded: read these answers against the page once', (s) => s.url);
  group('failed', 'Could not be read: check the address (the page may have moved)', (s) => s.error!);
  if (report.unreadable.length > 0) out.push(`Skipped (front matter unreadable, see \`ponte check\`):`, ...report.unreadable.map((f) => `  ${f}`), '');
  if (report.invalid.length > 0) out.push(`Not an http(s) address:`, ...report.invalid.map((f) => `  ${f}`), '');
  const unchanged = report.sources.filter((s) => s.status === 'unchanged').length;
  out.push(`${report.sources.length} source${report.sources.length === 1 ? '' : 's'} checked, ${unchanged} unchanged.`);
  if (recorded !== undefined) out.push(recorded > 0 ? `Recorded the pages as reviewed today in ${SOURCES_FILE} (${recorded} entr${recorded === 1 ? 'y' : 'ies'} updated).` : `Nothing to record: ${SOURCES_FILE} is up to date.`);
  else if (report.sources.some((s) => s.status === 'changed' || s.status === 'new')) out.push('After re-reading (and fixing) the answers, run `ponte kb watch --record`.');
  return out.join('\n') + '\n';
}
