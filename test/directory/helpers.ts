import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The worktree root: the real knowledge/ lives here. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A temporary project root with the real gazetteer and topics and only the given service files
 * (name → YAML text). Returns the path and a cleanup function.
 */
export function tempRoot(services: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-directory-'));
  cpSync(join(ROOT, 'knowledge/places'), join(dir, 'knowledge/places'), { recursive: true });
  cpSync(join(ROOT, 'knowledge/topics.yaml'), join(dir, 'knowledge/topics.yaml'));
  mkdirSync(join(dir, 'knowledge/services'), { recursive: true });
  for (const [name, text] of Object.entries(services)) writeFileSync(join(dir, 'knowledge/services', name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Date for a wall-clock time in Rome, e.g. rome('2026-12-25T10:00') (offset from the date's DST rule). */
export function rome(local: string): Date {
  // Try both offsets and keep the one that reads back as the same wall-clock time in Rome.
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${local}:00${offset}`);
    const back = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    if (back.replace(' ', 'T') === local) return d;
  }
  throw new Error(`not a Rome wall-clock time: ${local}`);
}
