import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson, parseYaml, splitFrontMatter } from '../content/yaml.js';
import { ContentError, type Problem } from '../errors.js';
import { isHttpUrl } from './fetch-page.js';

/**
 * The official sources the answers cite (`sources[].url` in knowledge/topics/<topic>/<lang>.md) and the hash of
 * each source's readable text at the last review (knowledge/sources.json).
 */

export const SOURCES_FILE = 'knowledge/sources.json';
const TOPICS_DIR = 'knowledge/topics';

export interface CitedSources {
  /** Each distinct address, with the answer files (relative to the root) that cite it; sorted. */
  urls: Map<string, string[]>;
  /** Answer files whose front matter could not be read (`ponte check` says why). */
  unreadable: string[];
  /** Source entries that are not an http(s) address, as "file: value". */
  invalid: string[];
}

/** A source is `{ title, url }`; a bare address is accepted too. Anything else is skipped, not fatal. */
const sourceEntry = z.union([z.string(), z.looseObject({ url: z.string() })]);
const frontMatterSources = z.looseObject({ sources: z.array(z.unknown()).optional() });

/** Reads every answer file's sources. Tolerant: a broken file is listed as unreadable and the rest go on. */
export function collectSources(rootDir: string): CitedSources {
  const urls = new Map<string, string[]>();
  const unreadable: string[] = [];
  const invalid: string[] = [];
  const dir = join(rootDir, TOPICS_DIR);
  const topics = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  for (const topic of topics) {
    for (const name of readdirSync(join(dir, topic)).filter((n) => n.endsWith('.md')).sort()) {
      const file = `${TOPICS_DIR}/${topic}/${name}`;
      const split = splitFrontMatter(readFileSync(join(rootDir, file), 'utf8'));
      const parsed = split ? parseYaml(file, split.yaml, split.lineOffset) : undefined;
      const front = parsed?.ok ? frontMatterSources.safeParse(parsed.data) : undefined;
      if (!front?.success) {
        unreadable.push(file);
        continue;
      }
      for (const item of front.data.sources ?? []) {
        const entry = sourceEntry.safeParse(item);
        const url = entry.success ? (typeof entry.data === 'string' ? entry.data : entry.data.url).trim() : '';
        if (!isHttpUrl(url)) {
          invalid.push(`${file}: ${url || JSON.stringify(item)}`);
          continue;
        }
        const files = urls.get(url) ?? [];
        if (!files.includes(file)) files.push(file);
        urls.set(url, files);
      }
    }
  }
  return { urls: new Map([...urls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), unreadable, invalid };
}

export interface SourceRecord {
  /** sha256 of the readable text, 12 hex digits. */
  hash: string;
  /** YYYY-MM-DD: when an operator recorded this hash (after re-reading the answers). */
  recorded: string;
}

const recordsSchema = z.record(
  z.string().refine(isHttpUrl, 'a key must be an http(s) address'),
  z.strictObject({
    hash: z.string().regex(/^[0-9a-f]{12}$/, 'hash: 12 hex digits'),
    recorded: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'recorded: a date YYYY-MM-DD'),
  }),
);

/** knowledge/sources.json, or nothing recorded yet when it does not exist. Bad content: ContentError with file:line. */
export function readRecords(rootDir: string): Map<string, SourceRecord> {
  const path = join(rootDir, SOURCES_FILE);
  if (!existsSync(path)) return new Map();
  const text = readFileSync(path, 'utf8');
  const problem = (line: number, message: string): Problem => ({ file: SOURCES_FILE, line, message, severity: 'error' });
  const parsed = parseJson(SOURCES_FILE, text);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  const result = recordsSchema.safeParse(parsed.data);
  if (!result.success) {
    throw new ContentError(result.error.issues.map((i) => problem(parsed.yaml.lineOf(i.path as (string | number)[]), `${i.path.length ? `"${String(i.path[0])}": ` : ''}${i.message}`)));
  }
  return new Map(Object.entries(result.data));
}

/** Writes knowledge/sources.json with sorted keys (clean diffs), through a temporary file (never half written). */
export function writeRecords(rootDir: string, records: Map<string, SourceRecord>): void {
  const sorted = Object.fromEntries([...records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([url, r]) => [url, { hash: r.hash, recorded: r.recorded }]));
  const path = join(rootDir, SOURCES_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(sorted, null, 2) + '\n');
  renameSync(temporary, path);
}
