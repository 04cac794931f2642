import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { italianDate } from '../../src/importer/date.js';
import { collectSources } from '../../src/importer/sources.js';
import { closedPort, html, runCli, startServer, tempRoot } from './support.js';

/** A page whose article the test can change between two runs. */
const article = (sentence: string) => `<!doctype html><html lang="it"><head><title>Permesso</title></head><body>
<nav><a href="/">Home</a> <a href="/temi">Temi</a></nav>
<div class="cookie-banner">Questo sito usa cookie tecnici. <a href="/c">Informativa</a></div>
<main><article><h1>Rinnovo del permesso</h1>
<p>${sentence} La domanda si presenta prima della scadenza del permesso di soggiorno, con il kit postale.</p>
<p>Con la ricevuta puoi continuare a lavorare e ad avere l'assistenza sanitaria mentre aspetti il nuovo permesso.</p>
</article></main><footer>Note legali</footer></body></html>`;

let root: ReturnType<typeof tempRoot>;
let server: Awaited<ReturnType<typeof startServer>>;
const pages: Record<string, string> = {};
beforeEach(async () => {
  root = tempRoot();
  pages.rinnovo = article('Il permesso va rinnovato in tempo.');
  pages.codice = article('Il codice fiscale è gratuito.');
  server = await startServer({
    '/rinnovo': (req, res) => html(pages.rinnovo!)(req, res),
    '/codice': (req, res) => html(pages.codice!)(req, res),
  });
});
afterEach(async () => {
  await server.close();
  root.remove();
});

function answer(topic: string, lang: string, urls: string[], extra = ''): void {
  const file = join(root.path, 'knowledge', 'topics', topic, `${lang}.md`);
  mkdirSync(dirname(file), { recursive: true });
  const sources = urls.map((u) => `  - title: Fonte ufficiale\n    url: ${u}\n`).join('');
  writeFileSync(file, `---\ntopic: ${topic}\nlang: ${lang}\ntitle: Titolo\n${extra}sources:\n${sources}updated: 2026-11-22\nreviewed: false\n---\nRisposta.\n`);
}

const watch = (...args: string[]) => runCli(['kb', 'watch', '--root', root.path, ...args]);
const recordsFile = () => join(root.path, 'knowledge', 'sources.json');

