import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import { CATALOGUE_FILE, loadCatalogue, type CatalogueTopic } from '../content/catalogue.js';
import { parseKnowledgeFile, type KnowledgeFile } from './file.js';
import { loadOutOfScope } from './out-of-scope.js';

/** Where the knowledge lives, relative to the repository root. */
export const TOPICS_DIR = 'knowledge/topics';
export { CATALOGUE_FILE, loadCatalogue, type CatalogueTopic };

export interface KnowledgeContent {
  catalogue: CatalogueTopic[];
  /** Valid files (or the last good version of files that became invalid), keyed by their relative path. */
  files: Map<string, KnowledgeFile>;
  /** Every knowledge file found on disk, valid or not (to tell a missing file from a broken one). */
  present: Set<string>;
  /** Questions Ponte does not answer (knowledge/out-of-scope.yaml), all languages together. */
  outOfScope?: string[];
}

/**
 * Reads every `knowledge/topics/<topic>/<lang>.md`. Invalid files are skipped and reported; when `previous`
 * holds a good version of a file that is now invalid, that version keeps serving (hot reload), and the
 * problems say so. Checks across files (outdated translations, missing ones, reviews) are in checks.ts.
 */
export function loadKnowledgeContent(
  rootDir: string,
  previous?: ReadonlyMap<string, KnowledgeFile>,
): { value: KnowledgeContent; problems: Problem[] } {
  const catalogue = loadCatalogue(rootDir);
  const outOfScope = loadOutOfScope(rootDir);
  const problems: Problem[] = [...catalogue.problems, ...outOfScope.problems];
  const known = new Set(catalogue.value.map((t) => t.id));
  const files = new Map<string, KnowledgeFile>();
  const present = new Set<string>();
  const topicsDir = join(rootDir, TOPICS_DIR);
  if (!existsSync(topicsDir)) {
    problems.push({ file: TOPICS_DIR, line: 1, message: 'the folder of knowledge files is missing', severity: 'error' });
    return { value: { catalogue: catalogue.value, files, present, outOfScope: outOfScope.questions }, problems };
  }

  for (const topic of visibleEntries(topicsDir)) {
    const topicDir = join(topicsDir, topic);
    if (!isDirectory(topicDir)) continue;
    for (const name of visibleEntries(topicDir)) {
      if (!name.endsWith('.md')) continue;
      const file = `${TOPICS_DIR}/${topic}/${name}`;
      present.add(file);
      let text: string;
      try {
        text = readFileSync(join(topicDir, name), 'utf8');
      } catch (error) {
        // A file removed or replaced between listing and reading (an editor saving): report, keep going.
        problems.push({ file, line: 1, message: `cannot be read: ${(error as Error).message}`, severity: 'error' });
        continue;
      }
      // With a broken catalogue every topic would look unknown: its own problems say enough.
      const knownTopics = catalogue.problems.length === 0 ? known : undefined;
      const parsed = parseKnowledgeFile(file, text, { topic, lang: name.slice(0, -3), ...(knownTopics ? { knownTopics } : {}) });
      problems.push(...parsed.problems);
      const value = parsed.value ?? previous?.get(file);
      if (!parsed.value && value) {
        problems.push({ file, line: 1, message: 'the last valid version of this file keeps serving until it is fixed', severity: 'warning' });
      }
      if (value) files.set(file, value);
    }
  }
  return { value: { catalogue: catalogue.value, files, present, outOfScope: outOfScope.questions }, problems };
}

/** Names in a folder, hidden ones (editors' swap files) left out, sorted; none when it cannot be read. */
export function visibleEntries(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
