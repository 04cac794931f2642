import wweb from 'whatsapp-web.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WhatsAppChannel, type WhatsAppChannelOptions } from '../../src/channels/whatsapp/whatsapp.js';
import type { Envelope, Reply } from '../../src/engine/types.js';
import { testEngine, type TestEngine } from '../support/engine.js';
import { FakeWhatsApp, recordingLogger } from '../support/fake-whatsapp.js';

/**
 * The WhatsApp channel over a stand-in client and the real engine (repository flows and locales, test
 * knowledge and directory). Time is vitest's fake clock.
 */

const PERSON = '393331234567@c.us';
const OTHER = '393339876543@c.us';
const { MessageTypes, WAState } = wweb;

let t: TestEngine | undefined;
beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00+01:00') }));
afterEach(() => {
  vi.useRealTimers();
  t?.close();
  t = undefined;
});

function setup(options: Partial<WhatsAppChannelOptions> = {}) {
  t = testEngine();
  const client = new FakeWhatsApp();
  const logger = recordingLogger();
  const qrs: string[] = [];
  const channel = new WhatsAppChannel({ client, engine: t.engine, logger, showQr: (qr) => qrs.push(qr), sessionDir: '/srv/ponte/data/whatsapp', ...options });
  channel.start();
  /** Lets the queued replies leave, and returns what was sent to `chat` since the last call. */
  let seen = 0;
  const replies = async (chat = PERSON) => {
    await vi.runAllTimersAsync();
    const all = client.transcript(chat);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh.join('\n---\n');
  };
  return { client, logger, qrs, channel, replies, engine: t };
}

