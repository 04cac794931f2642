import type { Lang } from '../engine/types.js';
import type { Source } from '../engine/ports.js';
import type { Problem } from '../errors.js';
import { parseYaml, problemAt, splitFrontMatter, validate } from '../content/yaml.js';
import { bodyHash } from './hash.js';
import { frontMatterSchema, MESSAGE_MAX } from './schema.js';

/** One knowledge file, parsed and valid: `knowledge/topics/<topic>/<lang>.md`. */
export interface KnowledgeFile {
  /** Path relative to the repository root, with forward slashes (as problems name it). */
  file: string;
  topic: string;
  lang: Lang;
  title: string;
  questions: string[];
  keywords: string[];
  sources: Source[];
  updated: string;
  reviewed: false | { date: string; by?: string; role?: string };
  /** Translations only: the hash of the Italian body they were made from. */
  translatedFrom?: string;
  /** File line of the `translated_from` key, for the warning when the translation falls behind. */
  translatedFromLine?: number;
  /** File line of the `reviewed` key. */
  reviewedLine: number;
  /** Chat-sized messages of the body, in order. */
  messages: string[];
  /** Hash of the body (see hash.ts): what translations of an Italian file must record. */
  hash: string;
}

/** Splits a body into messages at lines holding only `---`, each with the file line where its text starts. */
export function splitMessages(body: string, bodyLine: number): Array<{ text: string; line: number }> {
  const lines = body.split('\n');
  const messages: Array<{ text: string; line: number }> = [];
  let start = 0;
  const flush = (end: number) => {
    const chunk = lines.slice(start, end);
    const firstText = chunk.findIndex((l) => l.trim() !== '');
    messages.push({ text: chunk.join('\n').trim(), line: bodyLine + start + Math.max(0, firstText) });
  };
  lines.forEach((line, i) => {
    if (line.trim() === '---') {
      flush(i);
      start = i + 1;
    }
  });
  flush(lines.length);
  return messages;
}

/**
 * Parses one knowledge file. `expected` is what its path says (folder = topic, file name = language):
 * the front matter must agree. Never throws: an invalid file gives no value and every problem found.
 */
export function parseKnowledgeFile(
  file: string,
  text: string,
  expected: { topic: string; lang: string; knownTopics?: ReadonlySet<string> },
): { value?: KnowledgeFile; problems: Problem[] } {
  const error = (line: number, message: string): Problem => ({ file, line, message, severity: 'error' });
  const split = splitFrontMatter(text);
  if (!split) return { problems: [error(1, 'no front matter: the file must start with a line `---`, the YAML fields, and another `---`')] };

  const parsed = parseYaml(file, split.yaml, split.lineOffset);
  if (!parsed.ok) return { problems: parsed.problems };
  const checked = validate(parsed.yaml, parsed.data, frontMatterSchema);
  const problems: Problem[] = checked.ok ? [] : [...checked.problems];

  if (checked.ok && checked.value.topic !== expected.topic) {
    problems.push(problemAt(parsed.yaml, ['topic'], `is "${checked.value.topic}" but the file is in the folder of topic "${expected.topic}"`));
  }
  if (checked.ok && expected.knownTopics && !expected.knownTopics.has(checked.value.topic)) {
    problems.push(problemAt(parsed.yaml, ['topic'], `"${checked.value.topic}" is not in knowledge/topics.yaml: add it there or move the file`));
  }
  if (checked.ok && checked.value.lang !== expected.lang) {
    problems.push(problemAt(parsed.yaml, ['lang'], `is "${checked.value.lang}" but the file is named ${expected.lang}.md`));
  }

  const messages = splitMessages(split.body, split.bodyLine);
  const nonEmpty = messages.filter((m) => m.text !== '');
  if (nonEmpty.length === 0) problems.push(error(split.bodyLine, 'the body is empty: write at least one message after the front matter'));
  messages.forEach((m, i) => {
    if (m.text === '' && nonEmpty.length > 0) problems.push(error(m.line, `message ${i + 1} is empty (two \`---\` lines in a row?)`));
    const length = [...m.text].length;
    if (length > MESSAGE_MAX) problems.push(error(m.line, `message ${i + 1} has ${length} characters: split it (at most ${MESSAGE_MAX} per chat message)`));
  });

  if (!checked.ok || problems.length > 0) return { problems };
  const fm = checked.value;
  return {
    problems,
    value: {
      file,
      topic: fm.topic,
      lang: fm.lang,
      title: fm.title,
      questions: fm.questions,
      keywords: fm.keywords,
      sources: fm.sources,
      updated: fm.updated,
      reviewed: fm.reviewed,
      ...(fm.translated_from !== undefined ? { translatedFrom: fm.translated_from, translatedFromLine: parsed.yaml.lineOf(['translated_from']) } : {}),
      reviewedLine: parsed.yaml.lineOf(['reviewed']),
      messages: nonEmpty.map((m) => m.text),
      hash: bodyHash(split.body),
    },
  };
}
