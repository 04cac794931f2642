import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, tempDir } from './engine.js';

/** A copy of the repository's content in a temp dir, to break one file at a time. */
export function contentCopy(): { root: string; write(file: string, text: string): void; remove(): void } {
  const dir = tempDir('ponte-content-');
  for (const part of ['flows', 'locales', 'knowledge']) cpSync(join(ROOT, part), join(dir.path, part), { recursive: true });
  return {
    root: dir.path,
    write(file, text) {
      mkdirSync(dirname(join(dir.path, file)), { recursive: true });
      writeFileSync(join(dir.path, file), text);
    },
    remove: dir.remove,
  };
}
