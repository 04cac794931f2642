import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent, EngineEventName } from '../../src/engine/events.js';
import type { Lang } from '../../src/engine/types.js';
import type { Summary, SummaryRow } from '../../src/stats/summary.js';

export const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-stats-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the engine passes as `person`: an HMAC of channel and platform id, as hex. */
export function enginePerson(channel: string, platformId: string): string {
  return createHmac('sha256', 'engine-secret-for-tests').update(`${channel}:${platformId}`).digest('hex');
}

export function event(name: EngineEventName, at: number, person: string, fields: Partial<EngineEvent> = {}): EngineEvent {
  return { name, at, channel: 'telegram', person, lang: 'it' as Lang, ...fields };
}

/** Every file of the data directory (stats.db, -wal, -shm...), as bytes. */
export function dataDirBytes(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir).map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));
}

export const JAN = Date.UTC(2025, 0, 15, 10, 17, 42);
export const FEB = Date.UTC(2025, 1, 14, 16, 5, 9);

/**
 * The known synthetic set used by several tests (see summary.test.ts for the figures it must give):
 * January: 12 Italian speakers (conversation, answer "permesso"; 4 yes and 1 no feedback), 6 Arabic speakers
 * (conversation on WhatsApp, an abstention, a nearest search in MI shown with 3 results), 3 English speakers
 * (conversation, answer "salute", mediator request). February: 8 of the Italian speakers again (conversation,
 * answer "permesso"), 5 of the Arabic speakers (conversation, answer "casa").
 */
export function knownSet(): EngineEvent[] {
  const events: EngineEvent[] = [];
  const p = (lang: string, i: number) => enginePerson(lang === 'ar' ? 'whatsapp' : 'telegram', `${lang}-${i}`);
  for (let i = 1; i <= 12; i++) {
    events.push(event('conversation_started', JAN, p('it', i)));
    events.push(event('topic_answered', JAN + 60_000, p('it', i), { topic: 'permesso' }));
    if (i <= 4) events.push(event('feedback', JAN + 120_000, p('it', i), { topic: 'permesso', detail: 'yes' }));
    if (i === 5) events.push(event('feedback', JAN + 120_000, p('it', i), { topic: 'permesso', detail: 'no' }));
  }
  for (let i = 1; i <= 6; i++) {
    const ar = { channel: 'whatsapp', lang: 'ar' as Lang };
    events.push(event('conversation_started', JAN, p('ar', i), ar));
    events.push(event('abstained', JAN + 60_000, p('ar', i), ar));
    events.push(event('nearest_shown', JAN + 90_000, p('ar', i), { ...ar, province: 'MI', district: 'Milano', count: 3 }));
  }
  for (let i = 1; i <= 3; i++) {
    const en = { lang: 'en' as Lang };
    events.push(event('conversation_started', JAN, p('en', i), en));
    events.push(event('topic_answered', JAN + 60_000, p('en', i), { ...en, topic: 'salute' }));
    events.push(event('mediator_requested', JAN + 90_000, p('en', i), { ...en, topic: 'salute' }));
  }
  for (let i = 1; i <= 8; i++) {
    events.push(event('conversation_started', FEB, p('it', i)));
    events.push(event('topic_answered', FEB + 60_000, p('it', i), { topic: 'permesso' }));
  }
  for (let i = 1; i <= 5; i++) {
    const ar = { channel: 'whatsapp', lang: 'ar' as Lang };
    events.push(event('conversation_started', FEB, p('ar', i), ar));
    events.push(event('topic_answered', FEB + 60_000, p('ar', i), { ...ar, topic: 'casa' }));
  }
  return events;
}

/** The row of a summary with exactly these key values. */
export function rowOf(summary: Summary, key: Record<string, string | null>): SummaryRow {
  const row = summary.rows.find((r) => Object.entries(key).every(([k, v]) => r.key[k as keyof typeof r.key] === v) && Object.keys(r.key).length === Object.keys(key).length);
  if (!row) throw new Error(`no row ${JSON.stringify(key)} in ${JSON.stringify(summary.rows.map((r) => r.key))}`);
  return row;
}
