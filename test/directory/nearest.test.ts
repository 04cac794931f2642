import { afterAll, describe, expect, it } from 'vitest';
import { loadDirectory } from '../../src/directory/index.js';
import type { NearestQuery } from '../../src/engine/ports.js';
import { ROOT, rome, tempRoot } from './helpers.js';

describe('nearest in the committed directory', () => {
  const { directory } = loadDirectory(ROOT);
  const at = rome('2026-11-24T10:00'); // a Tuesday

  it('routes a location in Breno to the Valle Camonica district service', () => {
    const breno = directory.locate(45.957119, 10.302227);
    expect(breno.kind).toBe('found');
    const [first] = directory.nearest({ lat: 45.957119, lon: 10.302227, need: { route: 'sportello' }, at, limit: 3 });
    expect(first).toMatchObject({ id: 'asp-valcamonica', comune: 'Breno', approximate: true, contacts: { phone: '0364 22693' }, distanceKm: 0 });
    expect(first!.opening).toEqual({ openNow: null, today: null });
  });

  it('routes a request for a health mediator in Valle Camonica to its mediator service', () => {
    const hits = directory.nearest({ lat: 45.9, lon: 10.3, need: { route: 'mediatore', area: 'health' }, at, limit: 3 });
    expect(hits.map((h) => h.id)).toEqual(['mediatore-valle-camonica']);
    expect(hits[0]!.note).toMatch(/mediatrici linguistico-culturali/);
  });

  it('gives the note in the asked language when the data have it, Italian otherwise', () => {
    const q = { lat: 45.9, lon: 10.3, need: { route: 'mediatore' as const }, at, limit: 1 };
    expect(directory.nearest({ ...q, lang: 'en' })[0]!.note).toMatch(/^According to ASP Valcamonica/);
    expect(directory.nearest({ ...q, lang: 'ar' })[0]!.note).toMatch(/^Secondo l'ASP/);
  });

  it('finds Italian courses for the topic corsi-italiano in Milano, nearest first', () => {
    const hits = directory.nearest({ lat: 45.4786, lon: 9.2271, need: { topic: 'corsi-italiano' }, at, limit: 5 });
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => ['cpia', 'scuola-italiano', 'sportello'].includes(h.kind))).toBe(true);
    const distances = hits.filter((h) => h.kind !== 'sportello').map((h) => h.distanceKm);
    expect(distances[0]).toBeLessThan(1.5);
  });

  it('never sends someone from another comune to an office for Milano residents', () => {
    const sesto = { lat: 45.5359, lon: 9.2345, at, limit: 5 };
    expect(directory.nearest({ ...sesto, need: { kind: 'anagrafe' } })).toEqual([]);
    expect(directory.nearest({ ...sesto, need: { topic: 'residenza-anagrafica' } }).map((h) => h.kind)).not.toContain('anagrafe');
    expect(directory.nearest({ lat: 45.4642, lon: 9.19, need: { kind: 'anagrafe' }, at, limit: 1 })[0]?.kind).toBe('anagrafe');
  });

  it('returns nothing for a need no service fits, and clamps the limit', () => {
    expect(directory.nearest({ lat: 45.4642, lon: 9.19, need: { kind: 'questura' }, at, limit: 3 })).toEqual([]);
    expect(directory.nearest({ lat: 45.4642, lon: 9.19, need: {}, at, limit: 0 })).toHaveLength(1);
    expect(directory.nearest({ lat: 45.4642, lon: 9.19, need: {}, at, limit: 10_000 })).toHaveLength(50);
    expect(directory.nearest({ lat: Number.NaN, lon: 9.19, need: {}, at, limit: 3 })).toEqual([]);
    // An invalid date: results, with nothing said about opening.
    const undated = directory.nearest({ lat: 45.4642, lon: 9.19, need: { kind: 'anagrafe' }, at: new Date('nope'), limit: 1 });
    expect(undated[0]?.opening).toEqual({ openNow: null, today: null });
  });
});

