import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { z } from 'zod';
import { parseCsv } from '../csv.js';
import { serviceSchema, type ServiceKind } from '../schema.js';
import { parseHoursText } from './hours-text.js';

/**
 * Converts the Comune di Milano offices of milano-servizi-stranieri.csv (open data, CC BY 4.0) into
 * knowledge/services YAML. Published values are kept as they are; hours become weekly hours only when the
 * text is unambiguous (otherwise it stays a note); the quality flags of the source are honoured:
 * no coordinates or known wrong coordinates → the comune's point, marked approximate, with a note.
 */

const row = z.object({
  id: z.string().regex(/^MI-\d{3}$/),
  kind: z.enum(['scuola_italiano', 'patronato', 'servizio_sociale', 'anagrafe', 'municipio']),
  name: z.string().min(1),
  address: z.string(),
  comune: z.string(),
  istat: z.string().regex(/^\d{6}$/),
  municipio: z.string(),
  lat: z.string(),
  lon: z.string(),
  phone: z.string(),
  hours: z.string(),
  url: z.string(),
  levels: z.string(),
  free: z.string(),
  transit: z.string(),
  provider_type: z.string(),
  notes: z.string(),
  source_dataset: z.enum(['ds549', 'ds550', 'ds551', 'ds1299', 'ds1303']),
  qa_flags: z.string(),
});
type Row = z.infer<typeof row>;

const DATASETS: Record<Row['source_dataset'], string> = {
  ds549: 'Sedi dei servizi anagrafici',
  ds550: 'Sede dei Sindacati e Patronati',
  ds551: 'Scuole di italiano per stranieri e CPIA',
  ds1299: 'Sedi municipi nel Comune di Milano',
  ds1303: 'Servizio Sociale Professionale Territoriale: le sedi',
};

/** Records whose published coordinates belong to another address (see shared/data/SOURCES.md, qa_flags). */
export const KNOWN_WRONG_COORDINATES: Readonly<Record<string, string>> = {
  'MI-028': "sono quelle di via Sant'Arnaldo 17, a circa 7 km",
  'MI-191': 'sono quelle di via Carducci 17',
};

/** Topics each kind of office helps with, from what the datasets describe. */
const TOPICS: Record<ServiceKind, string[]> = {
  cpia: ['corsi-italiano'],
  'scuola-italiano': ['corsi-italiano'],
  anagrafe: ['residenza-anagrafica'],
  // ds550: help with the residence-permit kits and forms.
  patronato: ['permesso-rinnovo', 'permesso-primo-rilascio', 'permesso-lungo-periodo', 'conversione-permesso'],
  'servizio-sociale': [],
  municipio: [],
  sportello: [],
  mediatore: [],
  questura: [],
  prefettura: [],
  emergenza: [],
};

/** Output files, one per kind of office. */
const FILES: Record<Row['kind'], string> = {
  scuola_italiano: 'milano-scuole-italiano.yaml',
  patronato: 'milano-patronati.yaml',
  servizio_sociale: 'milano-servizi-sociali.yaml',
  anagrafe: 'milano-anagrafe.yaml',
  municipio: 'milano-municipi.yaml',
};

/** Milano and its hinterland (02, 039), mobiles (3), free numbers (800, 803): anything else is worth a check. */
const LOCAL_PHONE = /^(infoline\s+)?(02|039|3|80[03])/i;
const MILANO = '015146';
/** Offices of the Comune that serve its residents only: a person from elsewhere is never sent there. */
const RESIDENTS_ONLY = new Set<ServiceKind>(['anagrafe', 'municipio', 'servizio-sociale']);

/** What the importer needs of the gazetteer. */
export interface PlaceLookup {
  /** ISTAT codes of a CAP. */
  capToComuni(cap: string): string[];
  name(istat: string): string | undefined;
}

export interface ImportResult {
  files: Array<{ name: string; text: string; count: number }>;
  /** What was noticed on the way, one line each (for the person running the import). */
  report: string[];
}

