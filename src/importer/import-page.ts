import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isLang, type Lang } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { italianDate } from './date.js';
import { writeDraft, type Draft } from './draft.js';
import { NotHtml, PageUnavailable } from './errors.js';
import { declaredUrlOf, extractPage } from './extract.js';
import { decodeHtml, fetchPage, looksLikeHtml, type FetchOptions } from './fetch-page.js';

/** `ponte kb import`: one official page (an address, or a saved HTML file) into a draft knowledge file. */

export interface ImportRequest {
  /** The repository root: the draft goes to <rootDir>/knowledge/drafts/. */
  rootDir: string;
  /** An http(s) address, or the path of a saved HTML page (relative to `cwd`). */
  input: string;
  cwd: string;
  /** Already checked against knowledge/topics.yaml. */
  topic: string;
  /** The draft's language; by default the page's own (<html lang>) when Ponte speaks it, else Italian. */
  lang?: Lang;
  /** For a saved file: the address it was saved from, when the page does not say it. */
  sourceUrl?: string;
  now?: Date;
  fetch?: FetchOptions;
}

export interface ImportResult {
  /** The draft's path relative to rootDir. */
  path: string;
  draft: Draft;
  /** Things the operator must know or fill in (a page with no address, a language mismatch). */
  notes: string[];
}

export type PageInput = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** An address with a scheme is fetched (http/https only); anything else is a file path. */
export function classifyInput(input: string, cwd: string): PageInput {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(input)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'url', url: input };
  if (scheme === 'file') return { kind: 'file', path: fileURLToPath(input) };
  if (scheme && scheme.length > 1) throw new UsageError(`only http and https addresses can be imported (or a saved HTML file), not "${scheme}:"`);
  return { kind: 'file', path: resolve(cwd, input) };
}

export async function importPage(request: ImportRequest): Promise<ImportResult> {
  const input = classifyInput(request.input, request.cwd);
  const notes: string[] = [];
  let html: string;
  let url: string | undefined;
  if (input.kind === 'url') {
    const page = await fetchPage(input.url, request.fetch);
    html = page.html;
    url = page.url;
  } else {
    html = readSavedPage(input.path, request.input, request.fetch?.maxBytes);
    url = request.sourceUrl ?? declaredUrlOf(html);
    if (!url) notes.push('the saved page does not say its address: fill in source.url (or import again with --url)');
  }
  const source = input.kind === 'url' ? input.url : request.input;
  // Without an address, relative links resolve against the file and are then kept as plain text.
  const page = extractPage(html, url ?? pathToFileURL(input.kind === 'file' ? input.path : '/').href, source);
  const pageLang = page.lang?.split('-')[0];
  const lang: Lang = request.lang ?? (isLang(pageLang) ? pageLang : 'it');
  if (request.lang && pageLang && pageLang !== request.lang) notes.push(`the page says it is in "${page.lang}", the draft is filed as "${request.lang}"`);
  const draft: Draft = {
    topic: request.topic,
    lang,
    title: page.title,
    source: { url: url ?? '', title: page.pageTitle },
    retrieved: italianDate(request.now ?? new Date()),
    contentHash: page.hash,
    markdown: page.markdown,
  };
  return { path: writeDraft(request.rootDir, draft), draft, notes };
}

function readSavedPage(path: string, shown: string, maxBytes = 5 * 1024 * 1024): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new PageUnavailable(shown, 'this is a folder, not a saved page');
    size = stat.size;
  } catch (error) {
    if (error instanceof PageUnavailable) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PageUnavailable(shown, code === 'ENOENT' ? 'no such file (give an http(s) address or the path of a saved .html page)' : String(code ?? error));
  }
  if (size > maxBytes) throw new PageUnavailable(shown, `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  const bytes = readFileSync(path);
  if (!looksLikeHtml(bytes) && !/\.x?html?$/i.test(path)) throw new NotHtml(shown, 'the file does not look like HTML');
  return decodeHtml(bytes);
}
