import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_HEADER } from '../../src/channels/telegram/webhook.js';
import { textUpdate } from '../support/fake-telegram.js';
import { readable, telegramHarness, type TelegramHarness } from '../support/telegram.js';

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const URL_PATH = '/tg/hook';
const SECRET = 'right-secret_42';

async function webhookHarness(secret: string | null = SECRET) {
  return telegramHarness({ telegram: { webhook: { url: `https://ponte.example.org${URL_PATH}`, port: 0, host: '127.0.0.1', ...(secret ? { secret } : {}) } } });
}

function post(harness: TelegramHarness, body: string, headers: Record<string, string> = {}, path = URL_PATH, method = 'POST') {
  return fetch(`http://127.0.0.1:${harness.channel.webhookPort}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'POST' ? { body } : {}) });
}

const update = (id: number, text: string): Update => ({ update_id: id, ...textUpdate(text) }) as Update;
const sentTexts = (harness: TelegramHarness) => harness.fake.callsOf('sendMessage').map((c) => readable(String(c.payload.text)));

describe('Telegram webhook mode', () => {
  it('sets the webhook with its secret at start, and never polls', async () => {
    h = await webhookHarness();
    expect(h.channel.mode).toBe('webhook');
    expect(h.fake.callsOf('setWebhook').map((c) => c.payload)).toEqual([
      { url: `https://ponte.example.org${URL_PATH}`, secret_token: SECRET, allowed_updates: ['message', 'callback_query', 'channel_post', 'my_chat_member'], drop_pending_updates: false },
    ]);
    expect(h.fake.callsOf('getUpdates')).toEqual([]);
    expect(h.fake.callsOf('deleteWebhook')).toEqual([]);
  });

  it('with the right secret: 200, and the update is answered', async () => {
    h = await webhookHarness();
    await h.send(textUpdate('/start'));
    expect(sentTexts(h)).toEqual([expect.stringMatching(/^Ciao! Sono Ponte/), 'In che lingua vuoi parlare? Scegli una lingua.']);
  });

  it('without the secret or with a wrong one: 401 and nothing processed', async () => {
    h = await webhookHarness();
    expect((await post(h, JSON.stringify(update(1, '/start')))).status).toBe(401);
    expect((await post(h, JSON.stringify(update(2, '/start')), { [SECRET_HEADER]: 'wrong-secret_42' })).status).toBe(401);
    expect((await post(h, JSON.stringify(update(3, '/start')), { [SECRET_HEADER]: `${SECRET}x` })).status).toBe(401);
    // A later good update is handled: by then, anything the refused ones had started would show.
    await h.send(textUpdate('/help'));
    expect(sentTexts(h)).toHaveLength(1);
    expect(sentTexts(h)[0]).toContain('Scrivi una domanda');
    expect(h.t.events.filter((e) => e.name === 'conversation_started')).toHaveLength(1);
    expect(h.logs.filter((l) => l.includes('without the right secret'))).toHaveLength(3);
  });

  it('refuses what is not an update: wrong path 404, GET 405, bad JSON 400, no update_id 400, over 1 MB 413', async () => {
    h = await webhookHarness();
    const auth = { [SECRET_HEADER]: SECRET };
    expect((await post(h, '{}', auth, '/other')).status).toBe(404);
    expect((await post(h, '', auth, URL_PATH, 'GET')).status).toBe(405);
    expect((await post(h, '{"update_id": 1, ', auth)).status).toBe(400);
    expect((await post(h, '{"message": {}}', auth)).status).toBe(400);
    expect((await post(h, JSON.stringify({ update_id: 9, padding: 'x'.repeat(1_100_000) }), auth)).status).toBe(413);
    expect(h.fake.callsOf('sendMessage')).toEqual([]);
  });

  it('an update Telegram sends twice is handled once', async () => {
    h = await webhookHarness();
    const twice = update(77, '/help');
    const auth = { [SECRET_HEADER]: SECRET };
    expect((await post(h, JSON.stringify(twice), auth)).status).toBe(200);
    expect((await post(h, JSON.stringify(twice), auth)).status).toBe(200);
    await h.send(textUpdate('/privacy'));
    expect(sentTexts(h).filter((t) => t.includes('Scrivi una domanda'))).toHaveLength(1);
  });

  it('with no TELEGRAM_WEBHOOK_SECRET, a random secret is made for the run and given to Telegram', async () => {
    h = await webhookHarness(null);
    const secret = String(h.fake.callsOf('setWebhook')[0]!.payload.secret_token);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await post(h, JSON.stringify(update(5, '/help')))).status).toBe(401);
    await h.send(textUpdate('/help'));
    expect(sentTexts(h)).toHaveLength(1);
  });

  it('stop closes the server', async () => {
    h = await webhookHarness();
    const port = h.channel.webhookPort;
    await h.channel.stop();
    await expect(fetch(`http://127.0.0.1:${port}${URL_PATH}`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
