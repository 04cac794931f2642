import type { DirectoryPort, NearestQuery, Need, OpeningState, Place, PlaceResolution, Route, ServiceHit } from '../engine/ports.js';
import type { Lang } from '../engine/types.js';
import { romeMoment } from './calendar.js';
import type { Comune, Gazetteer } from './gazetteer.js';
import { cosDeg, haversineKm, planarKm } from './geo.js';
import { PointGrid } from './grid.js';
import { openNow, openingState, type Timetable } from './opening.js';
import type { ServiceKind, ServiceRecord } from './schema.js';

/** A service as loaded: its record, where it is, and its timetable with the comune's holidays merged in. */
export interface Service {
  record: ServiceRecord;
  comune: Comune;
  lat: number;
  lon: number;
  /** True when the point is the comune's town hall, not the building's. */
  approximate: boolean;
  timetable: Timetable;
  /** Where it is defined, for messages. */
  file: string;
  line: number;
}

/** The service kinds each route leads to (besides services that list the route or the topic explicitly). */
export const ROUTE_KINDS: Readonly<Record<Route, readonly ServiceKind[]>> = {
  sportello: ['sportello'],
  mediatore: ['mediatore'],
  emergenza: ['emergenza'],
};

/**
 * Ranking. Each candidate scores (distance + OFFSET) × factors, lowest first, so that a factor of 1.3 lets an
 * open office 1.3 km away come before a closed one 1 km away, while a closed office next door still beats an
 * open one across the province. OFFSET keeps factors meaningful for services at the same point.
 */
const OFFSET_KM = 0.5;
const FACTOR = {
  closedNow: 1.3,
  hoursUnknown: 1.15,
  languageNotSpoken: 1.5,
  languageUnknown: 1.2,
  /** A service for every topic of its route, when another one names the topic asked about. */
  topicGeneric: 2,
  /** A point that is the comune's, not the building's: its distance is only indicative. */
  approximate: 1.15,
} as const;
const MAX_OPENING_FACTOR = FACTOR.closedNow;
const MAX_LIMIT = 50;

export class Directory implements DirectoryPort {
  private readonly byId = new Map<string, Service>();
  private readonly grid: PointGrid;
  /** Scratch space of nearest(): the score of each service visited (only visited entries are read). */
  private readonly bases: Float64Array;

  constructor(
    readonly gazetteer: Gazetteer,
    readonly services: readonly Service[],
    private readonly topicRoutes: ReadonlyMap<string, Route> = new Map(),
  ) {
    for (const s of services) this.byId.set(s.record.id, s);
    this.grid = new PointGrid(services);
    this.bases = new Float64Array(services.length);
  }

  resolve(text: string): PlaceResolution {
    return this.gazetteer.resolve(text);
  }

  locate(lat: number, lon: number): PlaceResolution {
    return this.gazetteer.locate(lat, lon);
  }

  place(istat: string): Place | undefined {
    return this.gazetteer.place(istat);
  }

  /** The route of a topic of knowledge/topics.yaml, or undefined for an unknown topic id. */
  topicRoute(topic: string): Route | undefined {
    return this.topicRoutes.get(topic);
  }

  service(id: string): Service | undefined {
    return this.byId.get(id);
  }

  opening(id: string, at: Date): OpeningState | undefined {
    const s = this.byId.get(id);
    return s && openingState(s.timetable, at);
  }

