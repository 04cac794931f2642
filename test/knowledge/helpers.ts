import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture repository root: knowledge/topics.yaml and three topics in ten languages. */
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/** A private copy of the fixtures in a temp dir, to edit freely. */
export function copyFixtures(): string {
  const root = mkdtempSync(join(tmpdir(), 'ponte-kb-'));
  cpSync(FIXTURES, root, { recursive: true });
  return root;
}

export function topicFile(root: string, topic: string, lang: string): string {
  return join(root, 'knowledge', 'topics', topic, `${lang}.md`);
}

/** Rewrites a file with `edit` applied to its text. */
export function editFile(path: string, edit: (text: string) => string): void {
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