/** @param places the gazetteer, to place records without coordinates by the CAP of their address. */
export function importMilano(csvText: string, places: PlaceLookup, sourceFile: string): ImportResult {
  const table = parseCsv(csvText);
  const report: string[] = [];
  const byFile = new Map<string, unknown[]>();
  for (const m of table.malformed) report.push(`line ${m.line}: skipped, ${m.message}`);
  for (const record of table.records) {
    const parsed = row.safeParse(record.values);
    if (!parsed.success) {
      report.push(`line ${record.line}: skipped, ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    const service = convert(parsed.data, places, report);
    const valid = serviceSchema.safeParse(service);
    if (!valid.success) {
      report.push(`line ${record.line}: skipped, converted record is invalid: ${valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    const file = FILES[parsed.data.kind];
    byFile.set(file, [...(byFile.get(file) ?? []), service]);
  }
  const files = [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, services]) => ({ name, count: services.length, text: header(sourceFile) + toYaml({ version: 1, services }) }));
  return { files, report };
}

function convert(r: Row, places: PlaceLookup, report: string[]): Record<string, unknown> {
  const kind: ServiceKind =
    r.kind === 'scuola_italiano' ? (/\bcpia\b/i.test(r.name) ? 'cpia' : 'scuola-italiano') : r.kind === 'servizio_sociale' ? 'servizio-sociale' : r.kind;
  const notes: string[] = [];
  const qa = r.qa_flags.split(/[|;,\s]+/).filter(Boolean);
  let comune = r.istat;
  let location: { lat: number; lon: number; approximate: boolean } | undefined;

  if (r.lat !== '' && r.lon !== '' && !KNOWN_WRONG_COORDINATES[r.id]) {
    location = { lat: Number(r.lat), lon: Number(r.lon), approximate: false };
  } else if (KNOWN_WRONG_COORDINATES[r.id]) {
    notes.push(`Le coordinate pubblicate ${KNOWN_WRONG_COORDINATES[r.id]}: sulla mappa la posizione è approssimata al centro del Comune.`);
    report.push(`${r.id}: published coordinates are known to be wrong; using the comune's point`);
  } else {
    // No coordinates: place it at its comune, the one of the address's CAP when that CAP names a single other comune.
    const cap = /\b(\d{5})\b/.exec(r.address)?.[1];
    const byCap = cap ? places.capToComuni(cap) : [];
    if (byCap.length === 1 && byCap[0] !== r.istat) {
      comune = byCap[0]!;
      notes.push(`Pubblicato con comune ${r.comune}, ma il CAP ${cap} dell'indirizzo è di ${places.name(comune) ?? comune}: posizione approssimata a quel comune.`);
      report.push(`${r.id}: no coordinates; CAP ${cap} is comune ${comune}, not ${r.istat}`);
    } else {
      notes.push('Coordinate non pubblicate: posizione approssimata al centro del Comune.');
      report.push(`${r.id}: no coordinates; using the comune's point`);
    }
  }

  let hours: unknown;
  let appointment: boolean | undefined = /appuntamento/i.test(r.notes) ? true : undefined;
  if (r.hours !== '') {
    const parsed = parseHoursText(r.hours);
    if (parsed) {
      hours = parsed.hours;
      if (parsed.appointment) appointment = true;
    } else {
      notes.push(`Orario pubblicato: ${r.hours}`);
      if (/appuntamento/i.test(r.hours)) appointment = true;
      report.push(`${r.id}: hours text kept as a note (not unambiguous): ${r.hours}`);
    }
  }

  if (r.notes !== '') notes.unshift(r.notes.endsWith('.') ? r.notes : `${r.notes}.`);
  if (r.levels !== '') notes.push(`Livelli: ${r.levels}.`);
  if (r.free === 'yes') notes.push('Corsi gratuiti.');
  if (r.provider_type !== '') notes.push(`Ente: ${r.provider_type}.`);
  if (r.transit !== '') notes.push(`Mezzi: ${r.transit}.`);
  if (r.phone !== '' && !LOCAL_PHONE.test(r.phone.trim())) {
    notes.push('Il prefisso del numero di telefono pubblicato non è della zona: verificarlo prima di chiamare.');
    qa.push('phone_to_check');
  }
  if (r.source_dataset === 'ds551') notes.push('Elenco pubblicato dal Comune di Milano alcuni anni fa: verificare che il corso sia attivo prima di andare.');

  const contacts: Record<string, string> = {};
  if (r.phone !== '') contacts.phone = r.phone;
  if (/^https?:\/\//.test(r.url)) contacts.web = r.url;

  const service: Record<string, unknown> = {
    id: r.id.toLowerCase(),
    name: r.name,
    kind,
  };
  if (comune === MILANO) service.ambito = 'Milano';
  if (r.municipio !== '') service.area = `Municipio ${r.municipio}`;
  service.comune = comune;
  if (r.address !== '') service.address = r.address;
  if (location) service.location = location;
  service.languages = ['it'];
  if (RESIDENTS_ONLY.has(kind)) service.residents_only = true;
  if (TOPICS[kind].length > 0) service.topics = TOPICS[kind];
  if (hours) service.hours = hours;
  if (appointment !== undefined) service.appointment = appointment;
  if (Object.keys(contacts).length > 0) service.contacts = contacts;
  service.verified = false;
  if (notes.length > 0) service.notes = { it: notes.join(' ') };
  service.source = {
    dataset: `Comune di Milano, dati.comune.milano.it ${r.source_dataset} "${DATASETS[r.source_dataset]}"`,
    licence: 'CC BY 4.0',
    attribution: 'Comune di Milano',
    record: r.id,
    ...(qa.length > 0 ? { qa } : {}),
  };
  return service;
}

/** Block style for services, flow style for short lists and points, so a file reads like a hand-written one. */
function toYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'location' && isMap(pair.value)) pair.value.flow = true;
      if (isScalar(pair.key) && pair.key.value === 'hours' && isMap(pair.value)) {
        for (const day of pair.value.items) if (isSeq(day.value)) day.value.flow = true;
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function header(sourceFile: string): string {
  return [
    '# GENERATED by scripts/import-milano.ts from',
    `# ${sourceFile}: do not edit by hand; change the importer or the source and run it again.`,
    '# Source: Comune di Milano open data (dati.comune.milano.it), CC BY 4.0, attribution "Comune di Milano".',
    '# Location left out = the comune\'s town-hall point, marked approximate. Milano\'s patron day (7 December)',
    '# comes from knowledge/places/patron-days.csv.',
    '',
  ].join('\n');
}
