import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../engine/types.js';
import { ContentError, UsageError, type Problem } from '../../errors.js';
import { parseOptionsAndPositionals } from '../args.js';
import type { CliCommand } from '../command.js';
import { askLine, loadForCli } from './ask.js';

/**
 * `ponte eval FILE.jsonl [--json] [--misses]`: runs `ask` over a labelled set ({"q","lang","topic"} per line,
 * topic null for an out-of-scope question, "greeting" for a greeting) and prints, per language and overall,
 * top-1 accuracy (the bot answers with the right topic), rank-1 (the right topic ranked first, whether or not
 * the bot is sure enough to answer: otherwise it offers choices), top-3 recall (the right topic among the three
 * best by rank) and the share of out-of-scope questions that got an answer.
 */

const labelSchema = z.object({
  q: z.string().trim().min(1, 'q: must be a question'),
  lang: z.enum(LANGUAGES, { error: `lang: must be one of ${LANGUAGES.join(' ')}` }),
  topic: z.string().min(1).nullable(),
});

type Label = z.infer<typeof labelSchema>;

interface Tally {
  questions: number;
  top1: number;
  rank1: number;
  top3: number;
  outOfScope: number;
  outOfScopeAnswered: number;
}

export interface EvalFigures {
  questions: number;
  /** Shares 0..1 over in-scope questions (topics and greetings); null when there are none. */
  top1: number | null;
  rank1: number | null;
  top3: number | null;
  outOfScope: number;
  /** Share 0..1 of out-of-scope questions that got an answer; null when there are none. */
  outOfScopeAnswered: number | null;
}

function readLabels(path: string, display: string): Label[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${display}: ${(error as Error).message}`);
  }
  const labels: Label[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push({ file: display, line: i + 1, message: 'not a JSON object', severity: 'error' });
      return;
    }
    const parsed = labelSchema.safeParse(json);
    if (parsed.success) labels.push(parsed.data);
    else problems.push(...parsed.error.issues.map((issue) => ({ file: display, line: i + 1, message: issue.message, severity: 'error' as const })));
  });
  if (problems.length > 0) throw new ContentError(problems);
  if (labels.length === 0) throw new UsageError(`${display} holds no labelled questions`);
  return labels;
}

function figures(t: Tally): EvalFigures {
  const inScope = t.questions - t.outOfScope;
  return {
    questions: t.questions,
    top1: inScope > 0 ? t.top1 / inScope : null,
    rank1: inScope > 0 ? t.rank1 / inScope : null,
    top3: inScope > 0 ? t.top3 / inScope : null,
    outOfScope: t.outOfScope,
    outOfScopeAnswered: t.outOfScope > 0 ? t.outOfScopeAnswered / t.outOfScope : null,
  };
}

const percent = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'measure question answering on a labelled set (top-1, top-3, out-of-scope answered)',
  usage: 'ponte eval FILE.jsonl [--json] [--misses]',
  async run(argv, io) {
    const parsed = parseOptionsAndPositionals(argv, { json: { type: 'boolean' }, misses: { type: 'boolean' } });
    if (parsed.positionals.length !== 1) throw new UsageError('give exactly one labelled file (.jsonl)');
    const display = parsed.positionals[0]!;
    const labels = readLabels(resolve(io.cwd, display), display);
    const base = loadForCli(io);

    const tallies = new Map<string, Tally>();
    const tally = (key: string) => {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { questions: 0, top1: 0, rank1: 0, top3: 0, outOfScope: 0, outOfScopeAnswered: 0 }));
      return t;
    };
    const misses: string[] = [];
    for (const label of labels) {
      const line = askLine(label.q, base.classify(label.q, label.lang), label.lang);
      const ranked = line.topic === 'greeting' ? ['greeting'] : base.rank(label.q, 3).map((r) => r.topic);
      for (const t of [tally(label.lang), tally('all')]) {
        t.questions++;
        if (label.topic === null) {
          t.outOfScope++;
          if (line.topic !== null) t.outOfScopeAnswered++;
          continue;
        }
        if (line.topic === label.topic) t.top1++;
        if (ranked[0] === label.topic) t.rank1++;
        if (ranked.includes(label.topic)) t.top3++;
      }
      if (line.topic !== label.topic) misses.push(`miss [${label.lang}] expected ${label.topic ?? 'null'}, got ${line.topic ?? 'null'} (${line.score.toFixed(2)}; ranked ${ranked.join(', ') || '-'}): ${label.q}`);
    }

    const languages = [...LANGUAGES].filter((l) => tallies.has(l));
    if (parsed.values.json) {
      const out = { overall: figures(tally('all')), languages: Object.fromEntries(languages.map((l) => [l, figures(tally(l))])) };
      io.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      const rows = [...languages, 'all'].map((key) => {
        const f = figures(tally(key));
        return [key, String(f.questions), percent(f.top1), percent(f.rank1), percent(f.top3), String(f.outOfScope), percent(f.outOfScopeAnswered)];
      });
      const header = ['lang', 'questions', 'top-1', 'rank-1', 'top-3', 'out-of-scope', 'answered'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const cols of [header, ...rows]) io.stdout.write(`${cols.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
    }
    if (parsed.values.misses) for (const m of misses) io.stdout.write(`${m}\n`);
    return 0;
  },
};
