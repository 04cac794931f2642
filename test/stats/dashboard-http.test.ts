import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { startDashboard, type Dashboard } from '../../src/stats/dashboard/server.js';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore, type StatsStore } from '../../src/stats/store.js';
import { enginePerson, event, knownSet, SECRET, tempDataDir } from './helpers.js';

const TOKEN = 'dashboard-token-for-tests-0123456789';
const data = tempDataDir();
let store: StatsStore;
let dashboard: Dashboard;

beforeAll(async () => {
  const now = Date.UTC(2025, 1, 20);
  store = openStatsStore(data.dir, { clock: () => now });
  const sink = createStatsSink(store, { secret: SECRET, collectUnanswered: true });
  for (const e of knownSet()) sink(e);
  // Three of February's Italian speakers ask the same thing: the people counts stay those of the known set.
  for (const who of ['it-1', 'it-2', 'it-3']) sink(event('abstained', Date.UTC(2025, 1, 10), enginePerson('telegram', who), { question: '<img src=x onerror=alert(document.title)> corso di italiano Milano' }));
  dashboard = await startDashboard({ store, port: 0, token: TOKEN });
});
afterAll(async () => {
  await dashboard.close();
  store.close();
  data.remove();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, dashboard.url), { headers, redirect: 'manual' });

