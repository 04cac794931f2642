/** Distances on the WGS84 sphere, good to a few metres at the scale of a region. */

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A cheap planar approximation for ranking many points around one origin: within Lombardy it differs from
 * the haversine distance by well under 0.5%, and it is monotonic enough to pick candidates that are then
 * measured exactly.
 */
export function planarKm(lat: number, lon: number, cosLat: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon) * cosLat;
  const y = lat2 - lat;
  return Math.sqrt(x * x + y * y) * RAD * EARTH_RADIUS_KM;
}

export function cosDeg(lat: number): number {
  return Math.cos(lat * RAD);
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

export function contains(box: BoundingBox, lat: number, lon: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon;
}

export function isCoordinate(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}
