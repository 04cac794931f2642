import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotHtml, PageUnavailable } from '../../src/importer/errors.js';
import { fetchPage } from '../../src/importer/fetch-page.js';
import { html, startServer } from './support.js';

const PAGE = '<!doctype html><html><head><title>P</title></head><body><p>Testo</p></body></html>';
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    '/page': html(PAGE),
    '/to-ftp': (_req, res) => res.writeHead(302, { Location: 'ftp://files.test/a.html' }).end(),
    '/loop': (_req, res) => res.writeHead(302, { Location: '/loop' }).end(),
    '/hop1': (_req, res) => res.writeHead(307, { Location: '/hop2' }).end(),
    '/hop2': (_req, res) => res.writeHead(308, { Location: '/page' }).end(),
    '/big-declared': html('x'.repeat(4000)),
    '/big-streamed': (_req, res) => {
      // Chunked, no Content-Length: the cap must hold while reading.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      for (let i = 0; i < 10; i++) res.write('<p>' + 'y'.repeat(1000) + '</p>');
      res.end();
    },
    '/untyped-html': (_req, res) => res.end(PAGE),
    '/untyped-text': (_req, res) => res.end('just some words, no markup'),
    '/json': html('{"a":1}', 200, 'application/json'),
    '/xhtml': html(PAGE, 200, 'application/xhtml+xml'),
    '/stalls': (_req, res) => {
      // Headers and half a page, then nothing: the timeout covers the body too.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<html><body><p>Inizio');
    },
  });
});
afterAll(() => server.close());

describe('fetchPage', () => {
  it('reads a page, sends the Ponte-kb-import User-Agent, and follows redirects to the final address', async () => {
    const page = await fetchPage(server.url('/hop1'));
    expect(page.url).toBe(server.url('/page'));
    expect(page.html).toBe(PAGE);
    expect(server.requests.at(-1)!.headers['user-agent']).toBe('Ponte-kb-import');
    expect((await fetchPage(server.url('/xhtml'))).html).toBe(PAGE);
  });

  it('refuses a redirect to something other than http(s), and endless redirects', async () => {
    await expect(fetchPage(server.url('/to-ftp'))).rejects.toThrow(/redirected to ftp:\/\/files\.test\/a\.html, which is not an http\(s\) address/);
    await expect(fetchPage(server.url('/loop'), { maxRedirects: 3 })).rejects.toThrow(/more than 3 redirects/);
  });

  it('refuses a page larger than the cap, whether announced or streamed', async () => {
    await expect(fetchPage(server.url('/big-declared'), { maxBytes: 1000 })).rejects.toThrow(PageUnavailable);
    await expect(fetchPage(server.url('/big-streamed'), { maxBytes: 5000 })).rejects.toThrow(/larger than 4\.9 KB/);
    expect((await fetchPage(server.url('/big-streamed'))).html.length).toBe(10 * 1007);
  });

  it('accepts HTML without a content type, refuses other content', async () => {
    expect((await fetchPage(server.url('/untyped-html'))).html).toBe(PAGE);
    await expect(fetchPage(server.url('/untyped-text'))).rejects.toThrow(NotHtml);
    await expect(fetchPage(server.url('/json'))).rejects.toThrow(/is not an HTML page \(application\/json\)/);
  });

  it('gives up on a page whose body stops coming, within the timeout', async () => {
    await expect(fetchPage(server.url('/stalls'), { timeoutMs: 300 })).rejects.toThrow(/\/stalls: no complete answer within 0\.3 s$/);
  });

  it('refuses anything but http and https before connecting', async () => {
    for (const address of ['file:///etc/passwd', 'ftp://x.test/', 'javascript:alert(1)', 'not an address', '']) {
      await expect(fetchPage(address)).rejects.toThrow(/only http and https addresses can be fetched/);
    }
  });
});
