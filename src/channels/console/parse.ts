import { COMMANDS, MEDIA_KINDS, type Command, type Incoming, type MediaKind } from '../../engine/types.js';

/**
 * A typed line as the engine's input. Besides text and commands, the terminal simulates what phones send:
 * `/location 45.46 9.19` shares a location, `/photo`, `/voice`, `/sticker`... send unsupported media.
 */
export function parseLine(line: string): Incoming {
  const text = line.replace(/\r$/, '');
  const match = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/i.exec(text.trim());
  if (!match) return { kind: 'text', text };
  const name = match[1]!.toLowerCase();
  const arg = match[2]?.trim();
  if (name === 'location') {
    const numbers = (arg ?? '').split(/[\s,;]+/).filter(Boolean).map(Number);
    if (numbers.length === 2 && numbers.every(Number.isFinite)) return { kind: 'location', lat: numbers[0]!, lon: numbers[1]! };
    return { kind: 'unknown-command', name: 'location (use: /location 45.46 9.19)' };
  }
  if ((COMMANDS as readonly string[]).includes(name)) return { kind: 'command', command: name as Command, ...(arg ? { arg } : {}) };
  if ((MEDIA_KINDS as readonly string[]).includes(name)) return { kind: 'unsupported', media: name as MediaKind };
  return { kind: 'unknown-command', name };
}
