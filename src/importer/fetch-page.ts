import { NotHtml, PageUnavailable } from './errors.js';

/**
 * Reads one web page over http(s) the way an operator's browser would, but with limits: a timeout for the
 * whole exchange (body included), at most a few redirects, a size cap, and only HTML accepted.
 */

export interface FetchOptions {
  /** Whole request, body included (default 20 s). */
  timeoutMs?: number;
  /** Larger pages are refused (default 5 MB): an official page is far smaller. */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

export interface FetchedPage {
  /** The address the page was finally read from, after redirects. */
  url: string;
  html: string;
}

export const USER_AGENT = 'Ponte-kb-import';
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;

/** True for an absolute http or https address. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function fetchPage(address: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!isHttpUrl(address)) throw new PageUnavailable(address, 'only http and https addresses can be fetched');
  const signal = AbortSignal.timeout(timeoutMs);
  let url = address;
  try {
    // Redirects are followed by hand so that each hop is checked (http/https only) and counted.
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'User-Agent': USER_AGENT, Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw new PageUnavailable(address, `more than ${maxRedirects} redirects`);
        const next = new URL(response.headers.get('location')!, url).href;
        if (!isHttpUrl(next)) throw new PageUnavailable(address, `redirected to ${next}, which is not an http(s) address`);
        url = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const where = url === address ? '' : ` (at ${url})`;
        throw new PageUnavailable(address, `HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}${where}`);
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType && !isHtmlType(contentType)) {
        await response.body?.cancel();
        throw new NotHtml(address, contentType.split(';')[0]!.trim());
      }
      const bytes = await readAtMost(response, maxBytes, address);
      if (!contentType && !looksLikeHtml(bytes)) throw new NotHtml(address, 'no content type, and the text does not look like HTML');
      return { url, html: decodeHtml(bytes, contentType) };
    }
  } catch (error) {
    if (error instanceof PageUnavailable || error instanceof NotHtml) throw error;
    throw new PageUnavailable(address, describeNetworkError(error, timeoutMs));
  }
}

function isHtmlType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'text/html' || type === 'application/xhtml+xml';
}

async function readAtMost(response: Response, maxBytes: number, address: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new PageUnavailable(address, `the page is larger than ${formatBytes(maxBytes)}`);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PageUnavailable(address, `the page is larger than ${formatBytes(maxBytes)}`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

/** For a page whose server gave no content type: HTML starts with a doctype or a tag. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<!--') || /^<(head|body|meta|title)\b/.test(head);
}

/**
 * Bytes to text in the page's own encoding: a byte-order mark, then the HTTP charset, then a <meta> charset,
 * then UTF-8. Older comune sites still serve windows-1252.
 */
export function decodeHtml(bytes: Uint8Array, contentType = ''): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  for (const label of [fromHeader, fromMeta]) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown charset name: try the next clue.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Node's fetch hides the reason in `cause.code`; say it in words. */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no complete answer within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause && typeof cause === 'object' && 'name' in cause && (cause as Error).name === 'TimeoutError') {
    return `no complete answer within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (check the address, or the network)';
    case 'ECONNREFUSED':
      return 'connection refused (the site is down or the port is wrong)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed by the site';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'the site did not answer (connection timed out)';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the site's certificate is not valid (${cause.code})`;
  }
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return message.split('\n')[0]!;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 102.4) / 10} MB` : `${Math.round(n / 102.4) / 10} KB`;
}
