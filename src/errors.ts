/**
 * The few error classes of Ponte. Each carries what the person who must fix it needs to know;
 * the CLI is the one place that catches them and prints them without a stack trace.
 */

export class PonteError extends Error {
  override name = 'PonteError';
}

/** A bad environment variable or option: the message names the variable and the fix. */
export class ConfigError extends PonteError {
  override name = 'ConfigError';
}

/** One problem in a content file, located at `file:line`. */
export interface Problem {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** Content that cannot be loaded (broken YAML, a schema violation, a dangling reference). */
export class ContentError extends PonteError {
  override name = 'ContentError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** A command-line usage error: the message says what to type instead. */
export class UsageError extends PonteError {
  override name = 'UsageError';
}
