import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDirectory, loadDirectory } from '../../src/directory/index.js';
import { formatProblem } from '../../src/errors.js';
import { ROOT, tempRoot } from './helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function root(services: Record<string, string>): string {
  const t = tempRoot(services);
  cleanups.push(t.cleanup);
  return t.dir;
}
const lines = (rootDir: string) => loadDirectory(rootDir).problems.map(formatProblem);

const SCHEMA_ERRORS = `version: 1
services:
  - id: ok-one
    name: Uno
    kind: sportello
    comune: "017028"
    verified: false
    source: { dataset: test, licence: CC0 }
  - id: bad-hours
    name: Due
    kind: sportello
    comune: "017028"
    hours:
      mon: ["9-12"]
      tue: ["12:00-09:00"]
    verified: false
    source: { dataset: test, licence: CC0 }
  - id: unknown-comune
    name: Tre
    kind: sportello
    comune: "017999"
    verified: false
    source: { dataset: test, licence: CC0 }
  - id: unknown-topic
    name: Quattro
    kind: sportello
    comune: "017028"
    topics: [corsi-italiano, no-such-topic]
    verified: false
    source: { dataset: test, licence: CC0 }
  - id: ok-one
    name: Cinque
    kind: bakery
    comune: 17028
    verified: maybe
    source: { dataset: test, licence: CC0 }
`;

describe('loadDirectory: service files', () => {
  it('reports broken YAML at its file and line, and still loads the other files', () => {
    const dir = root({
      'a-broken.yaml': 'version: 1\nservices:\n  - id: x\n    name: [unclosed\n',
      'b-good.yaml': 'version: 1\nservices:\n  - id: good\n    name: Buono\n    kind: sportello\n    comune: "015146"\n    verified: false\n    source: { dataset: test, licence: CC0 }\n',
    });
    const { directory, problems } = loadDirectory(dir);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.file).toBe('knowledge/services/a-broken.yaml');
      expect(p.severity).toBe('error');
      expect(p.message).toMatch(/^invalid YAML/);
    }
    expect(problems[0]!.line).toBeGreaterThanOrEqual(4);
    expect(directory.service('good')?.comune.name).toBe('Milano');
  });

  it('reports each schema problem at the line of the offending key', () => {
    const dir = root({ 'test.yaml': SCHEMA_ERRORS });
    expect(lines(dir)).toEqual([
      'knowledge/services/test.yaml:14: services[1].hours.mon[0]: use "HH:MM-HH:MM", e.g. "09:00-12:30"',
      'knowledge/services/test.yaml:15: services[1].hours.tue[0]: the range must end after it starts',
      'knowledge/services/test.yaml:21: services[2].comune: unknown comune ISTAT code "017999" (not in knowledge/places/comuni.csv)',
      'knowledge/services/test.yaml:28: services[3].topics[1]: unknown topic id "no-such-topic" (not in knowledge/topics.yaml)',
      expect.stringMatching(/^knowledge\/services\/test\.yaml:33: services\[4\]\.kind: /),
      'knowledge/services/test.yaml:34: services[4].comune: use the 6-digit ISTAT code as a quoted string, e.g. "017028"',
      'knowledge/services/test.yaml:35: services[4].verified: use `false` or `{ date: YYYY-MM-DD, by: WHO }`',
    ]);
    const { directory } = loadDirectory(dir);
    expect(directory.services.map((s) => s.record.id)).toEqual(['ok-one']);
  });

  it('reports a duplicate id with where it was first defined', () => {
    const service = (id: string) => `  - id: ${id}\n    name: X\n    kind: sportello\n    comune: "015146"\n    verified: false\n    source: { dataset: t, licence: CC0 }\n`;
    const dir = root({ 'a.yaml': `version: 1\nservices:\n${service('same')}`, 'b.yaml': `version: 1\nservices:\n${service('other')}${service('same')}` });
    expect(lines(dir)).toEqual(['knowledge/services/b.yaml:9: services[1].id: duplicate service id "same" (first defined at knowledge/services/a.yaml:3)']);
  });

  it('rejects a file of another version, a missing list and unknown keys', () => {
    const dir = root({
      'v2.yaml': 'version: 2\nservices: []\n',
      'nolist.yaml': 'version: 1\n',
      'typo.yaml': 'version: 1\nservices:\n  - id: t\n    name: T\n    kind: sportello\n    comune: "015146"\n    verified: false\n    adress: via Roma 1\n    source: { dataset: t, licence: CC0 }\n',
    });
    expect(lines(dir)).toEqual([
      'knowledge/services/nolist.yaml:1: services: Invalid input: expected array, received undefined',
      'knowledge/services/typo.yaml:3: services[0]: Unrecognized key: "adress"',
      'knowledge/services/v2.yaml:1: version: this file format is `version: 1`',
    ]);
  });

  it('reports overlapping ranges, bad exceptions and far-away points', () => {
    const dir = root({
      'x.yaml': `version: 1
services:
  - id: x
    name: X
    kind: sportello
    comune: "015146"
    location: { lat: 45.957, lon: 10.302, approximate: false }
    hours:
      mon: ["09:00-12:00", "11:00-13:00"]
    exceptions:
      - { date: 2026-02-30, closed: true }
      - { date: 2026-12-24 }
    verified: false
    source: { dataset: t, licence: CC0 }
`,
    });
    expect(lines(dir)).toEqual([
      'knowledge/services/x.yaml:9: services[0].hours.mon[1]: "11:00-13:00" starts before "09:00-12:00" ends: list ranges in order, without overlaps',
      'knowledge/services/x.yaml:11: services[0].exceptions[0].date: not a calendar date',
      'knowledge/services/x.yaml:12: services[0].exceptions[1]: give either `closed: true` or `hours: [...]`',
    ]);
  });

  it('warns about a point far from its comune but loads the service', () => {
    const dir = root({
      'far.yaml': 'version: 1\nservices:\n  - id: far\n    name: F\n    kind: sportello\n    comune: "015146"\n    location: { lat: 45.957, lon: 10.302, approximate: false }\n    verified: false\n    source: { dataset: t, licence: CC0 }\n',
    });
    const { directory, problems } = loadDirectory(dir);
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^knowledge\/services\/far\.yaml:7: warning: services\[0\]\.location: location is \d+\.\d km from the town hall of Milano/)]);
    expect(directory.service('far')).toBeDefined();
  });

  it('places a service without location at its comune, approximate', () => {
    const dir = root({ 'p.yaml': 'version: 1\nservices:\n  - id: p\n    name: P\n    kind: sportello\n    comune: "017028"\n    verified: false\n    source: { dataset: t, licence: CC0 }\n' });
    expect(loadDirectory(dir).directory.service('p')).toMatchObject({ lat: 45.957119, lon: 10.302227, approximate: true });
  });

  it('an empty file is a problem, not a crash', () => {
    expect(lines(root({ 'empty.yaml': '' }))).toEqual([expect.stringMatching(/^knowledge\/services\/empty\.yaml:1: /)]);
  });
});

