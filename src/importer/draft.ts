import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { LANGUAGES, type Lang } from '../engine/types.js';
import { PonteError } from '../errors.js';

/**
 * A draft is an imported page waiting for an operator: `knowledge/drafts/<topic>/<lang>-<yyyymmdd>-<hash>.md`.
 * Ponte never serves drafts (the knowledge loader reads knowledge/topics/ only); an operator copies what is
 * right into the answer and deletes the draft.
 */

export interface Draft {
  topic: string;
  lang: Lang;
  title: string;
  source: { url: string; title: string };
  /** YYYY-MM-DD. */
  retrieved: string;
  /** sha256 of the page's readable text, 12 hex digits. */
  contentHash: string;
  markdown: string;
}

export const DRAFTS_DIR = join('knowledge', 'drafts');
const SAFE_ID = /^[a-z][a-z0-9-]*$/;

export function renderDraft(draft: Draft): string {
  const frontMatter = stringify(
    {
      topic: draft.topic,
      lang: draft.lang,
      title: draft.title,
      source: { url: draft.source.url, title: draft.source.title },
      retrieved: draft.retrieved,
      content_hash: draft.contentHash,
      reviewed: false,
    },
    { lineWidth: 0 },
  );
  const note = `# DRAFT, never shown to users. Copy what is right into knowledge/topics/${draft.topic}/${draft.lang}.md, then delete this file.`;
  return `---\n${note}\n${frontMatter}---\n${draft.markdown.trim()}\n`;
}

/**
 * Writes the draft and returns its path relative to `rootDir`. Never overwrites a file (a second import of the
 * same page on the same day gets "-2", "-3"...) and never writes outside knowledge/drafts/.
 */
export function writeDraft(rootDir: string, draft: Draft): string {
  if (!SAFE_ID.test(draft.topic)) throw new PonteError(`"${draft.topic}" is not a topic id`);
  if (!(LANGUAGES as readonly string[]).includes(draft.lang)) throw new PonteError(`"${draft.lang}" is not a language of Ponte`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.retrieved) || !/^[0-9a-f]{12}$/.test(draft.contentHash)) {
    throw new PonteError('a draft needs a YYYY-MM-DD date and a 12-hex content hash');
  }
  const draftsDir = join(rootDir, DRAFTS_DIR);
  const topicDir = join(draftsDir, draft.topic);
  mkdirSync(topicDir, { recursive: true });
  // A symbolic link must not carry the draft somewhere else.
  const realDrafts = realpathSync(draftsDir);
  if (!realpathSync(topicDir).startsWith(realDrafts + sep)) throw new PonteError(`${relative(rootDir, topicDir)} leads outside ${DRAFTS_DIR}: refusing to write`);
  const base = `${draft.lang}-${draft.retrieved.replaceAll('-', '')}-${draft.contentHash.slice(0, 8)}`;
  const text = renderDraft(draft);
  for (let n = 1; n < 1000; n++) {
    const file = join(topicDir, n === 1 ? `${base}.md` : `${base}-${n}.md`);
    try {
      // "wx": fails if the file exists, so two imports at once cannot overwrite each other either.
      writeFileSync(file, text, { flag: 'wx' });
      return relative(rootDir, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new PonteError(`too many drafts named ${base} in ${relative(rootDir, topicDir)}: delete the old ones`);
}
