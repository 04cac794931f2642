import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../../src/stats/dashboard/server.js';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore, type StatsStore } from '../../src/stats/store.js';
import { enginePerson, event, knownSet, SECRET, tempDataDir } from './helpers.js';

/** The dashboard in a real headless Chromium (Debian's, driven by playwright-core). */

const ROOT = resolve(import.meta.dirname, '../..');
const OUTPUT = join(ROOT, 'test-output');
const TOKEN = 'browser-test-token-0123456789abcdef';
const QUESTION = '<img src=x onerror=alert(document.title)> corso di italiano serale';

const data = tempDataDir();
let store: StatsStore;
let dashboard: Dashboard;
let browser: Browser;

beforeAll(async () => {
  store = openStatsStore(data.dir, { clock: () => Date.UTC(2025, 1, 20) });
  const sink = createStatsSink(store, { secret: SECRET, collectUnanswered: true });
  for (const e of knownSet()) sink(e);
  for (const who of ['it-1', 'it-2', 'it-3']) sink(event('abstained', Date.UTC(2025, 1, 10), enginePerson('telegram', who), { question: QUESTION }));
  dashboard = await startDashboard({ store, port: 0, token: TOKEN, topicNames: new Map([['permesso', 'Permesso di soggiorno: rinnovo, primo rilascio, conversione']]) });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(OUTPUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  store?.close();
  data.remove();
});

/**
 * Opens the dashboard with the token (and `?lang=` when given) in a browser set to that language, and waits
 * until the figures are on the page.
 */
async function openDashboard(viewport: { width: number; height: number }, lang?: 'it' | 'en'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, locale: lang === 'en' ? 'en-GB' : 'it-IT' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const response = await page.goto(`${dashboard.url}?${lang ? `lang=${lang}&` : ''}token=${TOKEN}`);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).search).toBe(lang ? `?lang=${lang}` : ''); // the token left the address bar
  await page.waitForSelector('#status[data-state="ready"]');
  return { page, problems };
}

const rowsOf = (page: Page, id: string) =>
  page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent?.trim() ?? '')));
const headersOf = (page: Page, id: string) => page.$$eval(`#${id} thead th`, (ths) => ths.map((th) => th.textContent));
const footOf = (page: Page, id: string) => page.$$eval(`#${id} tfoot tr`, (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));

/** The labels and data of the four charts, as Chart.js holds them. */
const chartsOf = (page: Page) =>
  page.evaluate(() => {
    const ChartJs = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> } } | undefined } }).Chart;
    return ['language', 'topic', 'month', 'answers'].map((id) => {
      const chart = ChartJs.getChart(document.getElementById(`chart-${id}`) as HTMLCanvasElement);
      return chart ? { labels: chart.data.labels, series: chart.data.datasets.map((d) => d.label), data: chart.data.datasets.map((d) => d.data) } : null;
    });
  });

