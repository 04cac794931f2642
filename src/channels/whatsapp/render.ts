import wweb from 'whatsapp-web.js';
import type { MessageContent } from 'whatsapp-web.js';
import type { Reply } from '../../engine/types.js';

/**
 * The engine's replies as WhatsApp messages. WhatsApp Web no longer shows buttons or lists reliably, so
 * options are a numbered list under the text: the person answers with the number or the option's words,
 * which the engine recognises for the options on screen.
 */

/** Long enough for an answer, short enough to read on a phone without scrolling back. */
export const MAX_MESSAGE_LENGTH = 1500;

export function toWhatsApp(reply: Reply, maxLength = MAX_MESSAGE_LENGTH): MessageContent[] {
  switch (reply.kind) {
    case 'text': {
      const options = (reply.options ?? []).map((o, i) => `${i + 1}. ${o.label}`).join('\n');
      const text = options ? `${reply.text}\n\n${options}` : reply.text;
      return splitMessage(formatBold(text), maxLength);
    }
    case 'venue':
      return [new wweb.Location(reply.lat, reply.lon, { name: reply.title, ...(reply.address ? { address: reply.address } : {}) })];
    case 'link':
      return [`${reply.label}\n${reply.url}`];
  }
}

/** The engine's `**bold**` is WhatsApp's `*bold*`. */
export function formatBold(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/gs, '*$1*');
}

/**
 * Splits a text into messages of at most `max` characters: at paragraphs first (so the numbered options stay
 * together), then at lines, then at spaces, and only as a last resort inside a word.
 */
export function splitMessage(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  if (text.length <= max) return [text];
  const messages: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n{2,}/)) {
    for (const piece of paragraph.length > max ? splitParagraph(paragraph, max) : [paragraph]) {
      if (current === '') current = piece;
      else if (current.length + 2 + piece.length <= max) current += `\n\n${piece}`;
      else {
        messages.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}

function splitParagraph(paragraph: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) {
      cut = max;
      // Never cut an emoji or a CJK extension character in two.
      if (/[\ud800-\udbff]/.test(rest[cut - 1]!)) cut -= 1;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}