describe('ranking', () => {
  // Two offices 1.0 km and 1.25 km east of the Milano town hall (45.466647, 9.190648): ~0.0128° of longitude per km.
  const service = (id: string, km: number, extra: string) => `  - id: ${id}
    name: ${id}
    kind: sportello
    comune: "015146"
    location: { lat: 45.466647, lon: ${(9.190648 + km * 0.012817).toFixed(6)}, approximate: false }
${extra}    verified: false
    source: { dataset: t, licence: CC0 }
`;
  const mornings = '    hours: { mon: ["09:00-12:00"], tue: ["09:00-12:00"], wed: ["09:00-12:00"], thu: ["09:00-12:00"], fri: ["09:00-12:00"] }\n';
  const afternoons = '    hours: { mon: ["14:00-17:00"], tue: ["14:00-17:00"], wed: ["14:00-17:00"], thu: ["14:00-17:00"], fri: ["14:00-17:00"] }\n';
  const t = tempRoot({
    'r.yaml': `version: 1\nservices:\n${service('near-afternoons', 1.0, afternoons)}${service('further-mornings', 1.25, mornings)}${service('far-mornings', 6, mornings)}${service('arabic', 1.3, '    languages: [it, ar]\n')}${service('italian', 1.0, '    languages: [it]\n')}`,
  });
  afterAll(t.cleanup);
  const { directory, problems } = loadDirectory(t.dir);
  const query = (at: Date, extra: Partial<NearestQuery> = {}): string[] =>
    directory.nearest({ lat: 45.466647, lon: 9.190648, need: {}, at, limit: 5, ...extra }).map((h) => h.id);

  it('loads the test services', () => expect(problems).toEqual([]));

  it('prefers an open office among comparable distances, but not one much further away', () => {
    const morning = query(rome('2026-11-24T10:00'));
    expect(morning.indexOf('further-mornings')).toBeLessThan(morning.indexOf('near-afternoons'));
    expect(morning.indexOf('near-afternoons')).toBeLessThan(morning.indexOf('far-mornings'));
    const afternoon = query(rome('2026-11-24T15:00'));
    expect(afternoon.indexOf('near-afternoons')).toBeLessThan(afternoon.indexOf('further-mornings'));
  });

  it('prefers an office where the person\'s language is spoken among comparable distances', () => {
    const at = rome('2026-11-22T10:00'); // Sunday: all closed or unknown
    const ar = query(at, { lang: 'ar' });
    expect(ar.indexOf('arabic')).toBeLessThan(ar.indexOf('italian'));
    const it = query(at, { lang: 'it' });
    expect(it.indexOf('italian')).toBeLessThan(it.indexOf('arabic'));
  });

  it('a holiday changes the order: on Christmas the open-in-the-morning office loses its advantage', () => {
    const christmas = query(rome('2026-12-25T10:00'));
    expect(christmas.indexOf('near-afternoons')).toBeLessThan(christmas.indexOf('further-mornings'));
  });
});

describe('the grid search', () => {
  it('finds the same nearest services as measuring every one, everywhere in and around Lombardy', () => {
    const { directory } = loadDirectory(ROOT);
    const comuni = directory.gazetteer.comuni;
    let seed = 7;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    // 600 services at random comuni, without hours or languages: the ranking is then by distance alone.
    const lines = ['version: 1', 'services:'];
    for (let i = 0; i < 600; i++) {
      const c = comuni[Math.floor(random() * comuni.length)]!;
      const lat = (c.lat + (random() - 0.5) * 0.05).toFixed(6);
      const lon = (c.lon + (random() - 0.5) * 0.05).toFixed(6);
      lines.push(`  - { id: s${i}, name: S${i}, kind: sportello, comune: "${c.istat}", location: { lat: ${lat}, lon: ${lon}, approximate: false }, verified: false, source: { dataset: t, licence: CC0 } }`);
    }
    const t = tempRoot({ 'many.yaml': lines.join('\n') + '\n' });
    try {
      const { directory: many, problems } = loadDirectory(t.dir);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      const at = new Date('2026-11-24T09:00:00Z');
      for (let q = 0; q < 200; q++) {
        const lat = 44.5 + random() * 2.4;
        const lon = 8.2 + random() * 3.5;
        const got = many.nearest({ lat, lon, need: {}, at, limit: 4 }).map((h) => h.id);
        const expected = [...many.services]
          .sort((a, b) => distance(lat, lon, a) - distance(lat, lon, b))
          .slice(0, 4)
          .map((s) => s.record.id);
        expect(got, `${lat},${lon}`).toEqual(expected);
      }
    } finally {
      t.cleanup();
    }
  });
});

function distance(lat: number, lon: number, s: { lat: number; lon: number }): number {
  const x = (s.lon - lon) * Math.cos((lat * Math.PI) / 180);
  const y = s.lat - lat;
  return x * x + y * y;
}
