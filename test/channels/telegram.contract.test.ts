import { describe, expect, it } from 'vitest';
import { callbackUpdate, locationUpdate, mediaUpdate, textUpdate } from '../support/fake-telegram.js';
import { buttonsOf, readable, telegramHarness } from '../support/telegram.js';
import { channelContract, type ChannelDriver, type Delivered } from './contract.js';

/** Telegram: updates pushed to the fake Bot API, the bot's calls read back; options are inline buttons. */
async function telegramDriver(): Promise<ChannelDriver> {
  const h = await telegramHarness();
  const send = async (text: string) => void (await h.send(textUpdate(text)));
  return {
    text: send,
    command: (name, arg) => send(`/${name}${arg ? ` ${arg}` : ''}`),
    location: async (lat, lon) => void (await h.send(locationUpdate(lat, lon))),
    media: async (kind) => void (await h.send(mediaUpdate(kind))),
    async choose(n) {
      const withButtons = h.fake.callsOf('sendMessage').filter((c) => buttonsOf(c).length > 0).at(-1);
      if (!withButtons) throw new Error('no message with buttons to choose from');
      const button = buttonsOf(withButtons)[n - 1];
      if (!button?.callback_data) throw new Error(`no button ${n}`);
      const messageId = (withButtons.result as { message_id: number }).message_id;
      await h.send(callbackUpdate(button.callback_data, messageId));
    },
    async take() {
      return h.take().flatMap((call): Delivered[] => {
        if (call.method === 'sendMessage') return [{ kind: 'text', text: readable(String(call.payload.text)), options: buttonsOf(call).map((b) => b.text) }];
        if (call.method === 'sendVenue') return [{ kind: 'venue', title: String(call.payload.title), lat: Number(call.payload.latitude), lon: Number(call.payload.longitude) }];
        return [];
      });
    },
    close: () => h.close(),
  };
}

channelContract('telegram', telegramDriver);

describe('Telegram renders options its own way', () => {
  it('as inline buttons whose callback data fits in 64 bytes', async () => {
    const h = await telegramHarness();
    try {
      await h.send(textUpdate('/start'));
      const call = h.fake.callsOf('sendMessage').find((c) => buttonsOf(c).length > 0);
      const buttons = call ? buttonsOf(call) : [];
      expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Italiano', 'العربية', 'বাংলা']));
      for (const b of buttons) expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(64);
    } finally {
      await h.close();
    }
  });
});
