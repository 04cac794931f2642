import { WEEKDAYS, type WeekdayKey, type WeeklyHours } from '../schema.js';

/**
 * Reads Italian opening-hours text as published ("dal lunedi al venerdi dalle 8:30 alle 15:30", "solo il
 * lunedì dalle 8:30 alle 12:30 e dalle 14:30 alle 15:30") into weekly hours. Every word must be understood:
 * text with anything else ("9:00 - 12:00 e 15:00 - 16:00" names no days) returns null and stays a note.
 */

export interface ParsedHours {
  hours: WeeklyHours;
  /** The text said the hours are by appointment. */
  appointment: boolean;
}

const DAY_WORDS: Record<string, number> = {
  lun: 0, lunedi: 0, mar: 1, martedi: 1, mer: 2, mercoledi: 2, gio: 3, giovedi: 3,
  ven: 4, venerdi: 4, sab: 5, sabato: 5, dom: 6, domenica: 6,
};

type Token =
  | { t: 'day'; day: number }
  | { t: 'time'; minutes: number }
  | { t: 'word'; word: 'dal' | 'al' | 'dalle' | 'alle' | 'fino' | 'e' | 'solo' | 'il' | 'ore' }
  | { t: 'dash' };

const WORDS = new Set(['dal', 'al', 'dalle', 'alle', 'fino', 'e', 'solo', 'il', 'ore']);
const APPOINTMENT = /\(?\s*su appuntamento\s*\)?/g;

export function parseHoursText(text: string): ParsedHours | null {
  let s = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const appointment = /appuntamento/.test(s);
  s = s.replace(/orario prolungato/g, ';').replace(APPOINTMENT, ' ').replace(/orario/g, ' ').replace(/:\s/g, ' ');
  const clauses = s.split(';').map((c) => c.trim()).filter((c) => c !== '');
  if (clauses.length === 0) return null;

  const week: number[][][] = WEEKDAYS.map(() => []);
  for (const clause of clauses) {
    const tokens = tokenise(clause);
    if (!tokens || !applyClause(tokens, week)) return null;
  }
  if (week.every((d) => d.length === 0)) return null;
  const hours: WeeklyHours = {};
  for (const [i, ranges] of week.entries()) {
    if (ranges.length === 0) continue;
    ranges.sort((a, b) => a[0]! - b[0]!);
    // Overlapping ranges mean the text says two things about one day: not unambiguous.
    for (let k = 1; k < ranges.length; k++) if (ranges[k]![0]! < ranges[k - 1]![1]!) return null;
    hours[WEEKDAYS[i] as WeekdayKey] = ranges.map(([from, to]) => `${hhmm(from!)}-${hhmm(to!)}`);
  }
  return { hours, appointment };
}

function tokenise(clause: string): Token[] | null {
  const raw = clause.replace(/(\d)\s*-\s*(\d)/g, '$1 - $2').replace(/[.,]/g, (m, offset: number, str: string) => (m === '.' && /\d\.\d/.test(str.slice(offset - 1, offset + 2)) ? ':' : ' '));
  const tokens: Token[] = [];
  for (const part of raw.split(/\s+/).filter(Boolean)) {
    if (part === '-') tokens.push({ t: 'dash' });
    else if (/^\d{1,2}(:\d{2})?$/.test(part)) {
      const [h, m = '0'] = part.split(':');
      const minutes = Number(h) * 60 + Number(m);
      if (Number(h) > 24 || Number(m) > 59 || minutes > 24 * 60) return null;
      tokens.push({ t: 'time', minutes });
    } else if (part in DAY_WORDS) tokens.push({ t: 'day', day: DAY_WORDS[part]! });
    else if (WORDS.has(part)) tokens.push({ t: 'word', word: part as Extract<Token, { t: 'word' }>['word'] });
    else return null;
  }
  return tokens;
}

/** One clause: some days, and either time ranges or "fino alle HH:MM" extending ranges given before. */
function applyClause(tokens: Token[], week: number[][][]): boolean {
  const days = new Set<number>();
  const ranges: Array<[number, number]> = [];
  let until: number | undefined;
  let i = 0;
  const word = (w: string) => tokens[i]?.t === 'word' && (tokens[i] as { word: string }).word === w;
  const time = (k: number) => (tokens[k]?.t === 'time' ? (tokens[k] as { minutes: number }).minutes : undefined);
  const day = (k: number) => (tokens[k]?.t === 'day' ? (tokens[k] as { day: number }).day : undefined);
  while (i < tokens.length) {
    if (word('dal') && day(i + 1) !== undefined && tokens[i + 2]?.t === 'word' && (tokens[i + 2] as { word: string }).word === 'al' && day(i + 3) !== undefined) {
      const from = day(i + 1)!;
      const to = day(i + 3)!;
      if (to < from) return false;
      for (let d = from; d <= to; d++) days.add(d);
      i += 4;
    } else if (day(i) !== undefined) {
      days.add(day(i)!);
      i += 1;
    } else if (word('dalle') && time(i + 1) !== undefined && tokens[i + 2]?.t === 'word' && (tokens[i + 2] as { word: string }).word === 'alle' && time(i + 3) !== undefined) {
      ranges.push([time(i + 1)!, time(i + 3)!]);
      i += 4;
    } else if (time(i) !== undefined && tokens[i + 1]?.t === 'dash' && time(i + 2) !== undefined) {
      ranges.push([time(i)!, time(i + 2)!]);
      i += 3;
    } else if (word('fino') && tokens[i + 1]?.t === 'word' && (tokens[i + 1] as { word: string }).word === 'alle' && time(i + 2) !== undefined) {
      until = time(i + 2)!;
      i += 3;
    } else if (word('e') || word('solo') || word('il') || word('ore')) {
      i += 1;
    } else return false;
  }
  if (days.size === 0) return false;
  if (ranges.some(([from, to]) => from >= to)) return false;
  if (until !== undefined) {
    if (ranges.length > 0) return false;
    // "giovedì fino alle 19:00": the day's last range, given earlier, now ends later.
    for (const d of days) {
      const last = week[d]!.at(-1);
      if (!last || until <= last[0]!) return false;
      last[1] = Math.max(last[1]!, until);
    }
    return true;
  }
  if (ranges.length === 0) return false;
  for (const d of days) week[d]!.push(...ranges.map((r) => [...r]));
  return true;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
