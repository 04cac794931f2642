import { createInterface } from 'node:readline';
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../../engine/types.js';
import type { Classification } from '../../engine/ports.js';
import { ContentError } from '../../errors.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { parseOptions, validateOptions } from '../args.js';
import type { CliCommand, CliIO } from '../command.js';

/**
 * `ponte ask --json [--lang CODE]`: one question per stdin line, one line out per question. Other tools read the
 * JSON form: {"question","lang","topic","score","alternatives":[{"topic","score"}]}, `topic` null when Ponte
 * would not answer (it abstains, or it would offer choices: then `alternatives` holds them), "greeting" for a
 * greeting.
 */

const argsSchema = z.object({
  json: z.boolean().default(false),
  lang: z.enum(LANGUAGES, { error: `--lang must be one of ${LANGUAGES.join(' ')}` }).optional(),
});

export interface AskLine {
  question: string;
  lang: Lang | null;
  topic: string | null;
  score: number;
  alternatives: Array<{ topic: string; score: number }>;
}

/** The ask line of a classification: what the engine would do, in the form of the CLI surface. */
export function askLine(question: string, c: Classification, fallbackLang: Lang | null): AskLine {
  const lang = c.lang ?? fallbackLang;
  switch (c.decision) {
    case 'greeting':
      return { question, lang, topic: 'greeting', score: c.score, alternatives: [] };
    case 'answer':
      return { question, lang, topic: c.topic, score: c.score, alternatives: c.alternatives };
    case 'ambiguous':
      return { question, lang, topic: null, score: c.score, alternatives: [{ topic: c.topic!, score: c.score }, ...c.alternatives].slice(0, 3) };
    case 'abstain':
      return { question, lang, topic: null, score: c.score, alternatives: [] };
  }
}

/** Loads the knowledge of the working directory; errors go to stderr, and no knowledge at all is fatal. */
export function loadForCli(io: CliIO): KnowledgeBase {
  const { base, problems } = loadKnowledgeBase(io.cwd);
  const errors = problems.filter((p) => p.severity === 'error');
  if (base.topics().length === 0) throw new ContentError(errors.length > 0 ? errors : [{ file: 'knowledge/topics', line: 1, message: 'no knowledge files', severity: 'error' }]);
  if (errors.length > 0) io.stderr.write(`ponte: ${errors.length} knowledge file problem(s) (see \`ponte check\`); invalid files are skipped\n`);
  return base;
}

function readable(line: AskLine): string {
  const alternatives = line.alternatives.map((a) => `${a.topic} ${a.score.toFixed(2)}`).join(', ');
  const verdict = line.topic ?? (line.alternatives.length > 0 ? 'ambiguous' : 'no answer');
  return `[${line.lang ?? '??'}] ${verdict} (${line.score.toFixed(2)})${alternatives ? ` | ${alternatives}` : ''} | ${line.question}\n`;
}

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'classify questions read from stdin (one per line) the way the bot would',
  usage: 'ponte ask [--json] [--lang CODE]   (questions on stdin, one per line)',
  async run(argv, io) {
    const { values } = parseOptions(argv, { json: { type: 'boolean' }, lang: { type: 'string' } });
    const args = validateOptions(argsSchema, values);
    const base = loadForCli(io);
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const raw of lines) {
      const question = raw.trim();
      if (question === '') continue;
      const line = askLine(question, base.classify(question, args.lang ?? null), args.lang ?? null);
      io.stdout.write(args.json ? `${JSON.stringify(line)}\n` : readable(line));
    }
    return 0;
  },
};
