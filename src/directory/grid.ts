/**
 * A uniform grid over points (about 5.5 km cells at Lombardy's latitudes), searched in growing square rings
 * around a query: nearest-first search then looks at the few cells near the person instead of every service.
 */

const CELL_LAT_DEG = 0.05;
/** Longitude cells are widened so that cells are roughly square at 45.5° N. */
const CELL_LON_DEG = 0.05 / Math.cos((45.5 * Math.PI) / 180);
/** The shortest side of a cell anywhere between 44° and 47.5° N, in km: a safe lower bound for ring distances. */
export const CELL_MIN_KM = 5.3;

export class PointGrid {
  private readonly minLat: number;
  private readonly minLon: number;
  private readonly rows: number;
  private readonly cols: number;
  /** Compressed rows: the points of cell c are items[start[c] .. start[c + 1]). */
  private readonly start: Int32Array;
  private readonly items: Int32Array;

  constructor(points: ReadonlyArray<{ lat: number; lon: number }>) {
    const lats = points.map((p) => p.lat);
    const lons = points.map((p) => p.lon);
    this.minLat = points.length > 0 ? Math.min(...lats) : 0;
    this.minLon = points.length > 0 ? Math.min(...lons) : 0;
    this.rows = points.length > 0 ? Math.floor((Math.max(...lats) - this.minLat) / CELL_LAT_DEG) + 1 : 0;
    this.cols = points.length > 0 ? Math.floor((Math.max(...lons) - this.minLon) / CELL_LON_DEG) + 1 : 0;
    const cells = this.rows * this.cols;
    const cellOf = points.map((p) => this.row(p.lat) * this.cols + this.col(p.lon));
    this.start = new Int32Array(cells + 1);
    for (const c of cellOf) this.start[c + 1]!++;
    for (let c = 0; c < cells; c++) this.start[c + 1]! += this.start[c]!;
    const fill = this.start.slice(0, cells);
    this.items = new Int32Array(points.length);
    cellOf.forEach((c, i) => (this.items[fill[c]!++] = i));
  }

  /**
   * Visits point indices ring by ring around (lat, lon). After each ring, `enough(km)` is asked whether the
   * search may stop, `km` being a lower bound of the distance to any point not yet visited.
   */
  search(lat: number, lon: number, visit: (index: number) => void, enough: (unvisitedKm: number) => boolean): void {
    if (this.items.length === 0) return;
    const r0 = this.row(lat);
    const c0 = this.col(lon);
    // Beyond this ring every cell of the grid has been visited.
    const last = Math.max(Math.abs(r0), Math.abs(this.rows - 1 - r0), Math.abs(c0), Math.abs(this.cols - 1 - c0));
    for (let ring = 0; ring <= last; ring++) {
      for (let r = r0 - ring; r <= r0 + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edge = r === r0 - ring || r === r0 + ring;
        for (let c = c0 - ring; c <= c0 + ring; c += edge ? 1 : 2 * ring) {
          if (c >= 0 && c < this.cols) {
            const cell = r * this.cols + c;
            for (let k = this.start[cell]!; k < this.start[cell + 1]!; k++) visit(this.items[k]!);
          }
          if (ring === 0) break;
        }
      }
      if (enough(ring * CELL_MIN_KM)) return;
    }
  }

  private row(lat: number): number {
    return Math.floor((lat - this.minLat) / CELL_LAT_DEG);
  }

  private col(lon: number): number {
    return Math.floor((lon - this.minLon) / CELL_LON_DEG);
  }
}
