import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Problem } from '../errors.js';
import { parseCsv, type CsvRecord } from './csv.js';
import { Gazetteer, type CapEntry, type Comune } from './gazetteer.js';
import type { Alias, OutsideName } from './place-names.js';

/**
 * knowledge/places/: the gazetteer files (see its SOURCES.md). Each row is validated; a bad row is reported
 * as `file:line` and left out, the rest loads.
 */

export const PLACES_DIR = 'knowledge/places';

const istat = z.string().regex(/^\d{6}$/, 'ISTAT code must be 6 digits');
const num = (min: number, max: number) => z.coerce.number().refine((n) => Number.isFinite(n) && n >= min && n <= max, `must be a number between ${min} and ${max}`);
const optionalNum = (min: number, max: number) => z.union([z.literal('').transform(() => undefined), num(min, max)]);

const comuneRow = z.object({
  istat,
  name: z.string().trim().min(1),
  province: z.string().regex(/^[A-Z]{2}$/, 'province must be a 2-letter sigla'),
  cap: z.string().regex(/^\d{5}(\|\d{5})*$/, 'CAPs are 5 digits, several joined by "|"'),
  population: z.coerce.number().int().min(0),
  lat: num(44, 47.5),
  lon: num(7.5, 12),
});
const areaRow = z.object({ istat, centroid_lat: optionalNum(44, 47.5), centroid_lon: optionalNum(7.5, 12), area_km2: optionalNum(0, 2000) });
const atsRow = z.object({ istat, ats_code: z.string().regex(/^\d{3}$/), ats_name: z.string().min(1) });
const capRow = z.object({ cap: z.string().regex(/^\d{5}$/), istat, status: z.enum(['current', 'legacy']) });
const ambitoRow = z.object({ istat, ambito: z.string().trim().min(1) });
const patronRow = z.object({ istat, holiday: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use MM-DD') });
const aliasRow = z.object({ istat, alias: z.string().trim().min(2) });
const outsideRow = z.object({ name: z.string().trim().min(2), region: z.string().trim().min(1) });

export function loadGazetteer(rootDir: string): { gazetteer: Gazetteer; problems: Problem[] } {
  const problems: Problem[] = [];
  const comuni = new Map<string, Comune>();

  for (const { file, record, row } of rows(rootDir, 'comuni.csv', comuneRow, problems, true)) {
    if (comuni.has(row.istat)) {
      problems.push(error(file, record.line, `duplicate ISTAT code ${row.istat}`));
      continue;
    }
    comuni.set(row.istat, {
      istat: row.istat,
      name: row.name,
      province: row.province,
      population: row.population,
      lat: row.lat,
      lon: row.lon,
      caps: row.cap.split('|'),
      holidays: [],
    });
  }
  const known = (file: string, record: CsvRecord, code: string): Comune | undefined => {
    const c = comuni.get(code);
    if (!c) problems.push(error(file, record.line, `unknown comune ISTAT code ${code} (not in comuni.csv)`));
    return c;
  };

  for (const { file, record, row } of rows(rootDir, 'comuni-area.csv', areaRow, problems)) {
    const c = known(file, record, row.istat);
    if (!c) continue;
    if (row.centroid_lat !== undefined && row.centroid_lon !== undefined) c.centroid = { lat: row.centroid_lat, lon: row.centroid_lon };
    if (row.area_km2 !== undefined) c.areaKm2 = row.area_km2;
  }
  for (const { file, record, row } of rows(rootDir, 'comuni-ats.csv', atsRow, problems)) {
    const c = known(file, record, row.istat);
    if (c) c.ats = { code: row.ats_code, name: row.ats_name };
  }
  for (const { file, record, row } of rows(rootDir, 'ambiti.csv', ambitoRow, problems)) {
    const c = known(file, record, row.istat);
    if (c) c.district = row.ambito;
  }
  for (const { file, record, row } of rows(rootDir, 'patron-days.csv', patronRow, problems)) {
    const c = known(file, record, row.istat);
    if (c && !c.holidays.includes(row.holiday)) c.holidays.push(row.holiday);
  }

  const caps = new Map<string, CapEntry>();
  for (const { file, record, row } of rows(rootDir, 'cap-index.csv', capRow, problems, true)) {
    if (!known(file, record, row.istat)) continue;
    let entry = caps.get(row.cap);
    if (!entry) caps.set(row.cap, (entry = { current: [], legacy: [] }));
    const list = entry[row.status];
    if (!list.includes(row.istat)) list.push(row.istat);
  }

  const aliases: Alias[] = [];
  for (const { file, record, row } of rows(rootDir, 'aliases.csv', aliasRow, problems)) {
    if (known(file, record, row.istat)) aliases.push({ istat: row.istat, alias: row.alias });
  }
  const outside: OutsideName[] = [];
  for (const { row } of rows(rootDir, 'outside.csv', outsideRow, problems)) outside.push(row);

  return { gazetteer: new Gazetteer([...comuni.values()], caps, aliases, outside), problems };
}

function* rows<T extends z.ZodType>(
  rootDir: string,
  name: string,
  schema: T,
  problems: Problem[],
  required = false,
): Generator<{ file: string; record: CsvRecord; row: z.infer<T> }> {
  const file = `${PLACES_DIR}/${name}`;
  const path = join(rootDir, file);
  if (!existsSync(path)) {
    if (required) problems.push(error(file, 1, 'file is missing'));
    return;
  }
  const table = parseCsv(readFileSync(path, 'utf8'));
  for (const m of table.malformed) problems.push(error(file, m.line, m.message));
  for (const record of table.records) {
    const parsed = schema.safeParse(record.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(error(file, record.line, `${issue.path.join('.') || 'row'}: ${issue.message}`));
      continue;
    }
    yield { file, record, row: parsed.data };
  }
}

function error(file: string, line: number, message: string): Problem {
  return { file, line, message, severity: 'error' };
}