describe('the dashboard in Chromium', () => {
  it('is in Italian by default: the expected figures, hidden groups as <5 and x, Italian dates and names, the charts', async () => {
    const { page, problems } = await openDashboard({ width: 1280, height: 900 });
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    expect(await page.title()).toBe("Ponte: statistiche d'uso");
    expect(await page.textContent('h1')).toBe("Ponte: statistiche d'uso");
    expect(await page.textContent('#status')).toBe('Dati dal 15/01/2025 al 14/02/2025.');
    expect(await page.textContent('#totals [data-measure="people"] dt')).toBe('Persone raggiunte');
    expect(await page.$$eval('#totals dt', (dts) => dts.map((dt) => dt.textContent))).toEqual([
      'Persone raggiunte',
      'Conversazioni',
      'Risposte date',
      'Domande senza risposta',
      'Servizi più vicini mostrati',
      'Richieste di mediatore',
      'Utile secondo chi ha risposto',
    ]);
    expect(await page.textContent('#totals [data-measure="people"] dd')).toBe('34');
    expect(await page.textContent('#totals [data-measure="answers"] dd')).toBe('28');
    expect(await page.textContent('#totals [data-measure="helpful_rate"] dd')).toBe('80%');
    expect(await headersOf(page, 'table-language')).toEqual(['Lingua', 'Persone raggiunte', 'Conversazioni', 'Risposte date', 'Domande senza risposta']);
    expect(await rowsOf(page, 'table-language')).toEqual([
      ['italiano', '20', '20', '20', '3'],
      ['arabo', 'x', 'x', 'x', 'x'],
      ['inglese', '<5', '<5', '<5', '<5'],
    ]);
    expect(await footOf(page, 'table-language')).toEqual([['Totale', '34', '34', '28', '9']]);
    expect(await page.getAttribute('#table-language tbody tr:nth-child(3) td abbr', 'title')).toBe('meno di 5 persone: dato nascosto');
    expect(await page.getAttribute('#table-language tbody tr:nth-child(2) td abbr', 'title')).toMatch(/^nascosto perché/);
    expect(await headersOf(page, 'table-topic')).toEqual(['Argomento', 'Persone raggiunte', 'Risposte date']);
    // A topic id comes with its description from the catalogue, when it has one.
    const permesso = page.locator('#table-topic tbody tr', { hasText: 'permesso' }).locator('th');
    expect(await permesso.locator('.description').textContent()).toBe('Permesso di soggiorno: rinnovo, primo rilascio, conversione');
    expect(await permesso.locator('.description').getAttribute('lang')).toBe('it');
    expect(await page.$$('#table-topic tbody tr .description')).toHaveLength(1);
    expect(await rowsOf(page, 'table-month')).toEqual([
      ['gennaio 2025', '21', '21'],
      ['febbraio 2025', '13', '13'],
    ]);
    expect(await headersOf(page, 'table-missing')).toEqual(['Domanda (dati personali rimossi)', 'Persone', 'Ultima richiesta']);
    expect(await rowsOf(page, 'table-missing')).toEqual([[QUESTION, '<5', '10/02/2025']]);
    expect(await page.$$('#table-missing img')).toHaveLength(0); // people's words are text, never markup
    const notes = await page.$$eval('#notes li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(notes[0]).toMatch(/^Persone raggiunte: persone distinte in ciascun mese di calendario/);
    expect(notes).toContain('<5: dietro questa riga ci sono meno di 5 persone, quindi i suoi dati non sono mostrati.');

    expect(await chartsOf(page)).toEqual([
      { labels: ['italiano'], series: ['Persone'], data: [[20]] },
      { labels: ['permesso'], series: ['Persone'], data: [[20]] },
      { labels: ['gen 2025', 'feb 2025'], series: ['Persone'], data: [[21, 13]] },
      { labels: ['gen 2025', 'feb 2025'], series: ['Risposte date', 'Domande senza risposta'], data: [[15, 13], [6, 3]] },
    ]);
    expect(await page.getAttribute('#chart-language', 'aria-label')).toBe(
      'Persone: italiano 20. I gruppi nascosti non sono disegnati; la tabella qui sotto elenca tutti i gruppi.',
    );

    // The switch leads to the same period in English.
    expect(await page.textContent('#lang-switch')).toBe('English');
    expect(await page.getAttribute('#lang-switch', 'href')).toBe('/?from=2025-01-15&to=2025-02-14&lang=en');
    expect(await page.getAttribute('#csv-link', 'href')).toBe('/export.csv?from=2025-01-15&to=2025-02-14&by=month%2Clanguage&lang=it');
    // What is left in English on the Italian page: nothing a reader sees.
    const visible = await page.evaluate(() => document.body.innerText);
    expect(visible).not.toMatch(/\b(People|Answers|Total|Download|Loading|Period|From|Show|without an answer)\b/);

    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
    expect(statSync(join(OUTPUT, 'dashboard.png')).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('is in English with ?lang=en: the same figures, English words, ISO dates, and a way back to Italian', async () => {
    const { page, problems } = await openDashboard({ width: 1280, height: 900 }, 'en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Ponte: usage statistics');
    expect(await page.textContent('#status')).toBe('Figures from 2025-01-15 to 2025-02-14.');
    expect(await page.textContent('#totals [data-measure="people"] dt')).toBe('People');
    expect(await page.textContent('#totals [data-measure="people"] dd')).toBe('34');
    expect(await rowsOf(page, 'table-language')).toEqual([
      ['Italian', '20', '20', '20', '3'],
      ['Arabic', 'x', 'x', 'x', 'x'],
      ['English', '<5', '<5', '<5', '<5'],
    ]);
    expect(await footOf(page, 'table-language')).toEqual([['Total', '34', '34', '28', '9']]);
    expect(await page.getAttribute('#table-language tbody tr:nth-child(3) td abbr', 'title')).toBe('fewer than 5 people: hidden');
    expect(await rowsOf(page, 'table-month')).toEqual([
      ['January 2025', '21', '21'],
      ['February 2025', '13', '13'],
    ]);
    expect(await rowsOf(page, 'table-missing')).toEqual([[QUESTION, '<5', '2025-02-10']]);
    expect((await chartsOf(page))[3]).toEqual({ labels: ['Jan 2025', 'Feb 2025'], series: ['Answers', 'Without an answer'], data: [[15, 13], [6, 3]] });
    expect(await page.getAttribute('#chart-language', 'aria-label')).toMatch(/^People: Italian 20\./);
    expect(await page.textContent('#lang-switch')).toBe('Italiano');
    expect(await page.getAttribute('#lang-switch', 'lang')).toBe('it');

    // A new period keeps English in the address; the CSV follows the page's language.
    await page.fill('#from', '2025-02-01');
    await page.fill('#to', '2025-02-28');
    await page.click('#period button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Figures from 2025-02-01 to 2025-02-28.');
    expect(new URL(page.url()).search).toBe('?from=2025-02-01&to=2025-02-28&lang=en');
    const href = await page.getAttribute('#csv-link', 'href');
    expect(href).toBe('/export.csv?from=2025-02-01&to=2025-02-28&by=month%2Clanguage&lang=en');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['month,language,people,conversations,answers,abstentions,routes,mediator_requests,helpful_rate', '2025-02,ar,5,5,5,0,0,0,']);
    await page.screenshot({ path: join(OUTPUT, 'dashboard-en.png'), fullPage: true });

    // Back to Italian, same period.
    await page.click('#lang-switch');
    await page.waitForSelector('#status[data-state="ready"]');
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    expect(await page.textContent('#status')).toBe('Dati dal 01/02/2025 al 28/02/2025.');
    expect(await page.textContent('#totals [data-measure="people"] dd')).toBe('13');
    expect(problems).toEqual([]);
  });

  it('changes the period and the CSV link with it', async () => {
    const { page } = await openDashboard({ width: 1280, height: 900 });
    await page.fill('#from', '2025-02-01');
    await page.fill('#to', '2025-02-28');
    await page.click('#period button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Dati dal 01/02/2025 al 28/02/2025.');
    expect(new URL(page.url()).search).toBe('?from=2025-02-01&to=2025-02-28'); // Italian is the default: no lang=
    expect(await page.textContent('#totals [data-measure="people"] dd')).toBe('13');
    expect(await rowsOf(page, 'table-language')).toEqual([
      ['italiano', '8', '8', '8', '3'],
      ['arabo', '5', '5', '5', '0'],
    ]);
    const href = await page.getAttribute('#csv-link', 'href');
    expect(href).toBe('/export.csv?from=2025-02-01&to=2025-02-28&by=month%2Clanguage&lang=it');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'mese,lingua,persone,conversazioni,risposte,senza_risposta,servizi_mostrati,richieste_mediatore,quota_utile',
      '2025-02,ar,5,5,5,0,0,0,',
    ]);
  });

  it('is usable on a phone: no sideways scrolling, labelled controls, readable contrast', async () => {
    const { page, problems } = await openDashboard({ width: 390, height: 844 });
    const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    const unlabelled = await page.$$eval('input:not([type="hidden"]), select, textarea', (els) =>
      els.filter((el) => (el as HTMLInputElement).labels?.length === 0).map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.$$eval('h1', (h) => h.length)).toBe(1);
    expect(await page.$$eval('h2', (h) => h.map((x) => x.textContent))).toContain('Domande senza risposta più frequenti');
    const ratios = await page.evaluate(() => {
      const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) =>
        [r, g, b].map((v) => ((v ?? 0) / 255 <= 0.03928 ? (v ?? 0) / 255 / 12.92 : (((v ?? 0) / 255 + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] !== 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      return ['h1', 'header p', '#lang-switch', 'legend', 'label', 'button', '#status', 'th', 'td', 'figcaption', 'a.button', '#notes li', '.totals dt']
        .map((selector) => {
          const el = document.querySelector(selector);
          if (!el) return { selector, ratio: 0 };
          const fg = luminance(rgb(getComputedStyle(el).color));
          const bg = luminance(background(el));
          return { selector, ratio: Math.round(((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)) * 10) / 10 };
        })
        .filter((r) => r.ratio < 4.5);
    });
    expect(ratios).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'dashboard-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('refuses a browser without the token with the 401 page, in Italian or in English', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(dashboard.url);
    expect(response?.status()).toBe(401);
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    expect(await page.textContent('h1')).toBe('Accesso negato (401)');
    expect(await page.$('#totals')).toBeNull();
    await page.screenshot({ path: join(OUTPUT, 'dashboard-401.png') });
    await page.click('text=English');
    expect(await page.textContent('h1')).toBe('Access refused (401)');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });
});