  /**
   * The services nearest to a point that fit the need, best first: distance, then (among comparable
   * distances) open now, the person's language spoken, and services that name the topic asked about.
   * @example nearest({ lat: 45.957, lon: 10.302, need: { route: 'sportello' }, at: new Date(), limit: 3 })
   */
  nearest(query: NearestQuery): ServiceHit[] {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(query.limit) || 1));
    if (!Number.isFinite(query.lat) || !Number.isFinite(query.lon)) return [];
    const accepts = needFilter(query.need, this.topicRoutes);
    const cos = cosDeg(query.lat);

    // First pass, ring by ring from the person outwards: distance and the static factors of each service that
    // fits the need. The k-th smallest base times the largest opening factor bounds the final k-th score, so
    // the search stops once every unvisited service is further than that.
    const bases = this.bases;
    const touched: number[] = [];
    const smallest: number[] = [];
    let here: string | null | undefined;
    this.grid.search(
      query.lat,
      query.lon,
      (i) => {
        const service = this.services[i]!;
        const match = accepts(service.record);
        if (!match) return;
        if (service.record.residents_only) {
          // Offices for residents only: the person must be in that comune (located lazily, once).
          if (here === undefined) {
            const located = this.gazetteer.locate(query.lat, query.lon);
            here = located.kind === 'found' ? located.place.istat : null;
          }
          if (here !== service.comune.istat) return;
        }
        const distance = planarKm(query.lat, query.lon, cos, service.lat, service.lon);
        const base =
          (distance + OFFSET_KM) *
          languageFactor(service.record, query.lang) *
          (match === 'generic' ? FACTOR.topicGeneric : 1) *
          (service.approximate ? FACTOR.approximate : 1);
        bases[i] = base;
        touched.push(i);
        insertSorted(smallest, base, limit);
      },
      (unvisitedKm) => smallest.length === limit && unvisitedKm + OFFSET_KM > smallest[limit - 1]! * MAX_OPENING_FACTOR,
    );
    if (smallest.length === 0) return [];
    const threshold = smallest[smallest.length - 1]! * MAX_OPENING_FACTOR;

    // Second pass, cheapest first: the opening factor is at least 1, so once a base exceeds the k-th best score
    // so far, no later candidate can enter the top k.
    const order = touched.filter((i) => bases[i]! <= threshold).sort((a, b) => bases[a]! - bases[b]!);
    // An invalid date says nothing about opening hours rather than failing the search.
    const now = Number.isNaN(query.at.getTime()) ? null : romeMoment(query.at);
    const ranked: Array<{ score: number; service: Service }> = [];
    for (const i of order) {
      const base = bases[i]!;
      if (ranked.length === limit && base >= ranked[limit - 1]!.score) break;
      const service = this.services[i]!;
      const open = now ? openNow(service.timetable, now) : null;
      const score = base * (open === true ? 1 : open === false ? FACTOR.closedNow : FACTOR.hoursUnknown);
      let at = ranked.length;
      while (at > 0 && ranked[at - 1]!.score > score) at--;
      if (at < limit) {
        ranked.splice(at, 0, { score, service });
        if (ranked.length > limit) ranked.pop();
      }
    }
    return ranked.map((r) => toHit(r.service, query, now ? openingState(r.service.timetable, now) : { openNow: null, today: null }));
  }
}

type Match = false | 'specific' | 'generic';

/** Which services fit a need: an explicit kind, or the route (given or the topic's), narrowed by topic and area. */
export function needFilter(need: Need, topicRoutes: ReadonlyMap<string, Route>): (s: ServiceRecord) => Match {
  const topic = need.topic;
  const route = need.route ?? (topic ? topicRoutes.get(topic) : undefined);
  return (s) => {
    if (need.area && s.areas && !s.areas.includes(need.area)) return false;
    if (topic && s.topics.includes(topic)) return need.kind && s.kind !== need.kind ? false : 'specific';
    if (need.kind) return s.kind === need.kind && (!topic || s.topics.length === 0) ? (topic ? 'generic' : 'specific') : false;
    if (route) {
      const onRoute = ROUTE_KINDS[route].includes(s.kind as ServiceKind) || s.routes.includes(route);
      return onRoute && (!topic || s.topics.length === 0) ? (topic ? 'generic' : 'specific') : false;
    }
    return topic ? false : 'specific';
  };
}

function languageFactor(s: ServiceRecord, lang: Lang | undefined): number {
  if (!lang) return 1;
  if (s.languages.length === 0) return FACTOR.languageUnknown;
  return s.languages.includes(lang) ? 1 : FACTOR.languageNotSpoken;
}

function toHit(s: Service, query: NearestQuery, opening: OpeningState): ServiceHit {
  const r = s.record;
  const hit: ServiceHit = {
    id: r.id,
    name: r.name,
    kind: r.kind,
    comune: s.comune.name,
    lat: s.lat,
    lon: s.lon,
    approximate: s.approximate,
    distanceKm: Math.round(haversineKm(query.lat, query.lon, s.lat, s.lon) * 100) / 100,
    languages: [...r.languages],
    contacts: { ...r.contacts },
    opening,
  };
  if (r.address) hit.address = r.address;
  if (r.appointment !== undefined) hit.appointment = r.appointment;
  const note = (query.lang && r.notes[query.lang]) ?? r.notes.it;
  if (note) hit.note = note;
  return hit;
}

function insertSorted(list: number[], value: number, capacity: number): void {
  if (list.length === capacity && value >= list[list.length - 1]!) return;
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  list.splice(i, 0, value);
  if (list.length > capacity) list.pop();
}
