import type { Reply } from '../../engine/types.js';

/** Replies as terminal text: numbered options, **bold** as ANSI bold on a TTY and plain text in a pipe. */
export function renderReply(reply: Reply, colour: boolean): string {
  switch (reply.kind) {
    case 'text': {
      const body = reply.text.replace(/\*\*(.+?)\*\*/gs, colour ? '\x1b[1m$1\x1b[22m' : '$1');
      const options = (reply.options ?? []).map((o, i) => `  ${i + 1}. ${o.label}`);
      return [body, ...options].join('\n');
    }
    case 'venue': {
      const where = reply.address ? ` — ${reply.address}` : '';
      return `📍 ${reply.title}${where}\n   https://www.openstreetmap.org/?mlat=${reply.lat}&mlon=${reply.lon}#map=17/${reply.lat}/${reply.lon}`;
    }
    case 'link':
      return `🔗 ${reply.label}: ${reply.url}`;
  }
}