describe('loadDirectory: places', () => {
  it('reports a bad gazetteer row at its line and loads the rest', () => {
    const dir = root({});
    const file = join(dir, 'knowledge/places/patron-days.csv');
    writeFileSync(file, 'istat,name,holiday,patron\n015146,Milano,12-07,Sant\'Ambrogio\n999999,Nowhere,01-01,X\n016024,Bergamo,8-26,X\n');
    expect(lines(dir)).toEqual([
      'knowledge/places/patron-days.csv:3: unknown comune ISTAT code 999999 (not in comuni.csv)',
      'knowledge/places/patron-days.csv:4: holiday: use MM-DD',
    ]);
  });
});

describe('the committed directory', () => {
  it('loads without errors', () => {
    const { directory, problems } = loadDirectory(ROOT);
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(directory.services.length).toBeGreaterThan(280);
  });

  it('checkDirectory warns per file about unverified services and missing hours, or per service with detail', () => {
    const summary = checkDirectory(ROOT);
    expect(summary.every((p) => p.severity === 'warning')).toBe(true);
    expect(summary.map(formatProblem)).toContain('knowledge/services/valle-camonica.yaml:8: warning: 2 of 2 services without opening hours: none are shown (first: "asp-valcamonica")');
    const detail = checkDirectory(ROOT, { detail: true });
    expect(detail.map(formatProblem)).toContain('knowledge/services/valle-camonica.yaml:8: warning: service "asp-valcamonica": not verified by a person yet (verified: false)');
    expect(detail.length).toBeGreaterThan(summary.length);
  });
});
