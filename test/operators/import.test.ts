import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/content/yaml.js';
import { italianDate } from '../../src/importer/date.js';
import { closedPort, filesUnder, fixture, html, ROOT, runCli, startServer, tempDir, tempRoot } from './support.js';

const ministry = readFileSync(fixture('ministry-page.html'), 'utf8');
const comune = readFileSync(fixture('comune-page.html'), 'utf8');

let root: ReturnType<typeof tempRoot>;
let server: Awaited<ReturnType<typeof startServer>>;
beforeEach(async () => {
  root = tempRoot();
  server = await startServer({
    '/ministero/rinnovo': html(ministry),
    '/comune/anagrafe': html(Buffer.from(comune.replace('charset=utf-8', 'charset=windows-1252'), 'latin1'), 200, 'text/html; charset=windows-1252'),
    '/vecchio-indirizzo': (_req, res) => res.writeHead(301, { Location: '/ministero/rinnovo' }).end(),
    '/guasto': html('<html><body>Errore interno</body></html>', 500),
    '/modulo.pdf': html('%PDF-1.7 ...', 200, 'application/pdf'),
    '/solo-menu': html(ministry.replace(/<main[\s\S]*<\/main>/, '<main></main>')),
    '/lenta': () => undefined, // never answers
  });
});
afterEach(async () => {
  await server.close();
  root.remove();
});

const drafts = () => filesUnder(join(root.path, 'knowledge', 'drafts'));
const importArgs = (input: string, ...more: string[]) => ['kb', 'import', input, '--topic', 'permesso-rinnovo', '--root', root.path, ...more];

describe('ponte kb import URL', () => {
  it('writes a draft with its front matter and prints its path', async () => {
    const { code, stdout, stderr } = await runCli(importArgs(server.url('/ministero/rinnovo')));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const today = italianDate(new Date());
    const printed = resolve(ROOT, stdout.trim());
    expect(printed).toMatch(new RegExp(`/knowledge/drafts/permesso-rinnovo/it-${today.replaceAll('-', '')}-[0-9a-f]{8}\\.md$`));
    expect(printed.startsWith(root.path)).toBe(true);
    expect(drafts()).toEqual([printed.slice(join(root.path, 'knowledge', 'drafts').length + 1)]);

    const split = splitFrontMatter(readFileSync(printed, 'utf8'))!;
    const front = parse(split.yaml);
    expect(front).toEqual({
      topic: 'permesso-rinnovo',
      lang: 'it',
      title: 'Rinnovo del permesso di soggiorno',
      source: { url: server.url('/ministero/rinnovo'), title: "Rinnovo del permesso di soggiorno | Ministero dell'Esempio" },
      retrieved: today,
      content_hash: expect.stringMatching(/^[0-9a-f]{12}$/),
      reviewed: false,
    });
    expect(printed).toContain(`-${front.content_hash.slice(0, 8)}.md`);
    expect(split.body).toContain('Il permesso di soggiorno va rinnovato prima della scadenza.');
    expect(split.body).toMatch(/^- il modulo compilato che si trova nel kit\.$/m);
    // Relative links resolved against the page's address.
    expect(split.body).toContain(`(${server.url('/it/temi/immigrazione/diritti-con-la-ricevuta')})`);
    expect(split.body).not.toContain('Accetta tutti');
    expect(server.requests[0]!.headers['user-agent']).toBe('Ponte-kb-import');
  });

  it('follows redirects and records the final address; reads a windows-1252 comune page with its accents', async () => {
    const moved = await runCli(importArgs(server.url('/vecchio-indirizzo')));
    expect(moved.code).toBe(0);
    expect(parse(splitFrontMatter(readFileSync(resolve(ROOT, moved.stdout.trim()), 'utf8'))!.yaml).source.url).toBe(server.url('/ministero/rinnovo'));

    const latin = await runCli([...importArgs(server.url('/comune/anagrafe')).slice(0, 3), '--topic', 'residenza-anagrafica', '--root', root.path]);
    expect(latin.code).toBe(0);
    const body = readFileSync(resolve(ROOT, latin.stdout.trim()), 'utf8');
    expect(body).toContain("L'iscrizione anagrafica è gratuita.");
    expect(body).toContain('title: Iscrizione anagrafica dei cittadini stranieri');
  });

  it('never overwrites: the same page imported twice the same day gives a second file, the first untouched', async () => {
    const first = await runCli(importArgs(server.url('/ministero/rinnovo')));
    const firstPath = resolve(ROOT, first.stdout.trim());
    writeFileSync(firstPath, readFileSync(firstPath, 'utf8') + '\nNota dell\'operatore.\n');
    const second = await runCli(importArgs(server.url('/ministero/rinnovo')));
    expect(second.code).toBe(0);
    const secondPath = resolve(ROOT, second.stdout.trim());
    expect(secondPath).toBe(firstPath.replace(/\.md$/, '-2.md'));
    expect(readFileSync(firstPath, 'utf8')).toContain("Nota dell'operatore.");
    expect(drafts()).toHaveLength(2);
  });

  it('files the draft under --lang, and notes when the page says another language', async () => {
    const { code, stdout, stderr } = await runCli(importArgs(server.url('/ministero/rinnovo'), '--lang', 'en'));
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/permesso-rinnovo\/en-\d{8}-[0-9a-f]{8}\.md$/);
    expect(stderr).toBe('note: the page says it is in "it", the draft is filed as "en"\n');
  });
});

