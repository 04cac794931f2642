import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Directory, loadDirectory, serviceSchema, type Service } from '../src/directory/index.js';
import type { Route } from '../src/engine/ports.js';
import { LANGUAGES } from '../src/engine/types.js';
import { latencyFigures, ms, timeEach, type BenchSection } from './harness.js';

/**
 * Directory: place resolution over the whole gazetteer (exact names, typos, names in a sentence, CAPs,
 * coordinates) and nearest search over the committed services and over a synthetic directory of 5,000.
 */

const ROOT = join(fileURLToPath(import.meta.url), '../..');
const SYNTHETIC_SERVICES = 5000;

export async function run(): Promise<BenchSection> {
  const t0 = process.hrtime.bigint();
  const { directory } = loadDirectory(ROOT);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const comuni = directory.gazetteer.comuni;
  const random = seeded(42);

  const names = comuni.map((c) => c.name);
  const typos = comuni.map((c) => typo(c.name.toLowerCase(), random));
  const sentences = comuni.map((c, i) => [`abito a ${c.name}`, `I live in ${c.name}, near the station`, `أنا أعيش في ${c.name}`][i % 3]!);
  const caps = comuni.map((c) => c.caps[0]!);
  const points = Array.from({ length: 5000 }, () => [44.7 + random() * 1.9, 8.5 + random() * 2.9] as const);

  const at = new Date('2026-11-24T09:30:00Z');
  const needs: Array<{ route?: Route; topic?: string; kind?: string }> = [{ route: 'sportello' }, { topic: 'corsi-italiano' }, { kind: 'patronato' }, { route: 'mediatore' }, {}];
  const nearestOn = (d: Directory) => (i: number) => {
    const [lat, lon] = points[i % points.length]!;
    return d.nearest({ lat, lon, need: needs[i % needs.length]!, lang: LANGUAGES[i % LANGUAGES.length], at, limit: 3 });
  };
  const synthetic = syntheticDirectory(directory, random);

  return {
    title: `Directory (${comuni.length} comuni, ${directory.services.length} services; synthetic: ${SYNTHETIC_SERVICES} services)`,
    figures: [
      { label: 'load knowledge/places + services', value: ms(loadMs) },
      ...latencyFigures('resolve exact name', timeEach((i) => directory.resolve(names[i % names.length]!), 20_000), 'queries'),
      ...latencyFigures('resolve name with a typo', timeEach((i) => directory.resolve(typos[i % typos.length]!), 20_000), 'queries'),
      ...latencyFigures('resolve name in a sentence', timeEach((i) => directory.resolve(sentences[i % sentences.length]!), 20_000), 'queries'),
      ...latencyFigures('resolve CAP', timeEach((i) => directory.resolve(caps[i % caps.length]!), 20_000), 'queries'),
      ...latencyFigures('locate coordinates', timeEach((i) => directory.locate(...points[i % points.length]!), 20_000), 'queries'),
      ...latencyFigures(`nearest, committed (${directory.services.length})`, timeEach(nearestOn(directory), 20_000), 'queries'),
      ...latencyFigures(`nearest, synthetic (${SYNTHETIC_SERVICES})`, timeEach(nearestOn(synthetic), 20_000), 'queries'),
    ],
  };
}

/** 5,000 services at random comuni, of random kinds, languages, topics and hours (half with hours). */
function syntheticDirectory(real: Directory, random: () => number): Directory {
  const comuni = real.gazetteer.comuni;
  const kinds = ['sportello', 'mediatore', 'cpia', 'scuola-italiano', 'patronato', 'servizio-sociale'] as const;
  const topics = ['corsi-italiano', 'permesso-rinnovo', 'residenza-anagrafica', 'cittadinanza'];
  const services: Service[] = [];
  for (let i = 0; i < SYNTHETIC_SERVICES; i++) {
    const comune = comuni[Math.floor(random() * comuni.length)]!;
    const record = serviceSchema.parse({
      id: `s-${i}`,
      name: `Service ${i}`,
      kind: kinds[i % kinds.length],
      comune: comune.istat,
      languages: ['it', LANGUAGES[i % LANGUAGES.length]],
      topics: i % 3 === 0 ? [topics[i % topics.length]] : [],
      ...(i % 2 === 0 ? { hours: { mon: ['09:00-12:30', '14:00-17:00'], wed: ['09:00-12:30'], fri: ['14:00-18:00'] } } : {}),
      verified: false,
      source: { dataset: 'synthetic', licence: 'CC0' },
    });
    const lat = comune.lat + (random() - 0.5) * 0.02;
    const lon = comune.lon + (random() - 0.5) * 0.02;
    services.push({ record, comune, lat, lon, approximate: false, timetable: { ...(record.hours ? { hours: record.hours } : {}), exceptions: [], holidays: comune.holidays }, file: 'synthetic', line: i });
  }
  const routes = new Map<string, Route>(topics.map((t) => [t, 'sportello']));
  return new Directory(real.gazetteer, services, routes);
}

/** One random edit (delete, swap, replace) in a word of at least 5 letters. */
function typo(name: string, random: () => number): string {
  if (name.length < 5) return name;
  const i = 1 + Math.floor(random() * (name.length - 2));
  const op = Math.floor(random() * 3);
  if (op === 0) return name.slice(0, i) + name.slice(i + 1);
  if (op === 1) return name.slice(0, i - 1) + name[i] + name[i - 1] + name.slice(i + 1);
  return name.slice(0, i) + 'x' + name.slice(i + 1);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
