import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../errors.js';
import { KnowledgeBase, loadKnowledgeBase } from './knowledge-base.js';
import { isDirectory, loadKnowledgeContent, TOPICS_DIR, visibleEntries } from './loader.js';

export interface WatchOptions {
  /** The base serving now; its files are the last good versions kept when an edit breaks a file. */
  initial?: KnowledgeBase;
  /** Quiet time after the last change before reloading (editors write a file in several steps). Default 150 ms. */
  debounceMs?: number;
}

/**
 * Hot reload: watches knowledge/topics.yaml and every knowledge file, and after each burst of changes builds
 * a new KnowledgeBase and hands it to `onReload`. A file that became invalid keeps serving its last good
 * version; its problems (file:line) go to `onProblems`, which receives the loading problems of every reload
 * that has any (not the warnings across files, which are `ponte check`'s). Returns a function that stops
 * watching.
 */
export function watchKnowledge(
  rootDir: string,
  onReload: (base: KnowledgeBase) => void,
  onProblems: (problems: Problem[]) => void,
  options: WatchOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 150;
  let current = options.initial ?? loadKnowledgeBase(rootDir).base;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const reload = () => {
    timer = undefined;
    if (stopped) return;
    watchDirectories();
    const loaded = loadKnowledgeContent(rootDir, current.content.files);
    current = new KnowledgeBase(loaded.value, current.options);
    if (loaded.problems.length > 0) onProblems(loaded.problems);
    onReload(current);
  };

  const changed = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  // One watcher per directory (recursive watching is not portable): knowledge/, topics/ and each topic folder.
  const watchDirectories = () => {
    const topicsDir = join(rootDir, TOPICS_DIR);
    const dirs = [join(rootDir, 'knowledge'), topicsDir];
    for (const name of visibleEntries(topicsDir)) {
      const dir = join(topicsDir, name);
      if (isDirectory(dir)) dirs.push(dir);
    }
    for (const [dir, watcher] of watchers) {
      if (!dirs.includes(dir) || !existsSync(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir) || !existsSync(dir)) continue;
      try {
        const watcher = watch(dir, changed);
        watcher.on('error', () => {
          // The folder went away (renamed or deleted): the next reload watches what exists then.
          watcher.close();
          watchers.delete(dir);
          changed();
        });
        watchers.set(dir, watcher);
      } catch {
        // Not watchable now (removed between listing and watching): picked up at the next change.
      }
    }
  };

  watchDirectories();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
