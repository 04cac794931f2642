/**
 * A small RFC 4180 CSV reader for the gazetteer files: quoted fields, doubled quotes, CRLF or LF.
 * Every record keeps the 1-based line it starts on, so that a bad row is reported as `file:line`.
 */

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  /** Rows whose number of fields differs from the header, with their line. */
  malformed: Array<{ line: number; message: string }>;
}

export function parseCsv(text: string): CsvTable {
  const rows = splitRows(text.replace(/^\uFEFF/, ''));
  const first = rows.shift();
  const header = first ? first.fields.map((h) => h.trim()) : [];
  const records: CsvRecord[] = [];
  const malformed: CsvTable['malformed'] = [];
  for (const row of rows) {
    if (row.fields.length === 1 && row.fields[0] === '') continue; // blank line
    if (row.fields.length !== header.length) {
      malformed.push({ line: row.line, message: `expected ${header.length} fields, found ${row.fields.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = row.fields[i]!));
    records.push({ line: row.line, values });
  }
  return { header, records, malformed };
}

function splitRows(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}
