import type { Place, PlaceResolution } from '../engine/ports.js';
import { contains, cosDeg, isCoordinate, planarKm, type BoundingBox } from './geo.js';
import { PlaceNameIndex, type Alias, type OutsideName } from './place-names.js';

/**
 * The comuni of Lombardy: lookup by ISTAT code, by name or CAP in free text, and by coordinates.
 */

export interface Comune {
  istat: string;
  name: string;
  province: string;
  population: number;
  /** Town hall point (Garda Informatica), the one used for routing. */
  lat: number;
  lon: number;
  caps: string[];
  /** Polygon centroid and area, when known: they size the comune for "is this point in Lombardy". */
  centroid?: { lat: number; lon: number };
  areaKm2?: number;
  ats?: { code: string; name: string };
  /** The ambito (social district), when the data say it. */
  district?: string;
  /** Local holidays (MM-DD) of the comune: its patron day, when the data say it. */
  holidays: string[];
}

export interface CapEntry {
  current: string[];
  legacy: string[];
}

/**
 * A point counts as inside Lombardy when it lies within a comune's reach of that comune's town hall or
 * centroid: the radius of a disc of the comune's area, enlarged by a quarter for irregular shapes, plus 1 km.
 * Without boundary polygons this errs on the generous side along the border (a town a few km across the
 * Po or the Swiss border may count as inside); far from the border it is exact enough.
 */
const REACH_FACTOR = 1.25;
const REACH_MARGIN_KM = 1;
const MIN_REACH_KM = 2;
/** Degrees around the comuni's points beyond which a point is outside without measuring. */
const BOX_MARGIN_DEG = 0.25;
const MAX_CANDIDATES = 10;

/** Postal codes of Lombardy start with 20–27 (MI, MB, VA, CO, LC, SO, BG, BS, CR, LO, PV) or 46 (MN). */
const LOMBARD_CAP = /^(2[0-7]|46)\d{3}$/;

export class Gazetteer {
  private readonly byCode = new Map<string, Comune>();
  private readonly places = new Map<string, Place>();
  private readonly reach: Float64Array;
  private readonly box: BoundingBox;
  private readonly names: PlaceNameIndex;

  constructor(
    readonly comuni: readonly Comune[],
    private readonly caps: ReadonlyMap<string, CapEntry>,
    aliases: readonly Alias[] = [],
    outside: readonly OutsideName[] = [],
  ) {
    for (const c of comuni) {
      this.byCode.set(c.istat, c);
      const place: Place = { istat: c.istat, name: c.name, province: c.province, lat: c.lat, lon: c.lon };
      if (c.district) place.district = c.district;
      this.places.set(c.istat, Object.freeze(place));
    }
    this.reach = Float64Array.from(comuni, (c) =>
      c.areaKm2 ? Math.max(MIN_REACH_KM, REACH_FACTOR * Math.sqrt(c.areaKm2 / Math.PI)) + REACH_MARGIN_KM : MIN_REACH_KM + REACH_MARGIN_KM,
    );
    const lats = comuni.map((c) => c.lat);
    const lons = comuni.map((c) => c.lon);
    this.box = {
      minLat: Math.min(...lats) - BOX_MARGIN_DEG,
      maxLat: Math.max(...lats) + BOX_MARGIN_DEG,
      minLon: Math.min(...lons) - BOX_MARGIN_DEG,
      maxLon: Math.max(...lons) + BOX_MARGIN_DEG,
    };
    this.names = new PlaceNameIndex(comuni, aliases, outside);
  }

  comune(istat: string): Comune | undefined {
    return this.byCode.get(istat);
  }

  place(istat: string): Place | undefined {
    return this.places.get(istat);
  }

  /**
   * A comune from what a person typed: a name (typos, accents, "S." for San/Santo/Santa, the first words of a
   * longer name), a CAP, or both ("Milano 20121"), with other words around them.
   * @example resolve('abito a sesto s giovanni') // { kind: 'found', place: { istat: '015209', … } }
   */
  resolve(text: string): PlaceResolution {
    const input = text.slice(0, 500);
    const capMatch = /(?<!\d)\d{5}(?!\d)/.exec(input);
    const cap = capMatch?.[0];
    const byCap = cap ? this.capCandidates(cap) : [];
    const mention = this.names.find(input.replace(/\d+/g, ' '));

    if (mention.kind === 'comuni') {
      if (byCap.length > 0) {
        const both = mention.istats.filter((i) => byCap.includes(i));
        if (both.length > 0) return this.result(both);
        // Name and CAP disagree: let the person choose between the two readings.
        return this.result([...mention.istats, ...byCap]);
      }
      return this.result(mention.istats);
    }
    if (byCap.length > 0) return this.result(byCap);
    if (mention.kind === 'outside') return { kind: 'outside' };
    if (cap && !LOMBARD_CAP.test(cap)) return { kind: 'outside' };
    return { kind: 'not_found' };
  }

  /** The comune a point lies in (approximately, see REACH_FACTOR), or `outside` for a point beyond Lombardy. */
  locate(lat: number, lon: number): PlaceResolution {
    if (!isCoordinate(lat, lon)) return { kind: 'not_found' };
    if (!contains(this.box, lat, lon)) return { kind: 'outside' };
    const cos = cosDeg(lat);
    let bestIndex = -1;
    let bestRatio = Infinity;
    for (let i = 0; i < this.comuni.length; i++) {
      const c = this.comuni[i]!;
      let d = planarKm(lat, lon, cos, c.lat, c.lon);
      if (c.centroid) d = Math.min(d, planarKm(lat, lon, cos, c.centroid.lat, c.centroid.lon));
      const ratio = d / this.reach[i]!;
      if (ratio < bestRatio) {
        bestRatio = ratio;
        bestIndex = i;
      }
    }
    if (bestIndex < 0 || bestRatio > 1) return { kind: 'outside' };
    return { kind: 'found', place: this.places.get(this.comuni[bestIndex]!.istat)! };
  }

  /** Comuni of a CAP: the current assignment, or the legacy one when the CAP is no longer in use. */
  capCandidates(cap: string): string[] {
    const entry = this.caps.get(cap);
    if (!entry) return [];
    return entry.current.length > 0 ? entry.current : entry.legacy;
  }

  private result(istats: string[]): PlaceResolution {
    const unique = [...new Set(istats)].filter((i) => this.byCode.has(i));
    if (unique.length === 0) return { kind: 'not_found' };
    if (unique.length === 1) return { kind: 'found', place: this.places.get(unique[0]!)! };
    const candidates = unique
      .map((i) => this.byCode.get(i)!)
      .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'it'))
      .slice(0, MAX_CANDIDATES)
      .map((c) => this.places.get(c.istat)!);
    return { kind: 'ambiguous', candidates };
  }
}
