import { LANGUAGES, type Lang } from '../engine/types.js';
import type { Problem } from '../errors.js';
import { crossFileProblems, isOutdated, knowledgeFilePath, needsReview } from './checks.js';
import { loadKnowledgeContent } from './loader.js';

/**
 * What operators need to keep the content right: `checkKnowledge` for `ponte check` (every problem, file:line)
 * and `kbStatus` for `ponte kb status` (a topic x language table).
 */

/** Every problem of the knowledge files: loading errors, then warnings across files. */
export function checkKnowledge(rootDir: string, now: Date = new Date()): Problem[] {
  const loaded = loadKnowledgeContent(rootDir);
  return [...loaded.problems, ...crossFileProblems(loaded.value, now)];
}

/**
 * - `ok`: valid, up to date with the Italian text, reviewed within 12 months;
 * - `outdated`: a translation made from an older Italian text;
 * - `unreviewed`: never reviewed, or reviewed more than 12 months ago;
 * - `invalid`: the file exists but has errors (users get Italian, or the last good version while running);
 * - `missing`: no file.
 * When several apply, the first in this order of urgency wins: missing, invalid, outdated, unreviewed.
 */
export type KbCellStatus = 'ok' | 'outdated' | 'unreviewed' | 'invalid' | 'missing';

export interface KbStatus {
  languages: Lang[];
  rows: Array<{ topic: string; cells: Record<Lang, KbCellStatus> }>;
}

export function kbStatus(rootDir: string, now: Date = new Date()): KbStatus {
  const { catalogue, files, present } = loadKnowledgeContent(rootDir).value;
  const rows = catalogue.map((topic) => {
    const italian = files.get(knowledgeFilePath(topic.id, 'it'));
    const cells = {} as Record<Lang, KbCellStatus>;
    for (const lang of LANGUAGES) {
      const path = knowledgeFilePath(topic.id, lang);
      const file = files.get(path);
      cells[lang] = !file
        ? present.has(path)
          ? 'invalid'
          : 'missing'
        : isOutdated(file, italian)
          ? 'outdated'
          : needsReview(file, now)
            ? 'unreviewed'
            : 'ok';
    }
    return { topic: topic.id, cells };
  });
  return { languages: [...LANGUAGES], rows };
}

/** The matrix as an aligned text table or as CSV (header `topic,it,en,...`). */
export function formatKbStatus(status: KbStatus, format: 'table' | 'csv'): string {
  const header = ['topic', ...status.languages];
  const lines = status.rows.map((r) => [r.topic, ...status.languages.map((l) => r.cells[l])]);
  if (format === 'csv') return [header, ...lines].map((cols) => cols.join(',')).join('\n') + '\n';
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((cols) => cols[i]!.length)));
  return [header, ...lines].map((cols) => cols.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
