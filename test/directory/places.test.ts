import { beforeAll, describe, expect, it } from 'vitest';
import type { Directory } from '../../src/directory/index.js';
import { loadDirectory } from '../../src/directory/index.js';
import type { PlaceResolution } from '../../src/engine/ports.js';
import { ROOT } from './helpers.js';

let directory: Directory;
beforeAll(() => {
  const loaded = loadDirectory(ROOT);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  directory = loaded.directory;
});

const found = (r: PlaceResolution) => (r.kind === 'found' ? r.place.name : `(${r.kind})`);
const candidates = (r: PlaceResolution) => (r.kind === 'ambiguous' ? r.candidates.map((c) => c.name).sort() : `(${r.kind})`);

describe('the gazetteer', () => {
  it('has the 1,501 comuni of Lombardy with Breno at 017028', () => {
    expect(directory.gazetteer.comuni).toHaveLength(1501);
    expect(directory.gazetteer.place('017028')).toMatchObject({ name: 'Breno', province: 'BS', district: 'Valle Camonica' });
  });
});

describe('resolve: comune names', () => {
  it.each([
    ['bergamo', 'Bergamo'],
    ['BERGAMO', 'Bergamo'],
    ['Breno', 'Breno'],
    ["sant'angelo lodigiano", "Sant'Angelo Lodigiano"],
    ['Cantu', 'Cantù'],
  ])('finds %s', (text, name) => expect(found(directory.resolve(text))).toBe(name));

  it.each([
    ['bergmo', 'Bergamo'],
    ['Bregamo', 'Bergamo'],
    ['sesto s giovanni', 'Sesto San Giovanni'],
    ['Sesto S. Giovanni (MI)', 'Sesto San Giovanni'],
    ['cinisello', 'Cinisello Balsamo'],
    ['s. donato milanese', 'San Donato Milanese'],
    ['S Donato Milanese', 'San Donato Milanese'],
    ['san donato', 'San Donato Milanese'],
    ['cinisel', 'Cinisello Balsamo'],
    ['sesto san giovani', 'Sesto San Giovanni'],
  ])('tolerates typos and abbreviations: %s', (text, name) => expect(found(directory.resolve(text))).toBe(name));

  it.each([
    ['abito a Cinisello Balsamo', 'Cinisello Balsamo'],
    ['I live in Sesto San Giovanni near Milano', 'Sesto San Giovanni'],
    ["j'habite à Pavie", 'Pavia'],
    ['vivo en Como', 'Como'],
    ['أنا أعيش في ميلانو', 'Milano'],
    ['我住在米兰', 'Milano'],
    ['via Milano 3, Bergamo', 'Bergamo'],
    ['Vivo en Lodi, cerca de Milán', 'Lodi'],
    ['abito vicino a Bergamo, a Seriate', 'Seriate'],
  ])('takes the place out of a sentence: %s', (text, name) => expect(found(directory.resolve(text))).toBe(name));

  it('does not read everyday words as comuni ("como" in Spanish, "vivo" is not Livo)', () => {
    expect(directory.resolve('¿Cómo estás?').kind).toBe('not_found');
    expect(directory.resolve('vivo qui').kind).toBe('not_found');
  });

  it('lists candidates for a name shared by the start of several comuni', () => {
    expect(candidates(directory.resolve('sesto'))).toEqual(['Sesto Calende', 'Sesto San Giovanni', 'Sesto ed Uniti']);
    expect(candidates(directory.resolve('Milano e Bergamo'))).toEqual(['Bergamo', 'Milano']);
  });

  it('says outside for places elsewhere in Italy or in Ticino', () => {
    for (const text of ['Torino', 'abito a Roma', 'Lecce', 'Lugano']) expect(directory.resolve(text).kind).toBe('outside');
  });

  it('says not found for nothing, gibberish and huge input, without throwing', () => {
    expect(directory.resolve('').kind).toBe('not_found');
    expect(directory.resolve('   ').kind).toBe('not_found');
    expect(directory.resolve('qwxzv').kind).toBe('not_found');
    expect(directory.resolve('x'.repeat(100_000)).kind).toBe('not_found');
    expect(found(directory.resolve(`Bergamo ${'bla '.repeat(50_000)}`))).toBe('Bergamo');
  });
});

describe('resolve: CAP', () => {
  it('maps CAP 20121 to Milano, alone or with the name', () => {
    expect(found(directory.resolve('20121'))).toBe('Milano');
    expect(found(directory.resolve('Milano 20121'))).toBe('Milano');
  });

  it('asks which comune for a CAP shared by several', () => {
    expect(candidates(directory.resolve('20021'))).toEqual(['Baranzate', 'Bollate']);
  });

  it('uses the name to choose within a shared CAP', () => {
    expect(found(directory.resolve('20021 Baranzate'))).toBe('Baranzate');
  });

  it('falls back to the legacy assignment of a CAP no longer in use', () => {
    // 20130 was a generic CAP of Milano; 22027 was Ronago's, now part of Uggiate con Ronago.
    expect(found(directory.resolve('20130'))).toBe('Milano');
    expect(found(directory.resolve('22027'))).toBe('Uggiate con Ronago');
    // 20090 is still current for three comuni: the nine that used to share it are not offered.
    expect(candidates(directory.resolve('20090'))).toEqual(['Buccinasco', 'Cesano Boscone', 'Trezzano sul Naviglio']);
  });

  it('says outside for a CAP of another region and not found for an unknown Lombard one', () => {
    expect(directory.resolve('00184').kind).toBe('outside');
    expect(directory.resolve('20999').kind).toBe('not_found');
  });
});

describe('locate', () => {
  it('puts the town hall of Breno in Breno, ambito Valle Camonica', () => {
    const r = directory.locate(45.957119, 10.302227);
    expect(r).toMatchObject({ kind: 'found', place: { istat: '017028', district: 'Valle Camonica' } });
  });

  it('puts central Milano in Milano', () => expect(found(directory.locate(45.4642, 9.19))).toBe('Milano'));

  it.each([
    ['Rome', 41.9028, 12.4964],
    ['Turin', 45.0703, 7.6869],
    ['Verona', 45.4384, 10.9916],
    ['Novara', 45.4469, 8.6222],
    ['Lugano', 46.0037, 8.9511],
    ['the Atlantic', 0, -30],
  ])('says outside for %s', (_, lat, lon) => expect(directory.locate(lat, lon).kind).toBe('outside'));

  it('treats impossible coordinates as not found', () => {
    expect(directory.locate(Number.NaN, 9).kind).toBe('not_found');
    expect(directory.locate(91, 9).kind).toBe('not_found');
  });
});
