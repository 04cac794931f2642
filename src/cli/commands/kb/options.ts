import { z } from 'zod';
import { UsageError } from '../../../errors.js';

/**
 * Shared by the `kb` subcommands: zod issues become one usage line naming the option (`--topic: ...`), or the
 * positional argument by the name `names` gives it (`URL|FILE: ...`).
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, names: Record<string, string> = {}): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  const name = key ? `${names[key] ?? `--${key}`}: ` : '';
  throw new UsageError(`${name}${issue.message}`);
}

/** `--timeout SECONDS` for fetching a page: 1 to 300, default 20. */
export const timeoutSeconds = z.coerce
  .number({ error: 'a number of seconds' })
  .min(1, 'at least 1 second')
  .max(300, 'at most 300 seconds')
  .default(20);
