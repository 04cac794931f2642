import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/errors.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { watchKnowledge } from '../../src/knowledge/watch.js';
import { copyFixtures, editFile, topicFile } from './helpers.js';

/** Collects reloads and problems, and lets a test wait for the next reload that satisfies a condition. */
function recorder() {
  const reloads: KnowledgeBase[] = [];
  const problems: Problem[][] = [];
  let waiting: { check: (b: KnowledgeBase) => boolean; resolve: (b: KnowledgeBase) => void } | undefined;
  return {
    reloads,
    problems,
    onReload(base: KnowledgeBase) {
      reloads.push(base);
      if (waiting?.check(base)) {
        waiting.resolve(base);
        waiting = undefined;
      }
    },
    onProblems(p: Problem[]) {
      problems.push(p);
    },
    next(check: (b: KnowledgeBase) => boolean): Promise<KnowledgeBase> {
      return new Promise((resolve, reject) => {
        waiting = { check, resolve };
        setTimeout(() => reject(new Error('no matching reload within 10 s')), 10_000).unref();
      });
    },
  };
}

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('hot reload', () => {
  it('picks up an edit without restart, keeps the last good version of a broken file, and recovers', async () => {
    const root = copyFixtures();
    const initial = loadKnowledgeBase(root).base;
    const rec = recorder();
    stops.push(watchKnowledge(root, rec.onReload, rec.onProblems, { initial, debounceMs: 50 }));
    const path = topicFile(root, 'emergenze', 'en');
    const question = 'a snake bit my friend in the garden';
    expect(initial.classify(question, 'en').topic).not.toBe('emergenze');

    // A valid edit: a new sample question makes the topic findable.
    editFile(path, (t) => t.replace('  - "is 112 free"', '  - "is 112 free"\n  - "a snake bit my friend in the garden"'));
    const edited = await rec.next((b) => b.file('emergenze', 'en')!.questions.length === 9);
    expect(edited.classify(question, 'en').topic).toBe('emergenze');

    // An invalid edit: rejected with file:line, the last good version keeps serving.
    editFile(path, (t) => t.replace('title: "Emergency numbers"', 'title: [broken'));
    const broken = await rec.next(() => true);
    const reported = rec.problems.flat();
    expect(reported.some((p) => p.severity === 'error' && p.file === 'knowledge/topics/emergenze/en.md' && p.line > 1)).toBe(true);
    expect(broken.file('emergenze', 'en')!.questions).toContain('a snake bit my friend in the garden');
    expect(broken.classify(question, 'en').topic).toBe('emergenze');
    expect(broken.answer('emergenze', 'en')!.title).toBe('Emergency numbers');

    // Fixed again: the new version serves.
    editFile(path, (t) => t.replace('title: [broken', 'title: "Emergencies"'));
    const fixed = await rec.next((b) => b.title('emergenze', 'en') === 'Emergencies');
    expect(fixed.answer('emergenze', 'en')!.title).toBe('Emergencies');
  });

  it('stops watching when asked', async () => {
    const root = copyFixtures();
    const rec = recorder();
    const stop = watchKnowledge(root, rec.onReload, rec.onProblems, { debounceMs: 20 });
    stop();
    editFile(topicFile(root, 'emergenze', 'it'), (t) => t.replace('title: "Numeri di emergenza"', 'title: "Emergenze"'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rec.reloads).toHaveLength(0);
  });
});
