import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CATALOGUE_FILE, loadCatalogue, type CatalogueTopic } from '../content/catalogue.js';
import { parseYaml, problemAt, validate, type LocatedYaml, type Path } from '../content/yaml.js';
import type { Route } from '../engine/ports.js';
import type { Problem } from '../errors.js';
import { Directory, type Service } from './directory.js';
import type { Gazetteer } from './gazetteer.js';
import { haversineKm } from './geo.js';
import { loadGazetteer } from './places-loader.js';
import { serviceSchema, servicesFileSchema } from './schema.js';

/**
 * Loads knowledge/places and knowledge/services into a Directory. Never throws on bad content: every problem
 * is returned located at `file:line`, and what is valid still loads (a broken service is left out).
 */

export const SERVICES_DIR = 'knowledge/services';

/** A service point further than this from its comune's town hall is probably misplaced. */
const FAR_FROM_COMUNE_KM = 25;

/**
 * `catalogue`: the topics already loaded by the caller, whose problems it reports itself; without it the
 * directory reads knowledge/topics.yaml and reports them.
 */
export function loadDirectory(rootDir: string, catalogue?: readonly CatalogueTopic[]): { directory: Directory; problems: Problem[] } {
  const { gazetteer, problems } = loadGazetteer(rootDir);
  if (!catalogue) {
    const loaded = loadCatalogue(rootDir);
    problems.push(...loaded.problems);
    catalogue = loaded.value;
  }
  const topics = new Map<string, Route>(catalogue.map((t) => [t.id, t.route]));
  const services: Service[] = [];
  const seen = new Map<string, string>();
  for (const file of serviceFiles(rootDir, problems)) {
    services.push(...loadServiceFile(rootDir, file, gazetteer, topics, seen, problems));
  }
  return { directory: new Directory(gazetteer, services, topics), problems };
}

export interface CheckOptions {
  /** One warning per service instead of one per file and kind of gap. */
  detail?: boolean;
}

/**
 * Everything `ponte check` reports about the directory: the loader's errors, plus warnings for services not
 * verified by a person and services without opening hours (per file, or per service with `detail`).
 */
export function checkDirectory(rootDir: string, options: CheckOptions = {}): Problem[] {
  const { directory, problems } = loadDirectory(rootDir);
  return [...problems, ...directoryWarnings(directory, options)];
}

/** Warnings about a loaded directory: services not verified by a person, services without opening hours. */
export function directoryWarnings(directory: Directory, options: CheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const gaps: Array<{ test: (s: Service) => boolean; one: string; many: string }> = [
    { test: (s) => s.record.verified === false, one: 'not verified by a person yet (verified: false)', many: 'not verified by a person yet (verified: false)' },
    { test: (s) => !s.record.hours, one: 'no opening hours: none are shown', many: 'without opening hours: none are shown' },
  ];
  const byFile = new Map<string, Service[]>();
  for (const s of directory.services) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  for (const [file, list] of byFile) {
    for (const gap of gaps) {
      const affected = list.filter(gap.test);
      if (affected.length === 0) continue;
      if (options.detail) {
        for (const s of affected) problems.push({ file, line: s.line, message: `service "${s.record.id}": ${gap.one}`, severity: 'warning' });
      } else {
        const first = affected[0]!;
        const message = `${affected.length} of ${list.length} services ${gap.many} (first: "${first.record.id}")`;
        problems.push({ file, line: first.line, message, severity: 'warning' });
      }
    }
  }
  return problems;
}

function serviceFiles(rootDir: string, problems: Problem[]): string[] {
  const dir = join(rootDir, SERVICES_DIR);
  if (!existsSync(dir)) {
    problems.push({ file: SERVICES_DIR, line: 1, message: 'directory is missing', severity: 'error' });
    return [];
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => `${SERVICES_DIR}/${f}`);
}

function loadServiceFile(
  rootDir: string,
  file: string,
  gazetteer: Gazetteer,
  topics: ReadonlyMap<string, Route>,
  seen: Map<string, string>,
  problems: Problem[],
): Service[] {
  const parsed = parseYaml(file, readFileSync(join(rootDir, file), 'utf8'));
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return [];
  }
  const yaml = parsed.yaml;
  const shape = validate(yaml, parsed.data, servicesFileSchema);
  if (!shape.ok) {
    problems.push(...shape.problems);
    return [];
  }
  const services: Service[] = [];
  shape.value.services.forEach((item, index) => {
    const at = (path: Path) => ['services', index, ...path];
    const result = serviceSchema.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(problemAt(yaml, at(issue.path as Path), issue.message));
      return;
    }
    const record = result.data;
    const line = yaml.lineOf(at([]));
    let ok = true;
    const fail = (path: Path, message: string) => {
      problems.push(problemAt(yaml, at(path), message));
      ok = false;
    };

    const first = seen.get(record.id);
    if (first) fail(['id'], `duplicate service id "${record.id}" (first defined at ${first})`);
    else seen.set(record.id, `${file}:${line}`);

    const comune = gazetteer.comune(record.comune);
    if (!comune) fail(['comune'], `unknown comune ISTAT code "${record.comune}" (not in knowledge/places/comuni.csv)`);
    record.topics.forEach((t, i) => {
      if (!topics.has(t)) fail(['topics', i], `unknown topic id "${t}" (not in ${CATALOGUE_FILE})`);
    });
    checkDates(yaml, record.exceptions.map((e) => e.date), at, problems);
    if (record.areas && record.kind !== 'mediatore') problems.push(problemAt(yaml, at(['areas']), '`areas` is meant for mediator services', 'warning'));
    if (!ok || !comune) return;

    const location = record.location ?? { lat: comune.lat, lon: comune.lon, approximate: true };
    if (record.location) {
      const away = haversineKm(location.lat, location.lon, comune.lat, comune.lon);
      if (away > FAR_FROM_COMUNE_KM) {
        problems.push(problemAt(yaml, at(['location']), `location is ${away.toFixed(1)} km from the town hall of ${comune.name}: check the coordinates`, 'warning'));
      }
    }
    services.push({
      record,
      comune,
      lat: location.lat,
      lon: location.lon,
      approximate: location.approximate,
      timetable: {
        ...(record.hours ? { hours: record.hours } : {}),
        exceptions: record.exceptions,
        holidays: [...new Set([...comune.holidays, ...record.holidays])],
      },
      file,
      line,
    });
  });
  return services;
}

function checkDates(yaml: LocatedYaml, dates: string[], at: (p: Path) => Path, problems: Problem[]): void {
  const seen = new Set<string>();
  dates.forEach((d, i) => {
    if (seen.has(d)) problems.push(problemAt(yaml, at(['exceptions', i, 'date']), `two exceptions for ${d}`));
    seen.add(d);
  });
}
