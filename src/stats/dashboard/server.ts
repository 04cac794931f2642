import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { summaryQuerySchema } from '../fields.js';
import { formatSummary } from '../format.js';
import type { StatsStore } from '../store.js';
import { summarize } from '../summary.js';
import { DEFAULT_STATS_LANG, isStatsLang, STATS_LANGS, statsTexts, type StatsLang } from '../texts.js';
import { topUnanswered } from '../unanswered.js';
import { DashboardAuth, isLoopback } from './auth.js';
import { buildOverview } from './overview.js';
import { dashboardPage, refusedPage } from './page.js';

/**
 * The coordinators' dashboard: a node:http server with one page, its JSON API and a CSV export. It binds to
 * 127.0.0.1 unless told otherwise, and refuses to bind anywhere else without a token.
 */

export interface DashboardOptions {
  store: StatsStore;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Any other than a loopback address needs `token`. */
  host?: string;
  /** DASHBOARD_TOKEN: when set, every request must carry it. */
  token?: string;
  /**
   * How long an answer is reused for the same question (ms). Summaries over a year of events take seconds and
   * coordinators do not need them to the second. Default 30 000; 0 computes every time.
   */
  cacheMs?: number;
  /** Topic id → its Italian description (knowledge/topics.yaml), shown next to the ids. Default none. */
  topicNames?: ReadonlyMap<string, string>;
}

