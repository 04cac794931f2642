import wweb from 'whatsapp-web.js';
import { describe, expect, it, vi } from 'vitest';
import { WhatsAppChannel } from '../../src/channels/whatsapp/whatsapp.js';
import { testEngine } from '../support/engine.js';
import { FakeWhatsApp, recordingLogger } from '../support/fake-whatsapp.js';
import { channelContract, type ChannelDriver, type Delivered } from './contract.js';

const PERSON = '393331234567@c.us';
const { MessageTypes } = wweb;
const MEDIA = { voice: MessageTypes.VOICE, photo: MessageTypes.IMAGE, sticker: MessageTypes.STICKER, document: MessageTypes.DOCUMENT } as const;

/**
 * WhatsApp through the stand-in client: the person types text (options are chosen by typing their number),
 * shares locations and sends media; the bot's messages are read back as the person sees them (WhatsApp's
 * *bold* markers are formatting, not text). Replies are paced by the real send queue on vitest's fake clock.
 */
async function whatsappDriver(): Promise<ChannelDriver> {
  vi.useFakeTimers();
  const t = testEngine();
  const client = new FakeWhatsApp();
  const channel = new WhatsAppChannel({ client, engine: t.engine, logger: recordingLogger(), showQr: () => {}, sessionDir: 'unused' });
  channel.start();
  let read = 0;
  return {
    async text(text) {
      client.text(PERSON, text);
    },
    async command(name, arg) {
      client.text(PERSON, `/${name}${arg ? ` ${arg}` : ''}`);
    },
    async location(lat, lon) {
      client.location(PERSON, lat, lon);
    },
    async media(kind) {
      client.emit('message', client.message(PERSON, { type: MEDIA[kind] }));
    },
    async choose(n) {
      client.text(PERSON, String(n));
    },
    async take() {
      await vi.runAllTimersAsync();
      const fresh = client.sent.slice(read);
      read = client.sent.length;
      return fresh.map(({ content }): Delivered => {
        if (content instanceof wweb.Location) return { kind: 'venue', title: content.name ?? '', lat: Number(content.latitude), lon: Number(content.longitude) };
        if (typeof content !== 'string') throw new Error(`unexpected message content ${content.constructor.name}`);
        const visible = content.replace(/\*(\S(?:.*?\S)?)\*/g, '$1');
        const options = [...visible.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]!);
        return { kind: 'text', text: visible, options };
      });
    },
    async close() {
      const stopped = channel.stop();
      await vi.runAllTimersAsync();
      await stopped;
      t.close();
      vi.useRealTimers();
    },
  };
}

channelContract('whatsapp', whatsappDriver);

describe('WhatsApp renders options its own way', () => {
  it('as numbered lines in the text, which a number typed back chooses', async () => {
    const person = await whatsappDriver();
    try {
      await person.command('start');
      const [first] = (await person.take()).filter((d) => d.kind === 'text' && d.options.length > 0);
      expect(first?.kind === 'text' && first.text).toMatch(/^1\. Italiano$/m);
      await person.choose(5);
      const after = await person.take();
      expect(after.some((d) => d.kind === 'text' && /[\u0600-\u06ff]/.test(d.text))).toBe(true);
    } finally {
      await person.close();
    }
  });
});
