import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/channels/console/console.js';
import { testEngine } from '../support/engine.js';
import { channelContract, type ChannelDriver, type Delivered } from './contract.js';

/** The terminal: lines in, printed text out; options are numbered lines, a venue is a 📍 line. */
async function consoleDriver(): Promise<ChannelDriver> {
  const t = testEngine();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += d));
  const done = runConsole(t.engine, { input, output, interactive: false });
  const line = async (text: string) => {
    input.write(`${text}\n`);
    await new Promise((r) => setTimeout(r, 20));
  };
  return {
    text: line,
    command: (name, arg) => line(`/${name}${arg ? ` ${arg}` : ''}`),
    location: (lat, lon) => line(`/location ${lat} ${lon}`),
    media: (kind) => line(`/${kind}`),
    choose: (n) => line(String(n)),
    async take() {
      const blocks = printed.split(/\n(?=> )/).filter((b) => b.trim());
      printed = '';
      return blocks.flatMap((block): Delivered[] => {
        const venue = /^📍 (.+?)(?: — .*)?\n\s+https:\/\/www\.openstreetmap\.org\/\?mlat=([\d.]+)&mlon=([\d.]+)/m.exec(block);
        if (venue) return [{ kind: 'venue', title: venue[1]!, lat: Number(venue[2]), lon: Number(venue[3]) }];
        const options = [...block.matchAll(/^ {2}\d+\. (.+)$/gm)].map((m) => m[1]!);
        return [{ kind: 'text', text: block, options }];
      });
    },
    async close() {
      input.end();
      await done;
      t.close();
    },
  };
}

channelContract('terminal', consoleDriver);

describe('the terminal renders options its own way', () => {
  it('as numbered lines, in a pipe without colour codes', async () => {
    const person = await consoleDriver();
    try {
      await person.command('start');
      const printed = (await person.take()).map((d) => (d.kind === 'text' ? d.text : '')).join('\n');
      expect(printed).toMatch(/^ {2}5\. العربية$/m);
      expect(printed).not.toMatch(/\x1b\[/);
    } finally {
      await person.close();
    }
  });
});
