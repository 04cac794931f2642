/**
 * Regenerates knowledge/services/milano-*.yaml from the Comune di Milano open-data extract.
 *   npx tsx scripts/import-milano.ts [--csv FILE] [--out DIR]
 * Defaults: knowledge/services/sources/milano-servizi-stranieri.csv → knowledge/services/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importMilano } from '../src/directory/import/milano.js';
import { loadGazetteer } from '../src/directory/places-loader.js';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    csv: { type: 'string', default: join(root, 'knowledge/services/sources/milano-servizi-stranieri.csv') },
    out: { type: 'string', default: join(root, 'knowledge/services') },
  },
});
const csvPath = resolve(values.csv);
const { gazetteer, problems } = loadGazetteer(root);
if (problems.some((p) => p.severity === 'error')) {
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  process.exit(1);
}
const places = { capToComuni: (cap: string) => gazetteer.capCandidates(cap), name: (istat: string) => gazetteer.comune(istat)?.name };
const result = importMilano(readFileSync(csvPath, 'utf8'), places, relative(root, csvPath));
for (const line of result.report) console.log(line);
for (const file of result.files) {
  writeFileSync(join(resolve(values.out), file.name), file.text);
  console.log(`wrote ${file.name}: ${file.count} services`);
}