describe('ponte kb watch', () => {
  it('record, unchanged -> exit 0; the page changes -> exit 1 listing the answers to re-read', async () => {
    answer('permesso-rinnovo', 'it', [server.url('/rinnovo')]);
    answer('permesso-rinnovo', 'en', [server.url('/rinnovo')]);
    answer('codice-fiscale', 'it', [server.url('/codice'), server.url('/rinnovo')]);

    // First run: nothing recorded yet. Listed as never recorded, not as changed.
    const first = await watch();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Never recorded: read these answers against the page once (2):');
    expect(first.stdout).toContain('After re-reading (and fixing) the answers, run `ponte kb watch --record`.');
    expect(existsSync(recordsFile())).toBe(false);
    // Each distinct address is fetched once although three answers cite /rinnovo.
    expect(server.requests.filter((r) => r.url === '/rinnovo')).toHaveLength(1);

    const record = await watch('--record');
    expect(record.code).toBe(0);
    expect(record.stdout).toContain('Recorded the pages as reviewed today in knowledge/sources.json (2 entries updated).');
    const records = JSON.parse(readFileSync(recordsFile(), 'utf8'));
    expect(Object.keys(records)).toEqual([server.url('/codice'), server.url('/rinnovo')]);
    expect(records[server.url('/rinnovo')]).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{12}$/), recorded: italianDate(new Date()) });

    const unchanged = await watch();
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toBe('2 sources checked, 2 unchanged.\n');

    // Only the menu and the cookie banner change: the readable text is the same.
    pages.rinnovo = pages.rinnovo!.replace('Temi</a>', 'Temi e servizi</a>').replace('cookie tecnici', 'cookie tecnici e analitici');
    expect((await watch()).code).toBe(0);

    pages.rinnovo = article('Dal 2027 la domanda di rinnovo si presenta solo online.');
    const changed = await watch();
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe(
      [
        'Changed since the last review: re-read these answers against the page (1):',
        `  ${server.url('/rinnovo')} (reviewed ${italianDate(new Date())})`,
        '    knowledge/topics/codice-fiscale/it.md',
        '    knowledge/topics/permesso-rinnovo/en.md',
        '    knowledge/topics/permesso-rinnovo/it.md',
        '',
        '2 sources checked, 1 unchanged.',
        'After re-reading (and fixing) the answers, run `ponte kb watch --record`.',
        '',
      ].join('\n'),
    );

    const json = await watch('--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.summary).toEqual({ changed: 1, new: 0, failed: 0, unchanged: 1 });
    const rinnovo = report.sources.find((s: { url: string }) => s.url === server.url('/rinnovo'));
    expect(rinnovo.status).toBe('changed');
    expect(rinnovo.hash).not.toBe(rinnovo.recorded_hash);
    expect(rinnovo.recorded_hash).toBe(records[server.url('/rinnovo')].hash);

    // After the review: record, and the next run is clean again; the unchanged source keeps its entry as it was.
    expect((await watch('--record')).code).toBe(0);
    const after = JSON.parse(readFileSync(recordsFile(), 'utf8'));
    expect(after[server.url('/codice')]).toEqual(records[server.url('/codice')]);
    expect(after[server.url('/rinnovo')].hash).toBe(rinnovo.hash);
    expect((await watch()).code).toBe(0);
  }, 120_000);

  it('lists sources that cannot be read (404, refused) without failing the others, and keeps their records', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}/pagina`;
    answer('permesso-rinnovo', 'it', [server.url('/rinnovo'), server.url('/spostata'), dead]);
    writeFileSync(recordsFile(), JSON.stringify({ [dead]: { hash: 'aaaaaaaaaaaa', recorded: '2026-01-10' } }, null, 2));
    const { code, stdout } = await watch('--record');
    expect(code).toBe(0);
    expect(stdout).toContain('Could not be read: check the address (the page may have moved) (2):');
    expect(stdout).toContain(`  cannot read ${server.url('/spostata')}: HTTP 404 Not Found\n    knowledge/topics/permesso-rinnovo/it.md`);
    expect(stdout).toContain(`  cannot read ${dead}: connection refused`);
    const records = JSON.parse(readFileSync(recordsFile(), 'utf8'));
    expect(records[dead]).toEqual({ hash: 'aaaaaaaaaaaa', recorded: '2026-01-10' });
    expect(records[server.url('/rinnovo')]).toBeDefined();
    expect(records[server.url('/spostata')]).toBeUndefined();
  });

  it('is tolerant of broken answer files: lists them and watches the rest', async () => {
    answer('permesso-rinnovo', 'it', [server.url('/rinnovo')]);
    const broken = join(root.path, 'knowledge', 'topics', 'cittadinanza', 'it.md');
    mkdirSync(dirname(broken), { recursive: true });
    writeFileSync(broken, '---\ntopic: cittadinanza\nsources: [unclosed\n---\nTesto.\n');
    writeFileSync(join(dirname(broken), 'en.md'), 'No front matter at all.\n');
    answer('codice-fiscale', 'it', ['ftp://files.test/x', 'not a url']);
    const { code, stdout } = await watch();
    expect(code).toBe(0);
    expect(stdout).toContain('Skipped (front matter unreadable, see `ponte check`):\n  knowledge/topics/cittadinanza/en.md\n  knowledge/topics/cittadinanza/it.md\n');
    expect(stdout).toContain('Not an http(s) address:\n  knowledge/topics/codice-fiscale/it.md: ftp://files.test/x\n  knowledge/topics/codice-fiscale/it.md: not a url\n');
    expect(stdout).toContain('1 source checked, 0 unchanged.');
  });

  it('with no answers yet: nothing to check, exit 0', async () => {
    const { code, stdout } = await watch();
    expect(code).toBe(0);
    expect(stdout).toBe('0 sources checked, 0 unchanged.\n');
  });

  it('a broken knowledge/sources.json: file:line, exit 1, the file left as it was', async () => {
    answer('permesso-rinnovo', 'it', [server.url('/rinnovo')]);
    const bad = '{\n  "https://x.test/": { "hash": "123", "recorded": "2026-01-10" }\n}\n';
    writeFileSync(recordsFile(), bad);
    const { code, stderr } = await watch('--record');
    expect(code).toBe(1);
    expect(stderr).toBe('ponte kb: knowledge/sources.json:2: "https://x.test/": hash: 12 hex digits\n');
    expect(readFileSync(recordsFile(), 'utf8')).toBe(bad);
    writeFileSync(recordsFile(), '{\n  "https://x.test/": {\n}');
    const json = await watch();
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(/^ponte kb: knowledge\/sources\.json:3: invalid JSON/);
  });
});

describe('collectSources', () => {
  it('accepts a bare address as a source, and lists each address once with every file citing it', () => {
    answer('permesso-rinnovo', 'it', ['https://www.inps.test/a']);
    const file = join(root.path, 'knowledge', 'topics', 'codice-fiscale', 'it.md');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '---\r\ntopic: codice-fiscale\r\nsources:\r\n  - https://www.inps.test/a\r\n  - https://www.inps.test/a\r\n---\r\nTesto\r\n');
    const cited = collectSources(root.path);
    expect([...cited.urls]).toEqual([['https://www.inps.test/a', ['knowledge/topics/codice-fiscale/it.md', 'knowledge/topics/permesso-rinnovo/it.md']]]);
  });
});
