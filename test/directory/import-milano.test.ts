import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMilano } from '../../src/directory/import/milano.js';
import { parseHoursText } from '../../src/directory/import/hours-text.js';
import { loadDirectory } from '../../src/directory/index.js';
import { ROOT } from './helpers.js';

describe('parseHoursText', () => {
  it('reads day ranges and time ranges in either order', () => {
    expect(parseHoursText('Dalle 8:00 alle 18:00 dal lunedi al sabato')?.hours).toEqual({
      mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-18:00'], sat: ['08:00-18:00'],
    });
    expect(parseHoursText('dal lunedi al venerdi 9:00 - 12:30 14:30 - 15:30')?.hours.fri).toEqual(['09:00-12:30', '14:30-15:30']);
  });

  it('reads a single day with two ranges', () => {
    expect(parseHoursText('solo il lunedì dalle 8:30 alle 12:30 e dalle 14:30 alle 15:30')).toEqual({ hours: { mon: ['08:30-12:30', '14:30-15:30'] }, appointment: false });
  });

  it('reads "by appointment", abbreviated days and a later closing on one day', () => {
    const text = 'Orario su appuntamento: dal lun.al ven. dalle 08:30 alle 15:30 Orario prolungato (su appuntamento): giovedì fino alle 19:00; sabato dalle 8:30 alle 11:30';
    expect(parseHoursText(text)).toEqual({
      hours: { mon: ['08:30-15:30'], tue: ['08:30-15:30'], wed: ['08:30-15:30'], thu: ['08:30-19:00'], fri: ['08:30-15:30'], sat: ['08:30-11:30'] },
      appointment: true,
    });
  });

  it.each([
    ['9:00 - 12:00 e 15:00 - 16:00', 'no days'],
    ['dal venerdi al lunedi 9-12', 'a day range running backwards'],
    ['tutti i giorni 9-12', 'words it does not know'],
    ['lunedì dalle 12:00 alle 9:00', 'a range ending before it starts'],
    ['lunedì 9-12; lunedì 11-13', 'overlapping ranges'],
    ['giovedì fino alle 19:00', '"until" with no range before it'],
    ['', 'nothing'],
  ])('returns null for ambiguous text: %s (%s)', (text) => expect(parseHoursText(text)).toBeNull());
});

describe('importMilano', () => {
  const csv = readFileSync(join(ROOT, 'knowledge/services/sources/milano-servizi-stranieri.csv'), 'utf8');
  const { directory } = loadDirectory(ROOT);
  const places = { capToComuni: (cap: string) => directory.gazetteer.capCandidates(cap), name: (istat: string) => directory.gazetteer.comune(istat)?.name };
  const result = importMilano(csv, places, 'knowledge/services/sources/milano-servizi-stranieri.csv');

  it('reproduces the committed milano-*.yaml files exactly', () => {
    expect(result.files.map((f) => f.name)).toEqual(['milano-anagrafe.yaml', 'milano-municipi.yaml', 'milano-patronati.yaml', 'milano-scuole-italiano.yaml', 'milano-servizi-sociali.yaml']);
    expect(result.files.reduce((n, f) => n + f.count, 0)).toBe(246);
    for (const f of result.files) expect(f.text, f.name).toBe(readFileSync(join(ROOT, 'knowledge/services', f.name), 'utf8'));
  });

  it('keeps unparsable hours as a note and leaves the hours out', () => {
    const s = directory.service('mi-020')!;
    expect(s.record.hours).toBeUndefined();
    expect(s.record.notes.it).toContain('Orario pubblicato: 9:00 - 12:00 e 15:00 - 16:00');
  });

  it('honours the quality flags: no coordinates and known wrong coordinates become approximate', () => {
    expect(directory.service('mi-233')).toMatchObject({ approximate: true, comune: { name: 'Milano' } });
    // Published as Milano, but CAP 20861 is Brugherio: placed there.
    expect(directory.service('mi-061')).toMatchObject({ approximate: true, comune: { name: 'Brugherio' } });
    const wrong = directory.service('mi-028')!;
    expect(wrong.approximate).toBe(true);
    expect(wrong.record.notes.it).toMatch(/coordinate pubblicate sono quelle di via Sant'Arnaldo 17/i);
    expect(wrong.record.address).toBe('Via Augusto Anfossi 25, 20135 Milano');
  });

  it('keeps published values as they are', () => {
    expect(directory.service('mi-028')!.record.contacts.phone).toBe('020202 (tasti 4-1)');
    expect(directory.service('mi-146')!.record.kind).toBe('cpia');
    expect(directory.service('mi-150')!.record.kind).toBe('scuola-italiano');
  });

  it('skips malformed rows with a line number instead of failing', () => {
    const broken = importMilano('id,kind\nMI-001,anagrafe,extra\n', places, 'x.csv');
    expect(broken.files).toEqual([]);
    expect(broken.report).toEqual(['line 2: skipped, expected 2 fields, found 3']);
  });
});
