import { run as directory } from './directory.js';
import { run as engine } from './engine.js';
import type { BenchSection } from './harness.js';
import { run as importer } from './importer.js';
import { run as telegramRun } from './telegram.js';
import { run as stats } from './stats.js';
import { run as knowledge } from './knowledge.js';

/**
 * `npm run bench`: every section measures one part on this machine and prints its figures.
 * Add a section by adding its module here. `npm run bench -- NAME` runs only the sections named NAME.
 */
const sections: Array<{ name: string; run: () => Promise<BenchSection> }> = [
  { name: 'engine', run: engine },
  { name: 'directory', run: directory },
  { name: 'telegram', run: telegramRun },
  { name: 'stats', run: stats },
  { name: 'knowledge', run: knowledge },
  { name: 'importer', run: importer },
];

const only = process.argv.slice(2).map((a) => a.toLowerCase());
for (const { name, run } of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  const section = await run();
  console.log(`\n${section.title}`);
  const width = Math.max(...section.figures.map((f) => f.label.length));
  for (const f of section.figures) console.log(`  ${f.label.padEnd(width)}  ${f.value}`);
}
