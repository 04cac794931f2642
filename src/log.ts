/**
 * A small logger for operators: one line per event on stderr. It is never given message texts, names,
 * phone numbers or platform ids; `redact` is applied to what it does get, as a second line of defence.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const log = (at: Level) => (message: string) => {
    if (ORDER[at] >= ORDER[level]) write(`${new Date().toISOString()} ${at.toUpperCase()} ${redact(message)}`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Masks bot tokens, e-mail addresses and long digit runs (phone numbers, ids) in a log line. */
export function redact(text: string): string {
  return text
    .replace(/\b\d{6,}:[\w-]{20,}\b/g, '<token>')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '<number>');
}