describe('dashboard access', () => {
  it('answers 401 without the token: an HTML page for people, JSON for the API', async () => {
    const page = await get('/');
    expect(page.status).toBe(401);
    expect(page.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const italian = await page.text();
    expect(italian).toContain('<html lang="it">');
    expect(italian).toContain('<h1>Accesso negato (401)</h1>');
    const english = await get('/?lang=en');
    expect(english.status).toBe(401);
    expect(await english.text()).toContain('<h1>Access refused (401)</h1>');
    const api = await get('/api/overview');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'the dashboard token is missing or wrong' });
    expect((await get('/export.csv')).status).toBe(401);
    expect((await get('/', { authorization: 'Bearer wrong-token' })).status).toBe(401);
    expect((await get('/?token=wrong-token')).status).toBe(401);
  });

  it('accepts the token as a Bearer header', async () => {
    const response = await get('/api/summary?by=language', { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { rows: Array<{ key: { language: string }; figures: { people: number | null } }> };
    expect(summary.rows.find((r) => r.key.language === 'it')?.figures.people).toBe(20);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const response = await get(`/?from=2025-01-01&token=${TOKEN}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?from=2025-01-01');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const page = await get('/', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain("<h1>Ponte: statistiche d'uso</h1>");
    expect(html).toContain('<label for="from">Dal</label>');
  });
});

describe('dashboard languages', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const html = async (path: string) => {
    const response = await get(path, auth);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The texts the page script reads from the page's JSON data block. */
  const scriptTexts = (page: string) => {
    const match = /<script type="application\/json" id="page-texts">(.*?)<\/script>/s.exec(page);
    return JSON.parse(match?.[1] ?? 'null') as { lang: string; measures: Record<string, string>; languages: Record<string, string> };
  };

  it('serves the page in Italian by default, with a link to English', async () => {
    const page = await html('/');
    expect(page).toContain('<html lang="it">');
    expect(page).toContain("<title>Ponte: statistiche d'uso</title>");
    expect(page).toContain('<legend>Periodo</legend>');
    expect(page).toContain('<button type="submit">Mostra</button>');
    expect(page).toContain('Scarica CSV</a>');
    expect(page).toContain('<label class="check"><input type="checkbox" name="by" value="district"> Ambito</label>');
    expect(page).toMatch(/<a id="lang-switch" href="\/\?lang=en" hreflang="en" lang="en">English<\/a>/);
    expect(page).not.toMatch(/usage statistics|Download CSV|>From</);
    const texts = scriptTexts(page);
    expect(texts.lang).toBe('it');
    expect(texts.measures.people).toBe('Persone raggiunte');
    expect(texts.languages.ar).toBe('arabo');
  });

  it('serves it in English with ?lang=en, with a link back to Italian', async () => {
    const page = await html('/?lang=en');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Ponte: usage statistics</h1>');
    expect(page).toContain('<label for="to">To</label>');
    expect(page).toMatch(/<a id="lang-switch" href="\/\?lang=it" hreflang="it" lang="it">Italiano<\/a>/);
    expect(scriptTexts(page).measures.people).toBe('People');
  });

  it('falls back to Italian for a language it does not have, and keeps script texts inert', async () => {
    expect(await html('/?lang=de')).toContain('<html lang="it">');
    expect(await html('/?lang=%3Cscript%3E')).toContain('<html lang="it">');
    // No "<" inside the data block, so nothing in it can close the element.
    const block = /id="page-texts">(.*?)<\/script>/s.exec(await html('/'))?.[1] ?? '';
    expect(block).not.toContain('<');
    expect(block).toContain('\\u003c5');
  });

  it('writes the overview notes and totals in the language asked for, with the same figures', async () => {
    type Overview = { totals: { label: string; cells: Record<string, { display: string }> }; notes: string[]; byLanguage: { rows: Array<{ label: string }>; total: { label: string } } };
    const italian = (await (await get('/api/overview', auth)).json()) as Overview;
    const english = (await (await get('/api/overview?lang=en', auth)).json()) as Overview;
    expect(italian.totals.label).toBe('Totale');
    expect(english.totals.label).toBe('Total');
    expect(italian.byLanguage.total.label).toBe('Totale');
    expect(italian.notes[0]).toMatch(/^Persone raggiunte: persone distinte in ciascun mese/);
    expect(italian.notes).toContain('<5: dietro questa riga ci sono meno di 5 persone, quindi i suoi dati non sono mostrati.');
    expect(english.notes[0]).toMatch(/^people: distinct people within each calendar month/);
    expect(italian.totals.cells).toEqual(english.totals.cells);
    expect(italian.byLanguage.rows.map((r) => r.label)).toEqual(english.byLanguage.rows.map((r) => r.label));
  });

  it('names topics with their description when it has a catalogue, and leaves the others as ids', async () => {
    const named = await startDashboard({ store, port: 0, token: TOKEN, topicNames: new Map([['casa', 'Casa e affitto, contratto, idoneità alloggiativa']]) });
    try {
      const response = await fetch(new URL('/api/overview?lang=en', named.url), { headers: auth });
      const overview = (await response.json()) as { byTopic: { rows: Array<{ label: string; description?: string }> } };
      expect(overview.byTopic.rows.find((r) => r.label === 'casa')?.description).toBe('Casa e affitto, contratto, idoneità alloggiativa');
      expect(overview.byTopic.rows.filter((r) => r.description !== undefined)).toHaveLength(1);
    } finally {
      await named.close();
    }
    const plain = (await (await get('/api/overview', auth)).json()) as { byTopic: { rows: Array<{ description?: string }> } };
    expect(plain.byTopic.rows.every((r) => r.description === undefined)).toBe(true);
  });

  it('answers 400 to a language the API does not have', async () => {
    const bad = await get('/api/overview?lang=de', auth);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('lang must be one of it, en');
    expect((await get('/export.csv?lang=fr', auth)).status).toBe(400);
  });

  it('serves chart.js from node_modules to everyone, and nothing else without the token', async () => {
    const chart = await get('/assets/chart.umd.min.js');
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/javascript/);
    expect(await chart.text()).toMatch(/Chart/);
    expect((await get('/assets/../api/overview')).status).toBe(401);
    expect((await get('/nothing-here', { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });

  it('accepts only GET and HEAD', async () => {
    const response = await fetch(new URL('/api/overview', dashboard.url), { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(405);
  });
});

describe('dashboard data', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('gives the page suppressed, formatted figures', async () => {
    const response = await get('/api/overview', auth);
    const overview = (await response.json()) as {
      from: string;
      totals: { cells: Record<string, { display: string }> };
      byLanguage: { rows: Array<{ label: string; cells: Record<string, { value: number | null; display: string }> }> };
      unanswered: Array<{ question: string; people: { display: string } }>;
    };
    expect(overview.from).toBe('2025-01-15');
    expect(overview.totals.cells.people?.display).toBe('34');
    expect(overview.byLanguage.rows.map((r) => [r.label, r.cells.people?.display])).toEqual([['it', '20'], ['ar', 'x'], ['en', '<5']]);
    expect(overview.byLanguage.rows.find((r) => r.label === 'en')?.cells.people?.value).toBeNull();
    expect(overview.unanswered).toEqual([{ question: '<img src=x onerror=alert(document.title)> corso di italiano [name]', people: { value: null, display: '<5' }, lastAsked: '2025-02-10' }]);
  });

  it('downloads CSV with an Italian file name and headers, ISO keys and a byte order mark for spreadsheets', async () => {
    const response = await get('/export.csv?from=2025-01&to=2025-02&by=month&by=language', auth);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ponte-statistiche_2025-01-01_2025-02-28_per-mese-lingua.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('mese,lingua,persone,conversazioni,risposte,senza_risposta,servizi_mostrati,richieste_mediatore,quota_utile');
    expect(lines).toContain('2025-01,en,<5,<5,<5,<5,<5,<5,<5');
    expect(lines).toContain('2025-01,it,12,12,12,0,0,0,0.8');
    expect(lines.some((l) => l.includes('# Persone raggiunte: persone distinte in ciascun mese'))).toBe(true);
  });

  it('downloads CSV in English with ?lang=en', async () => {
    const response = await get('/export.csv?from=2025-01&to=2025-02&by=month,language&lang=en', auth);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ponte-stats_2025-01-01_2025-02-28_by-month-language.csv"');
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('month,language,people,conversations,answers,abstentions,routes,mediator_requests,helpful_rate');
    expect(lines).toContain('2025-01,en,<5,<5,<5,<5,<5,<5,<5');
    // Nine abstentions: the known set's six and the three questions asked in February.
    expect(lines).toContain('(all),(all),34,34,28,9,6,3,0.8');
  });

  it('answers 400 to a bad period or field', async () => {
    const bad = await get('/api/summary?by=colour', auth);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/unknown field "colour"/);
    expect((await get('/api/overview?from=yesterday', auth)).status).toBe(400);
  });
});

describe('dashboard freshness', () => {
  it('reuses an answer while it is fresh and recomputes once it is not', async () => {
    const sink = createStatsSink(store, { secret: SECRET });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const people = async (d: Dashboard) => {
      const response = await fetch(new URL('/api/summary?from=2025-03', d.url), { headers: auth });
      const summary = (await response.json()) as { rows: Array<{ figures: { people: number | null } }> };
      return summary.rows[0]?.figures.people ?? 0;
    };
    const fresh = await startDashboard({ store, port: 0, token: TOKEN, cacheMs: 0 });
    const cachedOne = await startDashboard({ store, port: 0, token: TOKEN });
    try {
      expect(await people(fresh)).toBe(0);
      expect(await people(cachedOne)).toBe(0);
      // Five people in March, still queued in the store: the dashboard flushes before it counts.
      for (const who of ['m1', 'm2', 'm3', 'm4', 'm5']) sink(event('conversation_started', Date.UTC(2025, 2, 3), enginePerson('telegram', who)));
      expect(await people(fresh)).toBe(5);
      expect(await people(cachedOne)).toBe(0);
    } finally {
      await fresh.close();
      await cachedOne.close();
    }
  });
});

describe('dashboard binding', () => {
  it('refuses to bind beyond localhost without a token', async () => {
    await expect(startDashboard({ store, port: 0, host: '0.0.0.0' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('without a token, answers only requests addressed to loopback (no DNS rebinding)', async () => {
    const open = await startDashboard({ store, port: 0 });
    try {
      expect((await fetch(new URL('/api/overview', open.url))).status).toBe(200);
      const port = new URL(open.url).port;
      const status = await new Promise<number | undefined>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/overview', headers: { host: `evil.example:${port}` } }, (res) => {
          res.resume();
          done(res.statusCode);
        });
        req.once('error', fail);
        req.end();
      });
      expect(status).toBe(421);
    } finally {
      await open.close();
    }
  });
});