describe('the WhatsApp channel', () => {
  it('runs a conversation with numbered options, answered by number or by words', async () => {
    const { client, replies } = setup();
    client.text(PERSON, '/start');
    const welcome = await replies();
    expect(welcome).toContain('Ciao! Sono *Ponte*');
    expect(welcome).toContain('\n\n1. Italiano\n2. English');
    expect(welcome).toContain('10. বাংলা');

    client.text(PERSON, 'italiano');
    const menu = await replies();
    expect(menu).toContain('Come posso aiutarti?');
    expect(menu).toContain('3. Sportello vicino a me');

    client.text(PERSON, '3');
    expect(await replies()).not.toContain('Come posso aiutarti?');

    client.location(PERSON, 45.95, 10.3);
    const results = await replies();
    expect(results).toContain('*1. Sportello stranieri ASP Valcamonica*');
    expect(results).toMatch(/\n1\. .*Sportello stranieri ASP Valcamonica/);

    client.text(PERSON, '1');
    expect(await replies()).toBe('LOCATION Sportello stranieri ASP Valcamonica |  | 45.957,10.306');
  });

  it('a question gets the answer in several messages, each reply to the right person', async () => {
    const { client, replies } = setup();
    client.text(PERSON, '/start');
    client.text(OTHER, '/start');
    client.text(PERSON, '1');
    client.text(PERSON, 'come rinnovo il permesso?');
    const answer = await replies();
    expect(answer).toContain('ANSWER permesso-rinnovo it part 1\n---\nANSWER permesso-rinnovo it part 2');
    expect(answer).toContain('Aggiornato il 22 novembre 2026');
    expect(client.transcript(OTHER).join('\n')).not.toContain('ANSWER');
    expect(client.transcript(OTHER).at(-1)).toContain('1. Italiano');
  });

  it('voice notes, photos and stickers get the unsupported-media reply', async () => {
    const { client, replies, engine } = setup();
    for (const type of [MessageTypes.VOICE, MessageTypes.IMAGE, MessageTypes.STICKER]) client.emit('message', client.message(PERSON, { type }));
    const got = await replies();
    expect(got.match(/Non posso leggere messaggi vocali/g)).toHaveLength(3);
    expect(engine.events.filter((e) => e.name === 'unsupported_media').map((e) => e.detail)).toEqual(['voice', 'photo', 'sticker']);
  });

  it('ignores groups, status updates, broadcasts and its own messages', async () => {
    const { client, engine } = setup();
    client.text('120363041234567890@g.us', '/start');
    client.text('status@broadcast', 'ciao');
    client.emit('message', client.message(PERSON, { body: '/start', fromMe: true }));
    client.emit('message', client.message(PERSON, { body: '/start', isStatus: true }));
    client.emit('message', client.message(PERSON, { body: '/start', broadcast: true }));
    client.emit('message', client.message(PERSON, { type: MessageTypes.E2E_NOTIFICATION }));
    await vi.runAllTimersAsync();
    expect(client.sent).toEqual([]);
    expect(engine.events).toEqual([]);
  });

  it('handles a message emitted twice with the same id once', async () => {
    const { client, replies } = setup();
    const msg = client.text(PERSON, '/start');
    client.emit('message', msg);
    client.emit('message', { ...msg });
    const got = await replies();
    expect(got.match(/Ciao! Sono/g)).toHaveLength(1);
    expect(got.match(/1\. Italiano/g)).toHaveLength(1);
  });

  it('a failing send does not stop the next message', async () => {
    const { client, replies, logger } = setup();
    let failures = 1;
    client.failSend = () => failures-- > 0;
    client.text(PERSON, '/start');
    // The welcome failed; the language choice after it still went.
    expect(await replies()).toMatch(/^In che lingua vuoi parlare\?/);
    client.text(PERSON, '1');
    expect(await replies()).toContain('Come posso aiutarti?');
    expect(logger.lines).toContain('warn WhatsApp: a message could not be sent: Evaluation failed: Error: chat not found');
  });

  it('a message that breaks the handling does not stop the next one', async () => {
    const client = new FakeWhatsApp();
    const logger = recordingLogger();
    let calls = 0;
    const engine = {
      handle(envelope: Envelope): Reply[] {
        if (calls++ === 0) throw new Error('boom');
        return [{ kind: 'text', text: `ok ${envelope.channel}`, dir: 'ltr' }];
      },
    };
    const channel = new WhatsAppChannel({ client, engine, logger, showQr: () => {}, sessionDir: 'x' });
    channel.start();
    client.text(PERSON, 'first');
    client.text(PERSON, 'second');
    await vi.runAllTimersAsync();
    expect(client.transcript(PERSON)).toEqual(['ok whatsapp']);
    expect(logger.lines).toContain('error WhatsApp: a message could not be handled: boom');
  });

  it('paces the replies: one per second in a chat, in order', async () => {
    const { client } = setup();
    client.text(PERSON, '/start');
    client.text(PERSON, '1');
    client.text(PERSON, 'come rinnovo il permesso?');
    await vi.runAllTimersAsync();
    const times = client.sent.map((s) => s.at);
    expect(times.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    const texts = client.transcript(PERSON);
    expect(texts[0]).toContain('Ciao! Sono *Ponte*');
    expect(texts.findIndex((x) => x.includes('part 1'))).toBeLessThan(texts.findIndex((x) => x.includes('part 2')));
  });

  it('shows the QR code and says when it is linked, with the session directory', async () => {
    const { client, qrs, logger, channel } = setup();
    client.emit('qr', '2@abc');
    client.emit('qr', '2@def');
    expect(qrs).toEqual(['2@abc', '2@def']);
    expect(logger.lines).toContain("info WhatsApp: not linked. On the sportello's phone open WhatsApp > Settings > Linked devices > Link a device, and scan this code:");
    expect(logger.lines).toContain('info WhatsApp: new QR code (the previous one expired):');
    expect(channel.linked).toBe(false);
    client.emit('authenticated');
    client.emit('ready');
    expect(channel.linked).toBe(true);
    expect(logger.lines).toContain('info WhatsApp: authenticated; the session is saved in /srv/ponte/data/whatsapp');
    expect(logger.lines).toContain('info WhatsApp: linked and ready, answering messages');
    client.emit('auth_failure', 'Unable to log in');
    expect(logger.lines.at(-1)).toBe('error WhatsApp: authentication failed (Unable to log in): if it persists, delete /srv/ponte/data/whatsapp and link the phone again');
  });

  it('reconnects after a disconnection, with a growing pause, reset once linked again', async () => {
    const { client, logger, channel } = setup();
    const t0 = client.initializeCalls[0]!;
    client.emit('ready');
    client.initializeFailures = 2;
    client.emit('disconnected', WAState.CONFLICT);
    expect(channel.linked).toBe(false);
    expect(logger.lines).toContain('warn WhatsApp: disconnected (CONFLICT)');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(client.initializeCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.destroyCalls).toBe(1);
    // Two failed attempts (WhatsApp Web unreachable), then it starts: 5 s, then 10 s, then 20 s.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.initializeCalls.map((at) => at - t0)).toEqual([0, 5_000, 15_000, 35_000]);
    expect(logger.lines.filter((l) => l.includes('reconnecting in'))).toEqual([
      'info WhatsApp: reconnecting in 5 s (attempt 1)',
      'info WhatsApp: reconnecting in 10 s (attempt 2)',
      'info WhatsApp: reconnecting in 20 s (attempt 3)',
    ]);
    expect(logger.lines.filter((l) => l.includes('did not start'))).toHaveLength(2);

    client.emit('ready');
    client.emit('disconnected', 'LOGOUT');
    expect(logger.lines).toContain('warn WhatsApp: logged out (the phone removed this linked device): the session is deleted, a new QR code will follow');
    expect(logger.lines.at(-1)).toBe('info WhatsApp: reconnecting in 5 s (attempt 1)');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.initializeCalls).toHaveLength(5);
  });

  it('one disconnection while a reconnection is pending does not start a second one', async () => {
    const { client } = setup();
    client.emit('disconnected', WAState.TIMEOUT);
    client.emit('disconnected', WAState.UNPAIRED);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.initializeCalls).toHaveLength(2);
  });

  it('retries when WhatsApp Web does not start at all', async () => {
    t = testEngine();
    const client = new FakeWhatsApp();
    client.initializeFailures = 1;
    const logger = recordingLogger();
    new WhatsAppChannel({ client, engine: t.engine, logger, showQr: () => {}, sessionDir: 'x' }).start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.initializeCalls).toHaveLength(2);
    expect(logger.lines).toContain('error WhatsApp: WhatsApp Web did not start: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
  });

  it('stops gracefully: queued replies leave, the browser closes, nothing reconnects or answers afterwards', async () => {
    const { client, channel, logger } = setup();
    client.text(PERSON, '/start');
    client.text(PERSON, '1');
    const stopped = channel.stop();
    await vi.runAllTimersAsync();
    await stopped;
    const sent = client.transcript(PERSON);
    expect(sent.at(-1)).toContain('Come posso aiutarti?');
    expect(client.destroyCalls).toBe(1);
    expect(logger.lines.at(-1)).toBe('info WhatsApp: stopped (2 messages answered)');
    client.emit('disconnected', WAState.CONFLICT);
    client.text(PERSON, '/start');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.initializeCalls).toHaveLength(1);
    expect(client.transcript(PERSON)).toEqual(sent);
  });

  it('a stop that takes too long drops what is still queued, and says how many', async () => {
    const { client, channel, logger } = setup({ drainMs: 500, throttle: { perChatIntervalMs: 1000 } });
    client.text(PERSON, '/start');
    client.text(PERSON, '/help');
    client.text(PERSON, '/privacy');
    const stopped = channel.stop();
    await vi.runAllTimersAsync();
    await stopped;
    expect(client.transcript(PERSON)).toHaveLength(1);
    expect(logger.lines.some((l) => /WhatsApp: \d+ queued messages not sent at shutdown/.test(l))).toBe(true);
  });

  it('never logs a phone number or what a person wrote', async () => {
    const { client, logger, replies } = setup({ logger: recordingLogger() });
    client.text(PERSON, '/start');
    client.text(PERSON, 'mi chiamo Amina, come rinnovo il permesso?');
    client.failSend = () => true;
    client.text(PERSON, '/help');
    await replies();
    const log = logger.lines.join('\n');
    expect(log).not.toMatch(/3933|Amina|permesso/);
  });
});
