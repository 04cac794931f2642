import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { extractPage } from '../src/importer/extract.js';
import { fetchPage } from '../src/importer/fetch-page.js';
import { latencyFigures, timeEach, timeEachAsync, type BenchSection } from './harness.js';

/**
 * The operators' page pipeline: extraction (pre-clean, Readability on linkedom, turndown, hash) of the saved
 * ministry and comune pages and of a 2 MB page, and fetch + extraction from a local HTTP server, which is what
 * `ponte kb watch` does for each source.
 */
export async function run(): Promise<BenchSection> {
  const fixtures = join(import.meta.dirname, '..', 'test', 'operators', 'fixtures');
  const ministry = readFileSync(join(fixtures, 'ministry-page.html'), 'utf8');
  const comune = readFileSync(join(fixtures, 'comune-page.html'), 'utf8');
  const paragraph = "<p>Il Centro per l'Impiego aiuta a cercare lavoro e a scrivere il curriculum, gratuitamente, in molte città.</p>";
  const huge = `<html><head><title>Lavoro</title></head><body><nav>Menu</nav><article><h1>Lavoro</h1>${paragraph.repeat(18_000)}</article></body></html>`;
  const base = 'https://www.example.test/page';

  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ministry));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const figures = [
      ...latencyFigures(`extract ministry page (${Math.round(ministry.length / 1024)} KB)`, timeEach(() => extractPage(ministry, base, 'm'), 300, 30), 'pages'),
      ...latencyFigures(`extract comune page (${Math.round(comune.length / 1024)} KB)`, timeEach(() => extractPage(comune, base, 'c'), 300, 30), 'pages'),
      ...latencyFigures(`extract ${(huge.length / 1e6).toFixed(1)} MB page`, timeEach(() => extractPage(huge, base, 'h'), 5, 1), 'pages'),
      ...latencyFigures('fetch + extract over local HTTP', await timeEachAsync(async () => {
        const page = await fetchPage(url);
        return extractPage(page.html, page.url, url);
      }, 200, 20), 'pages'),
    ];
    return { title: 'Operators: page import and source watch (kb import / kb watch)', figures };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
