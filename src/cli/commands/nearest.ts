import { z } from 'zod';
import type { NearestQuery, Place, PlaceResolution, ServiceHit } from '../../engine/ports.js';
import { LANGUAGES } from '../../engine/types.js';
import { UsageError } from '../../errors.js';
import { loadDirectory } from '../../directory/load.js';
import { SERVICE_KINDS } from '../../directory/schema.js';
import { parseOptions, validateOptions } from '../args.js';
import type { CliCommand, CliIO } from '../command.js';

/**
 * `ponte nearest`: resolve a place (coordinates, comune name or CAP) and list the nearest services.
 * JSON shapes (DESIGN.md): {"place":{…},"results":[…]}, {"candidates":[…]} for an ambiguous place, and
 * {"error":"…"} with exit code 2 for an unknown place or one outside Lombardy.
 */

const usage = `ponte nearest [--json] (--location LAT,LON | --place TEXT) [--kind KIND] [--lang CODE] [--topic ID] [--limit N] [--at ISO-DATETIME]
  KIND: ${SERVICE_KINDS.join(', ')}
  CODE: ${LANGUAGES.join(', ')}`;

const coordinates = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?$/, 'use --location LAT,LON with decimal degrees, e.g. 45.4642,9.19')
  .transform((v) => v.split(',').map((n) => Number(n.trim())) as [number, number])
  .refine(([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180, 'latitude must be within ±90 and longitude within ±180');

const options = z
  .object({
    json: z.boolean().default(false),
    location: coordinates.optional(),
    place: z.string().trim().min(1, '--place needs a comune name or a CAP').max(500, '--place is too long (500 characters at most)').optional(),
    kind: z.enum(SERVICE_KINDS, { error: `--kind must be one of: ${SERVICE_KINDS.join(', ')}` }).optional(),
    lang: z.enum(LANGUAGES, { error: `--lang must be one of: ${LANGUAGES.join(', ')}` }).optional(),
    topic: z.string().trim().min(1).optional(),
    limit: z.coerce.number({ error: '--limit must be a number' }).int('--limit must be a whole number').min(1, '--limit must be at least 1').max(50, '--limit is at most 50').default(3),
    at: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), '--at must be a date and time, e.g. 2026-12-07T10:00:00+01:00')
      .transform((v) => new Date(v))
      .optional(),
  })
  .refine((o) => (o.location === undefined) !== (o.place === undefined), 'give exactly one of --location LAT,LON or --place TEXT');

export const nearestCommand: CliCommand = {
  name: 'nearest',
  summary: 'the nearest sportelli, mediators and offices to a place (coordinates, comune or CAP)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const opts = nearestOptions(argv);
    const { directory, problems } = loadDirectory(io.cwd);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) io.stderr.write(`ponte nearest: the directory has ${errors.length} problem(s); run \`ponte check\` to see them\n`);
    if (opts.topic && !directory.topicRoute(opts.topic)) throw new UsageError(`unknown topic "${opts.topic}" (see knowledge/topics.yaml)`);

    const resolution: PlaceResolution = opts.location ? directory.locate(...opts.location) : directory.resolve(opts.place!);
    if (resolution.kind === 'not_found' || resolution.kind === 'outside') {
      const message =
        resolution.kind === 'outside'
          ? 'outside Lombardy: Ponte knows the services of the comuni of Lombardy only'
          : `place not found: "${opts.place ?? opts.location?.join(',')}" is not a comune or CAP of Lombardy`;
      if (opts.json) io.stdout.write(JSON.stringify({ error: message }) + '\n');
      else io.stderr.write(`ponte nearest: ${message}\n`);
      return 2;
    }
    if (resolution.kind === 'ambiguous') {
      if (opts.json) io.stdout.write(JSON.stringify({ candidates: resolution.candidates.map(placeJson) }) + '\n');
      else io.stdout.write(`Which comune do you mean?\n${resolution.candidates.map((c) => `  ${c.name} (${c.province}) · ISTAT ${c.istat}`).join('\n')}\n`);
      return 0;
    }

    const place = resolution.place;
    const [lat, lon] = opts.location ?? [place.lat, place.lon];
    const query: NearestQuery = {
      lat,
      lon,
      need: { ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.topic ? { topic: opts.topic } : {}) },
      at: opts.at ?? new Date(),
      limit: opts.limit,
      ...(opts.lang ? { lang: opts.lang } : {}),
    };
    const hits = directory.nearest(query);
    if (opts.json) {
      io.stdout.write(JSON.stringify({ place: placeJson(place), results: hits.map(resultJson) }) + '\n');
    } else {
      io.stdout.write(table(place, hits));
    }
    return 0;
  },
};

function nearestOptions(argv: string[]) {
  const { values } = parseOptions(argv, {
    json: { type: 'boolean' },
    location: { type: 'string' },
    place: { type: 'string' },
    kind: { type: 'string' },
    lang: { type: 'string' },
    topic: { type: 'string' },
    limit: { type: 'string' },
    at: { type: 'string' },
  });
  return validateOptions(options, values);
}

function placeJson(p: Place) {
  return { istat: p.istat, name: p.name, province: p.province };
}

function resultJson(h: ServiceHit) {
  return { id: h.id, name: h.name, kind: h.kind, comune: h.comune, distance_km: Math.round(h.distanceKm * 10) / 10, open_now: h.opening.openNow };
}

function table(place: Place, hits: ServiceHit[]): string {
  const lines = [`${place.name} (${place.province}) · ISTAT ${place.istat}${place.district ? ` · ambito ${place.district}` : ''}`];
  if (hits.length === 0) return `${lines[0]}\n  no service found for this need\n`;
  const open = (h: ServiceHit) => (h.opening.openNow === null ? 'hours unknown' : h.opening.openNow ? 'open now' : h.opening.next ? `closed, opens ${h.opening.next.date} ${h.opening.next.from}` : 'closed');
  hits.forEach((h, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${h.name}`);
    lines.push(`     ${h.kind} · ${h.comune} · ${h.distanceKm.toFixed(1)} km${h.approximate ? ' (approximate position)' : ''} · ${open(h)}`);
    if (h.address) lines.push(`     ${h.address}`);
    const contacts = Object.entries(h.contacts).map(([k, v]) => `${k}: ${v}`);
    if (contacts.length > 0) lines.push(`     ${contacts.join(' · ')}`);
  });
  return lines.join('\n') + '\n';
}
