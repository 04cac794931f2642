import { existsSync, readFileSync } from 'node:fs';
import { LANGUAGES } from '../src/engine/types.js';
import type { KnowledgeFile } from '../src/knowledge/file.js';
import { indexedDocuments, KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadKnowledgeContent, type KnowledgeContent } from '../src/knowledge/loader.js';
import { SearchIndex } from '../src/knowledge/search-index.js';
import { words } from '../src/knowledge/tokenise.js';
import { latencyFigures, ms, timeEach, type BenchSection, type Figure } from './harness.js';
import { Fts5Index } from './knowledge-fts5.js';

/**
 * Knowledge: index build time and search latency, in memory (what Ponte uses) and with SQLite FTS5 (the
 * measured alternative), on the real knowledge base and on a synthetic one of 10,000 documents; and, when
 * the development set is there (../shared/eval/dev.jsonl), how often each ranks the right topic first and among the first three.
 */

/** The development set beside the repository (CI's layout), or beside the main checkout when run in a worktree. */
const DEV_SETS = ['../shared/eval/dev.jsonl', '../../shared/eval/dev.jsonl'];
const SYNTHETIC_DOCUMENTS = 10_000;

function elapsed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** A small deterministic generator, so that runs are comparable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 10,000 knowledge files made of the real vocabulary (Zipf-like draws), one topic each. */
function syntheticFiles(real: KnowledgeFile[], count: number): KnowledgeFile[] {
  const rnd = random(42);
  const vocabulary = [...new Set(real.flatMap((f) => [...f.questions, ...f.messages].flatMap((t) => words(t))))];
  const word = () => vocabulary[Math.floor(vocabulary.length * rnd() ** 2)]!;
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    file: `knowledge/topics/syn-${i}/${LANGUAGES[i % LANGUAGES.length]}.md`,
    topic: `syn-${i}`,
    lang: LANGUAGES[i % LANGUAGES.length]!,
    title: phrase(3),
    questions: Array.from({ length: 15 }, () => phrase(4 + Math.floor(rnd() * 6))),
    keywords: Array.from({ length: 12 }, () => phrase(1)),
    sources: [],
    updated: '2026-11-22',
    reviewed: false,
    reviewedLine: 1,
    messages: Array.from({ length: 3 }, () => phrase(40)),
    hash: '000000000000',
  }));
}

/** Questions for timing: sample questions with one word dropped and one letter doubled (a typo). */
function perturbedQuestions(files: KnowledgeFile[], count: number): string[] {
  const rnd = random(7);
  return Array.from({ length: count }, () => {
    const file = files[Math.floor(rnd() * files.length)]!;
    const w = words(file.questions[Math.floor(rnd() * file.questions.length)]!);
    if (w.length > 3) w.splice(Math.floor(rnd() * w.length), 1);
    const at = Math.floor(rnd() * w.length);
    w[at] = w[at]!.replace(/(\p{L})/u, '$1$1');
    return w.join(' ');
  });
}

function accuracy(rank: (q: string) => string[], rows: Array<{ q: string; topic: string | null }>): string {
  const inScope = rows.filter((r) => r.topic !== null && r.topic !== 'greeting');
  let first = 0;
  let three = 0;
  for (const r of inScope) {
    const ranked = rank(r.q);
    if (ranked[0] === r.topic) first++;
    if (ranked.slice(0, 3).includes(r.topic!)) three++;
  }
  const pct = (n: number) => `${((n / inScope.length) * 100).toFixed(1)}%`;
  return `rank-1 ${pct(first)}, top-3 ${pct(three)} of ${inScope.length}`;
}

function measure(label: string, content: KnowledgeContent, questions: string[], iterations: number, ftsIterations: number): Figure[] {
  const files = [...content.files.values()];
  const memory = elapsed(() => new KnowledgeBase(content));
  const indexOnly = elapsed(() => SearchIndex.build(indexedDocuments(files)));
  const fts = elapsed(() => new Fts5Index(files));
  const base = memory.value;
  const figures: Figure[] = [
    { label: `${label}: documents (topics) / files`, value: `${base.index.size} / ${files.length}` },
    { label: `${label}: in-memory build (index + language model)`, value: ms(memory.ms) },
    { label: `${label}: in-memory build (index only)`, value: ms(indexOnly.ms) },
    { label: `${label}: FTS5 build`, value: ms(fts.ms) },
    ...latencyFigures(`${label}: in-memory classify`, timeEach((i) => base.classify(questions[i % questions.length]!, null), iterations), 'questions'),
    ...latencyFigures(`${label}: FTS5 search`, timeEach((i) => fts.value.search(questions[i % questions.length]!), ftsIterations, 20), 'questions'),
  ];
  fts.value.close();
  return figures;
}

export async function run(): Promise<BenchSection> {
  const real = loadKnowledgeContent('.').value;
  const realFiles = [...real.files.values()];
  const figures: Figure[] = [];
  if (realFiles.length > 0) {
    figures.push(...measure('real', real, perturbedQuestions(realFiles, 2000), 5000, 2000));
    const devSet = DEV_SETS.find((path) => existsSync(path));
    if (devSet) {
      const rows = readFileSync(devSet, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; topic: string | null });
      const base = new KnowledgeBase(real);
      const fts = new Fts5Index(realFiles);
      figures.push({ label: 'dev set, in-memory', value: accuracy((q) => base.rank(q, 3).map((r) => r.topic), rows) });
      figures.push({ label: 'dev set, FTS5', value: accuracy((q) => fts.search(q, 3).map((r) => r.id), rows) });
      fts.close();
    }
  }
  const synthetic = syntheticFiles(realFiles.length > 0 ? realFiles : [], SYNTHETIC_DOCUMENTS);
  const content: KnowledgeContent = { catalogue: [], files: new Map(synthetic.map((f) => [f.file, f])), present: new Set() };
  figures.push(...measure(`synthetic ${SYNTHETIC_DOCUMENTS.toLocaleString('en')}`, content, perturbedQuestions(synthetic, 2000), 2000, 300));
  return { title: 'Knowledge: index build and question answering', figures };
}