describe('ponte kb import: pages that cannot become a draft (one line, exit 1, nothing written)', () => {
  const failures: Array<[string, () => Promise<string>, RegExp]> = [
    ['an unreachable address (a closed port)', async () => `http://127.0.0.1:${await closedPort()}/pagina`, /^ponte kb: cannot read http:\/\/127\.0\.0\.1:\d+\/pagina: connection refused \(the site is down or the port is wrong\)\n$/],
    ['a 404', async () => server.url('/non-esiste'), /^ponte kb: cannot read http:\/\/127\.0\.0\.1:\d+\/non-esiste: HTTP 404 Not Found\n$/],
    ['a 500', async () => server.url('/guasto'), /: HTTP 500 Internal Server Error\n$/],
    ['a PDF', async () => server.url('/modulo.pdf'), /\/modulo\.pdf is not an HTML page \(application\/pdf\)/],
    ['a page with no readable text', async () => server.url('/solo-menu'), /\/solo-menu has no readable text/],
  ];
  for (const [what, address, message] of failures) {
    it(what, async () => {
      const { code, stdout, stderr } = await runCli(importArgs(await address()));
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(drafts()).toEqual([]);
    });
  }

  it('a site that does not answer within --timeout', async () => {
    const { code, stderr } = await runCli(importArgs(server.url('/lenta'), '--timeout', '1'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/\/lenta: no complete answer within 1 s\n$/);
    expect(drafts()).toEqual([]);
  });
});

describe('ponte kb import FILE', () => {
  it('reads a saved page; the source address comes from the page (canonical link)', async () => {
    const { code, stdout } = await runCli(importArgs(fixture('ministry-page.html')));
    expect(code).toBe(0);
    const text = readFileSync(resolve(ROOT, stdout.trim()), 'utf8');
    expect(parse(splitFrontMatter(text)!.yaml).source.url).toBe('https://www.ministero-esempio.test/it/temi/immigrazione/rinnovo-permesso');
    expect(text).toContain('Con la ricevuta puoi continuare a lavorare');
  });

  it('a saved page that does not say its address: source.url empty and a note; --url fills it', async () => {
    const saved = join(root.path, 'pagina.html');
    writeFileSync(saved, ministry.replace(/<link rel="canonical"[^>]*>/, ''));
    const bare = await runCli(importArgs(saved));
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('note: the saved page does not say its address: fill in source.url');
    expect(parse(splitFrontMatter(readFileSync(resolve(ROOT, bare.stdout.trim()), 'utf8'))!.yaml).source.url).toBe('');
    // Relative links cannot be resolved: their text stays, the link goes.
    expect(readFileSync(resolve(ROOT, bare.stdout.trim()), 'utf8')).toContain('Leggi anche i diritti di chi ha la ricevuta.');

    const given = await runCli(importArgs(saved, '--url', 'https://www.interno.test/rinnovo'));
    const text = readFileSync(resolve(ROOT, given.stdout.trim()), 'utf8');
    expect(parse(splitFrontMatter(text)!.yaml).source.url).toBe('https://www.interno.test/rinnovo');
    expect(text).toContain('(https://www.interno.test/it/temi/immigrazione/diritti-con-la-ricevuta)');
  });

  it('a missing file, or a file that is not HTML: one line, exit 1, nothing written', async () => {
    const missing = await runCli(importArgs('no-such-page.html'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ponte kb: cannot read no-such-page.html: no such file (give an http(s) address or the path of a saved .html page)\n');
    const notes = join(root.path, 'appunti.txt');
    writeFileSync(notes, 'solo appunti, niente HTML');
    const plain = await runCli(importArgs(notes));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/appunti\.txt is not an HTML page/);
    expect(drafts()).toEqual([]);
  });
});

describe('ponte kb import: bad arguments are usage errors (exit 2) and write nothing', () => {
  const cases: Array<[string, string[], string]> = [
    ['no topic', ['kb', 'import', 'https://x.test/'], 'ponte kb: --topic: which topic?'],
    ['a topic not in knowledge/topics.yaml', ['kb', 'import', 'https://x.test/', '--topic', 'permesso'], 'ponte kb: --topic: unknown topic "permesso" (did you mean permesso-rinnovo,'],
    ['an unknown language', ['kb', 'import', 'https://x.test/', '--topic', 'cittadinanza', '--lang', 'de'], 'ponte kb: --lang: one of it en fr es ar sq zh uk ur bn'],
    ['no page', ['kb', 'import', '--topic', 'cittadinanza'], 'ponte kb: URL|FILE: give the page'],
    ['an empty page argument', ['kb', 'import', '  ', '--topic', 'cittadinanza'], 'ponte kb: URL|FILE: give the page'],
    ['an ftp address', ['kb', 'import', 'ftp://x.test/a.html', '--topic', 'cittadinanza'], 'ponte kb: only http and https addresses can be imported'],
    ['two pages', ['kb', 'import', 'a.html', 'b.html', '--topic', 'cittadinanza'], 'ponte kb: one page at a time'],
    ['a timeout of zero', ['kb', 'import', 'a.html', '--topic', 'cittadinanza', '--timeout', '0'], 'ponte kb: --timeout: at least 1 second'],
    ['an unknown subcommand', ['kb', 'export'], 'ponte kb: unknown subcommand "export"'],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const { code, stderr } = await runCli([...args, '--root', root.path]);
      expect(code).toBe(2);
      expect(stderr.startsWith(message)).toBe(true);
      expect(stderr).toContain('usage:\n  ponte kb import URL|FILE --topic ID');
      expect(drafts()).toEqual([]);
    });
  }
});

describe('ponte kb import: the topics it checks against', () => {
  it('no knowledge/topics.yaml under --root: usage error; a broken one: file:line, exit 1', async () => {
    const empty = tempDir();
    try {
      const missing = await runCli(['kb', 'import', 'a.html', '--topic', 'cittadinanza', '--root', empty.path]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no knowledge/topics.yaml in');
      writeFileSync(join(root.path, 'knowledge', 'topics.yaml'), 'topics:\n  - id: cittadinanza\n    it: [unclosed\n');
      const broken = await runCli(importArgs(fixture('ministry-page.html')));
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/^ponte kb: knowledge\/topics\.yaml:\d+: invalid YAML/);
      expect(drafts()).toEqual([]);
    } finally {
      empty.remove();
    }
  });
});

