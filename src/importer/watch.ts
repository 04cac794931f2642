import { PonteError } from '../errors.js';
import { extractPage } from './extract.js';
import { fetchPage, type FetchOptions } from './fetch-page.js';
import { collectSources, readRecords, writeRecords, type SourceRecord } from './sources.js';

/**
 * `ponte kb watch`: has any official page the answers cite changed since an operator last read it?
 * Each distinct address is fetched once, its readable text hashed (the same extraction as `kb import`, so
 * menus, banners and scripts do not count) and compared with knowledge/sources.json.
 */

export type SourceStatus = 'changed' | 'new' | 'failed' | 'unchanged';

export interface WatchedSource {
  url: string;
  /** The answer files that cite it, relative to the root. */
  files: string[];
  status: SourceStatus;
  /** The hash of the page's readable text now (absent when it could not be fetched). */
  hash?: string;
  /** What was recorded at the last review. */
  previous?: SourceRecord;
  /** Why it could not be fetched or read. */
  error?: string;
}

export interface WatchReport {
  /** Sorted by address. */
  sources: WatchedSource[];
  /** Answer files whose front matter could not be read. */
  unreadable: string[];
  /** Source entries that are not http(s) addresses. */
  invalid: string[];
}

export interface WatchOptions {
  fetch?: FetchOptions;
  /** Pages fetched at the same time (default 4: gentle with public-administration sites). */
  concurrency?: number;
}

export async function watchSources(rootDir: string, options: WatchOptions = {}): Promise<WatchReport> {
  const cited = collectSources(rootDir);
  const records = readRecords(rootDir);
  const entries = [...cited.urls];
  const sources = await mapLimit(entries, options.concurrency ?? 4, async ([url, files]): Promise<WatchedSource> => {
    const previous = records.get(url);
    const base = { url, files, ...(previous ? { previous } : {}) };
    try {
      const page = await fetchPage(url, options.fetch);
      const { hash } = extractPage(page.html, page.url, url);
      return { ...base, hash, status: !previous ? 'new' : previous.hash === hash ? 'unchanged' : 'changed' };
    } catch (error) {
      // One site down must not hide the others: the failure is reported with the rest.
      const message = error instanceof PonteError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
      return { ...base, status: 'failed', error: message };
    }
  });
  return { sources, unreadable: cited.unreadable, invalid: cited.invalid };
}

/**
 * Records the hashes of the pages just read, as reviewed on `today`: changed and new sources get the new hash;
 * unchanged ones keep their date (so the file changes only when a page did); failed ones keep what they had.
 * Addresses no answer cites any more are dropped, unless some answer file could not be read.
 * Returns how many entries were written or updated.
 */
export function recordWatch(rootDir: string, report: WatchReport, today: string): number {
  const records = readRecords(rootDir);
  let updated = 0;
  for (const source of report.sources) {
    if ((source.status === 'changed' || source.status === 'new') && source.hash) {
      records.set(source.url, { hash: source.hash, recorded: today });
      updated++;
    }
  }
  if (report.unreadable.length === 0) {
    const cited = new Set(report.sources.map((s) => s.url));
    for (const url of [...records.keys()]) {
      if (!cited.has(url)) {
        records.delete(url);
        updated++;
      }
    }
  }
  if (updated > 0) writeRecords(rootDir, records);
  return updated;
}

/** Runs `work` over `items` with at most `limit` at once; results keep the items' order. */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