export interface Dashboard {
  /** The address to open, without the token. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_DASHBOARD_PORT = 8787;

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** chart.js hides its UMD build behind `exports`: it is found next to the resolved entry point. */
function chartJsPath(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

interface Asset {
  path: string;
  type: string;
}

const ASSETS: Record<string, Asset> = {
  '/assets/chart.umd.min.js': { path: chartJsPath(), type: 'text/javascript; charset=utf-8' },
  '/assets/dashboard.js': { path: join(here, 'assets', 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  '/assets/dashboard.css': { path: join(here, 'assets', 'dashboard.css'), type: 'text/css; charset=utf-8' },
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Starts the dashboard and resolves once it listens.
 *
 * @example
 * const dashboard = await startDashboard({ store, port: 0, token: 'secret' });
 * console.log(dashboard.url); // http://127.0.0.1:41234/
 * await dashboard.close();
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? '127.0.0.1';
  const auth = new DashboardAuth(options.token);
  if (!isLoopback(host) && !auth.required) {
    throw new ConfigError(`the dashboard serves anonymous but sensitive figures: set DASHBOARD_TOKEN to bind it to ${host}, or keep the default 127.0.0.1`);
  }
  const assets = new Map(Object.entries(ASSETS).map(([route, asset]) => [route, { type: asset.type, body: readFileSync(asset.path) }]));
  let port = 0;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; body: string }>();

  /** The answer for this path and query, from the cache while it is fresh. */
  function cached(key: string, compute: () => string): string {
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < cacheMs) return hit.body;
    options.store.flush();
    const body = compute();
    if (cacheMs > 0) {
      if (cache.size >= 50) cache.clear();
      cache.set(key, { at: now, body });
    }
    return body;
  }

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      send(response, 500, 'application/json; charset=utf-8', JSON.stringify({ error: 'internal error' }));
      // The message may name a file; never a person: figures and questions are not in error messages.
      process.emitWarning(`dashboard: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    // Without a token the page is protected by being on loopback: refuse other Host names (DNS rebinding).
    if (!auth.required && !hostAllowed(request.headers.host, port)) {
      return send(response, 421, 'text/plain; charset=utf-8', 'this dashboard answers only on its loopback address\n');
    }
    const asset = assets.get(url.pathname);
    if (asset) return send(response, 200, asset.type, asset.body, 'public, max-age=300');

    const offered = url.searchParams.get('token');
    if (offered !== null && auth.required) {
      if (!auth.isToken(offered)) return refuse(response, url);
      url.searchParams.delete('token');
      response.setHeader('set-cookie', auth.cookieHeader());
      response.setHeader('location', `${url.pathname}${url.search}`);
      return send(response, 303, 'text/plain; charset=utf-8', 'signed in\n');
    }
    if (auth.check(request) !== 'granted') return refuse(response, url);

    switch (url.pathname) {
      case '/':
        return send(response, 200, 'text/html; charset=utf-8', dashboardPage(pageLang(url)));
      case '/api/overview':
      case '/api/summary':
      case '/api/unanswered': {
        const query = parseQuery(url, response);
        if (!query) return;
        const key = `${url.pathname}|${query.lang}|${query.from ?? ''}|${query.to ?? ''}|${query.by.join(',')}`;
        const body = cached(key, () => {
          if (url.pathname === '/api/overview') return JSON.stringify(buildOverview(options.store, query, { lang: query.lang, topicNames: options.topicNames }));
          if (url.pathname === '/api/summary') return JSON.stringify(summarize(options.store, query));
          return JSON.stringify({ questions: topUnanswered(options.store, query) });
        });
        return send(response, 200, 'application/json; charset=utf-8', body);
      }
      case '/export.csv': {
        const query = parseQuery(url, response);
        if (!query) return;
        // The same key as /api/summary: the CSV is that summary, formatted.
        const key = `/api/summary|${query.lang}|${query.from ?? ''}|${query.to ?? ''}|${query.by.join(',')}`;
        const body = cached(key, () => JSON.stringify(summarize(options.store, query)));
        const summary = JSON.parse(body) as ReturnType<typeof summarize>;
        const { fileName, fields } = statsTexts(query.lang);
        const by = query.by.map((f) => fields[f].column);
        const name = `${fileName.prefix}_${summary.from ?? 'none'}_${summary.to ?? 'none'}${by.length > 0 ? `_${fileName.by}-${by.join('-')}` : ''}.csv`;
        response.setHeader('content-disposition', `attachment; filename="${name}"`);
        // The byte order mark tells spreadsheet programs the file is UTF-8, so accented notes read right.
        return send(response, 200, 'text/csv; charset=utf-8', `\uFEFF${formatSummary(summary, 'csv', query.lang)}`);
      }
      default:
        return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_DASHBOARD_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const apiQuerySchema = summaryQuerySchema.and(
  z.object({ lang: z.enum(STATS_LANGS, { error: `lang must be one of ${STATS_LANGS.join(', ')}` }).default(DEFAULT_STATS_LANG) }),
);

/**
 * `?from=&to=&by=&lang=` (by comma-separated or repeated; lang of the notes and CSV headers, default Italian);
 * a bad value answers 400 and returns undefined.
 */
function parseQuery(url: URL, response: ServerResponse) {
  const by = url.searchParams.getAll('by').join(',');
  const input = {
    from: url.searchParams.get('from') || undefined,
    to: url.searchParams.get('to') || undefined,
    by,
    lang: url.searchParams.get('lang') || undefined,
  };
  const result = apiQuerySchema.safeParse(input);
  if (!result.success) {
    sendJson(response, { error: result.error.issues.map((i) => i.message).join('; ') }, 400);
    return undefined;
  }
  return result.data;
}

/** The language of a page: `?lang=en`, else Italian (an unknown value is no reason to refuse a page). */
function pageLang(url: URL): StatsLang {
  const asked = url.searchParams.get('lang');
  return isStatsLang(asked) ? asked : DEFAULT_STATS_LANG;
}

function hostAllowed(header: string | undefined, port: number): boolean {
  if (!header) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(header.trim());
  if (!match) return false;
  return isLoopback(match[1] ?? '') && (match[2] === undefined || Number(match[2]) === port);
}

function refuse(response: ServerResponse, url: URL): void {
  response.setHeader('www-authenticate', 'Bearer realm="ponte dashboard"');
  if (url.pathname.startsWith('/api/') || url.pathname.endsWith('.csv')) {
    return sendJson(response, { error: 'the dashboard token is missing or wrong' }, 401);
  }
  send(response, 401, 'text/html; charset=utf-8', refusedPage(pageLang(url)));
}

function sendJson(response: ServerResponse, value: unknown, status = 200): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store'): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  response.setHeader('content-type', type);
  response.setHeader('cache-control', cache);
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
