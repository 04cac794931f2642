/**
 * Engine text as Telegram HTML. The engine writes plain text with `**bold**` spans and "- " list lines;
 * everything else is the person's content and is escaped. Right-to-left text is passed through untouched:
 * Telegram's clients apply the Unicode bidirectional algorithm per paragraph, and reordering or adding
 * direction marks here would only break copy and paste.
 */

/** Telegram's limit for one message, in UTF-16 code units after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/** Escapes the three characters Telegram's HTML parse mode reserves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders one chunk: `**bold**` as <b>, "- " at a line start as a bullet, every other character escaped. */
export function toTelegramHtml(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/\*\*(?=\S)(.+?)\*\*/gs)) {
    html += escapeHtml(text.slice(last, match.index)) + `<b>${escapeHtml(match[1]!)}</b>`;
    last = match.index + match[0].length;
  }
  html += escapeHtml(text.slice(last));
  return html.replace(/^- /gm, '• ');
}

/**
 * Splits a text into chunks of at most `limit` characters, at the last paragraph break that keeps a chunk at
 * least half full, else the last line break, else the last space, else anywhere (never inside a surrogate
 * pair). The chunks' visible length after rendering is never larger: `**` markers only disappear.
 */
export function splitText(text: string, limit = MESSAGE_LIMIT): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest) chunks.push(rest);
  return chunks;
}

function cutPoint(text: string, limit: number): number {
  const half = Math.floor(limit / 2);
  for (const separator of ['\n\n', '\n', ' ']) {
    // A separator starting at `limit` still leaves `limit` characters before it: it is dropped at the cut.
    const at = text.lastIndexOf(separator, limit);
    if (at >= half) return at + separator.length;
  }
  // One unbroken run of characters: cut at the limit, but keep surrogate pairs (emoji, rare CJK) whole.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
