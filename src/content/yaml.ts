import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../errors.js';

/**
 * YAML with line numbers: every loader of operator-edited files (flows, knowledge front matter, services)
 * parses through here so that each problem is reported as `file:line: path: message`.
 */

export type Path = readonly (string | number)[];

export interface LocatedYaml {
  file: string;
  doc: Document.Parsed;
  /** Line of the first character of the YAML text within the file (front matter starts after `---`). */
  lineOffset: number;
  lineOf(path: Path): number;
}

export function parseYaml(
  file: string,
  text: string,
  lineOffset = 0,
): { ok: true; yaml: LocatedYaml; data: unknown } | { ok: false; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      file,
      line: lineOffset + (e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line),
      message: `invalid YAML: ${firstLine(e.message)}`,
      severity: 'error' as const,
    }));
    return { ok: false, problems };
  }
  const lineAt = (offset: number) => lineOffset + lineCounter.linePos(offset).line;
  const lineOf = (path: Path): number => {
    // Walk as deep as the path exists; report the deepest node found (a missing key points at its parent).
    let node: unknown = doc.contents;
    let line = node && (node as Node).range ? lineAt((node as Node).range![0]) : lineOffset + 1;
    for (const key of path) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        if (pair) {
          const keyNode = pair.key as Node | undefined;
          if (keyNode?.range) line = lineAt(keyNode.range[0]);
          next = pair.value;
        }
      } else if (isSeq(node) && typeof key === 'number') {
        next = node.items[key];
      }
      if (next === undefined || next === null) break;
      node = next;
      const range = (node as Node).range;
      if (range && !isMap(node)) line = lineAt(range[0]);
      else if (range && isMap(node) && typeof key === 'number') line = lineAt(range[0]);
    }
    return line;
  };
  return { ok: true, yaml: { file, doc, lineOffset, lineOf }, data: doc.toJS() };
}

/** Renders a path as `steps.ask_place.next` or `options[2].label`. */
export function formatPath(path: Path): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** Validates parsed YAML with a zod schema; each issue becomes a located problem. */
export function validate<T extends z.ZodType>(
  yaml: LocatedYaml,
  data: unknown,
  schema: T,
): { ok: true; value: z.infer<T> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => problemAt(yaml, issue.path as Path, issue.message));
  return { ok: false, problems };
}

export function problemAt(
  yaml: LocatedYaml,
  path: Path,
  message: string,
  severity: Problem['severity'] = 'error',
): Problem {
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  return { file: yaml.file, line: yaml.lineOf(path), message: `${where}${message}`, severity };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Splits a Markdown file into its YAML front matter and body.
 * `lineOffset` (1: the opening `---`) is passed to parseYaml so that problems point into the file;
 * `bodyLine` is the file line where the body starts.
 */
export function splitFrontMatter(text: string): { yaml: string; lineOffset: number; body: string; bodyLine: number } | undefined {
  const normalised = text.replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(normalised);
  if (!match) return undefined;
  const yaml = match[1]!;
  const bodyLine = yaml.split('\n').length + 3;
  return { yaml, lineOffset: 1, body: normalised.slice(match[0].length), bodyLine };
}

/**
 * JSON files operators edit (locales, knowledge/sources.json): strict JSON, with a syntax error at its line,
 * then parsed again as YAML (JSON is YAML) so that schema problems can point at the line of each key.
 */
export function parseJson(file: string, text: string): ReturnType<typeof parseYaml> {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    return { ok: false, problems: [{ file, line, message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, severity: 'error' }] };
  }
  return parseYaml(file, text);
}
