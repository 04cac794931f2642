import { createHash } from 'node:crypto';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { removeBoilerplate } from './boilerplate.js';
import { NoReadableText } from './errors.js';
import { toMarkdown } from './markdown.js';

/** What an official page says, without its furniture. */
export interface ExtractedPage {
  /** The article's title as Readability sees it (the <h1> or a cleaned <title>). */
  title: string;
  /** The page's <title> as written, e.g. "Permesso di soggiorno - Polizia di Stato". */
  pageTitle: string;
  /** The main content as Markdown. */
  markdown: string;
  /** The main content as plain text, white space collapsed: what the content hash is computed on. */
  text: string;
  /** sha256 of `text`, first 12 hex digits. Markup, scripts and menus do not change it; the words do. */
  hash: string;
  /** The language the page declares (<html lang>), lower-case, if any. */
  lang?: string;
}

/** Below this many characters of main text a page is a shell (login, scripts only, an error page). */
export const MIN_READABLE_CHARS = 100;

/**
 * Extracts the main text of an HTML page. `baseUrl` resolves relative links (linkedom needs a <base>);
 * `source` names the page in errors. Throws NoReadableText when nothing worth reading is left.
 */
export function extractPage(html: string, baseUrl: string | undefined, source: string): ExtractedPage {
  const document = parseDocument(html);
  const lang = document.documentElement?.getAttribute('lang')?.trim().toLowerCase() || undefined;
  const pageTitle = normaliseSpace(document.querySelector('title')?.textContent ?? '');
  if (baseUrl && document.head) {
    // The page's own <base> wins (it is what a browser uses); ours only fills in when there is none.
    const own = document.querySelector('base[href]')?.getAttribute('href');
    const base = document.createElement('base');
    base.setAttribute('href', own ? safeResolve(own, baseUrl) : baseUrl);
    document.querySelector('base')?.remove();
    document.head.prepend(base);
  }
  removeBoilerplate(document);
  const article = new Readability(document, { charThreshold: 300 }).parse();
  const text = normaliseSpace(article?.textContent ?? '');
  if (!article?.content || text.length < MIN_READABLE_CHARS) throw new NoReadableText(source);
  const markdown = toMarkdown(article.content);
  if (normaliseSpace(markdown).length < MIN_READABLE_CHARS / 2) throw new NoReadableText(source);
  return {
    title: normaliseSpace(article.title ?? '') || pageTitle,
    pageTitle: pageTitle || normaliseSpace(article.title ?? ''),
    markdown,
    text,
    hash: contentHash(text),
    ...(lang ? { lang } : {}),
  };
}

/**
 * linkedom builds a whole document only from a whole page: a fragment ("<p>...", a page with no <html>)
 * is wrapped first, its <title> moved to the <head> where Readability looks for it.
 */
function parseDocument(html: string): Document {
  if (/<html[\s>]/i.test(html.slice(0, 4096))) return parseHTML(html).document;
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html.replace(/<!doctype[^>]*>/i, '')}</body></html>`);
  const title = document.body.querySelector('title');
  if (title) document.head.append(title);
  return document;
}

/** The hash recorded for a source: sha256 of the readable text, 12 hex digits. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

function normaliseSpace(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The address a page says it lives at: canonical link, og:url, or a browser's "saved from" mark. */
export function declaredUrlOf(html: string): string | undefined {
  const document = parseDocument(html);
  const candidates = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    // Chrome and Edge mark a page saved with "Save as" like this.
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096))?.[1],
  ];
  return candidates.map((c) => c?.trim()).find((c): c is string => !!c && /^https?:\/\//i.test(c));
}

function safeResolve(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return base;
  }
}
