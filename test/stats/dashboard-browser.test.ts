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
  dashboard = await startDashboard({ store, port: 0, token: TOKEN });
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

/** Opens the dashboard with the token and waits until the figures are on the page. */
async function openDashboard(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport });
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
  const response = await page.goto(`${dashboard.url}?token=${TOKEN}`);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).search).toBe(''); // the token left the address bar
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Figures from'));
  return { page, problems };
}

const rowsOf = (page: Page, id: string) =>
  page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent?.trim() ?? '')));

describe('the dashboard in Chromium', () => {
  it('shows the expected figures, hidden groups as <5 and x, and draws the charts', async () => {
    const { page, problems } = await openDashboard({ width: 1280, height: 900 });
    expect(await page.textContent('#totals [data-measure="people"] dd')).toBe('34');
    expect(await page.textContent('#totals [data-measure="answers"] dd')).toBe('28');
    expect(await page.textContent('#totals [data-measure="helpful_rate"] dd')).toBe('80%');
    expect(await rowsOf(page, 'table-language')).toEqual([
      ['it', '20', '20', '20', '3'],
      ['ar', 'x', 'x', 'x', 'x'],
      ['en', '<5', '<5', '<5', '<5'],
    ]);
    expect(await page.$$eval('#table-language tfoot tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)))).toEqual([['Total', '34', '34', '28', '9']]);
    expect(await page.getAttribute('#table-language tbody tr:nth-child(3) td abbr', 'title')).toBe('fewer than 5 people: hidden');
    expect(await rowsOf(page, 'table-month')).toEqual([
      ['2025-01', '21', '21'],
      ['2025-02', '13', '13'],
    ]);
    expect(await rowsOf(page, 'table-missing')).toEqual([[QUESTION, '<5', '2025-02-10']]);
    expect(await page.$$('#table-missing img')).toHaveLength(0); // people's words are text, never markup

    const charts = await page.evaluate(() => {
      const ChartJs = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: Array<{ data: number[] }> } } | undefined } }).Chart;
      return ['language', 'topic', 'month', 'answers'].map((id) => {
        const chart = ChartJs.getChart(document.getElementById(`chart-${id}`) as HTMLCanvasElement);
        return chart ? { labels: chart.data.labels, data: chart.data.datasets.map((d) => d.data) } : null;
      });
    });
    expect(charts).toEqual([
      { labels: ['it'], data: [[20]] },
      { labels: ['permesso'], data: [[20]] },
      { labels: ['2025-01', '2025-02'], data: [[21, 13]] },
      { labels: ['2025-01', '2025-02'], data: [[15, 13], [6, 3]] },
    ]);
    expect(await page.getAttribute('#chart-language', 'aria-label')).toMatch(/^People: it 20\./);

    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
    expect(statSync(join(OUTPUT, 'dashboard.png')).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('changes the period and the CSV link with it', async () => {
    const { page } = await openDashboard({ width: 1280, height: 900 });
    await page.fill('#from', '2025-02-01');
    await page.fill('#to', '2025-02-28');
    await page.click('#period button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Figures from 2025-02-01 to 2025-02-28.');
    expect(await page.textContent('#totals [data-measure="people"] dd')).toBe('13');
    expect(await rowsOf(page, 'table-language')).toEqual([
      ['it', '8', '8', '8', '3'],
      ['ar', '5', '5', '5', '0'],
    ]);
    const href = await page.getAttribute('#csv-link', 'href');
    expect(href).toBe('/export.csv?from=2025-02-01&to=2025-02-28&by=month%2Clanguage');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv.split('\r\n')[1]).toBe('2025-02,ar,5,5,5,0,0,0,');
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
    expect(await page.$$eval('h2', (h) => h.map((x) => x.textContent))).toContain('Top missing topics');
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
      return ['h1', 'header p', 'legend', 'label', 'button', '#status', 'th', 'td', 'figcaption', 'a.button', '#notes li', '.totals dt']
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

  it('refuses a browser without the token with the 401 page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(dashboard.url);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('h1')).toBe('Access refused (401)');
    expect(await page.$('#totals')).toBeNull();
    await page.screenshot({ path: join(OUTPUT, 'dashboard-401.png') });
    await context.close();
  });
});
