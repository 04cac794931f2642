import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import type { z } from 'zod';
import { UsageError } from '../errors.js';

/** node:util parseArgs (options only, no positionals), with its errors turned into usage errors. */
export function parseOptions<const O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(error));
  }
}

/** The same, with positional arguments allowed (`ponte eval FILE`). */
export function parseOptionsAndPositionals<const O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(error));
  }
}

/** Checks parsed options with a zod schema; every issue's message goes into one usage error. */
export function validateOptions<T extends z.ZodType>(schema: T, values: unknown): z.infer<T> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw new UsageError(result.error.issues.map((i) => i.message).join('; '));
}

/**
 * The same for schemas whose messages do not name the option: the first issue, prefixed with the option
 * (`--topic: ...`) or with the name `names` gives a positional argument (`URL|FILE: ...`).
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, names: Record<string, string> = {}): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  const name = key ? `${names[key] ?? `--${key}`}: ` : '';
  throw new UsageError(`${name}${issue.message}`);
}
