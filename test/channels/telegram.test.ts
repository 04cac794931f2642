import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplyKeyboardMarkup } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionKey } from '../../src/engine/pseudonym.js';
import { startTelegram } from '../../src/channels/telegram/telegram.js';
import { LANGUAGES, type Lang } from '../../src/engine/types.js';
import { loadContent } from '../../src/app/content.js';
import { contentCopy } from '../support/content.js';
import { ROOT, testEngine } from '../support/engine.js';
import { FakeKnowledge } from '../support/fakes.js';
import {
  BLOCKED,
  blockedUpdate,
  callbackUpdate,
  FakeTelegram,
  FLOOD_WAIT_1S,
  GROUP,
  locationUpdate,
  mediaUpdate,
  PERSON,
  SERVER_ERROR,
  textUpdate,
  type ApiCall,
} from '../support/fake-telegram.js';
import { buttonsOf, readable, telegramHarness, type TelegramHarness } from '../support/telegram.js';

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const messages = (calls: ApiCall[]) => calls.filter((c) => c.method === 'sendMessage');
const textsOf = (calls: ApiCall[]) => messages(calls).map((c) => readable(String(c.payload.text)));
const PERSON_ID = String(PERSON.id);

/** Presses the button labelled `label` on the last message that had it. */
async function press(harness: TelegramHarness, label: string) {
  const call = harness.fake.callsOf('sendMessage').filter((c) => buttonsOf(c).some((b) => b.text === label)).at(-1);
  if (!call) throw new Error(`no button "${label}"`);
  const button = buttonsOf(call).find((b) => b.text === label)!;
  return harness.send(callbackUpdate(button.callback_data!, (call.result as { message_id: number }).message_id));
}

describe('Telegram channel: a conversation over real grammY and HTTP', () => {
  it('/start: the welcome in HTML, then the language keyboard with short callback data', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    const sent = messages(h.take());
    expect(sent).toHaveLength(2);
    expect(sent[0]!.payload).toMatchObject({ chat_id: PERSON.id, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(String(sent[0]!.payload.text)).toMatch(/^Ciao! Sono <b>Ponte<\/b>, l'assistente/);
    expect(sent[0]!.payload.reply_markup).toBeUndefined();
    expect(sent[1]!.payload.text).toBe('In che lingua vuoi parlare? Scegli una lingua.');
    const buttons = buttonsOf(sent[1]!);
    // The phone speaks Italian: Italian first, then the others; short labels two to a row.
    expect(buttons.map((b) => b.text)).toEqual(['Italiano', 'English', 'Français', 'Español', 'العربية', 'Shqip', '中文', 'Українська', 'اردو', 'বাংলা']);
    expect((sent[1]!.payload.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.map((row) => row.length)).toEqual([2, 2, 2, 2, 2]);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data!)).toBeLessThan(64);
  });

  it('choosing a language: the callback query is answered first, then the menu comes in that language', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    h.take();
    const update = await press(h, 'English');
    const calls = h.take();
    expect(calls[0]).toMatchObject({ method: 'answerCallbackQuery', payload: { callback_query_id: update.callback_query!.id } });
    expect(textsOf(calls).join('\n')).toContain('How can I help you?');
    expect(buttonsOf(messages(calls).at(-1)!).map((b) => b.text)).toContain('Help desk near me');
  });

  it('a question: the answer in its parts, with the feedback buttons on the last message', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    await press(h, 'Italiano');
    h.take();
    await h.send(textUpdate('come rinnovo il permesso?'));
    const sent = messages(h.take());
    expect(textsOf(sent)).toEqual([
      'ANSWER permesso-rinnovo it part 1',
      expect.stringContaining('ANSWER permesso-rinnovo it part 2'),
      'Questa risposta ti è stata utile?',
    ]);
    expect(buttonsOf(sent[2]!).map((b) => b.text)).toEqual(['Sì, grazie', 'No', 'Chi mi può aiutare?', 'Menu principale']);
    expect(sent[0]!.payload.reply_markup).toBeUndefined();
  });

  it('a place: a one-time "share my location" button, the location, results (keyboard removed), then a venue', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    await press(h, 'Italiano');
    h.take();
    await press(h, 'Sportello vicino a me');
    const ask = messages(h.take()).at(-1)!;
    expect(readable(String(ask.payload.text))).toContain('Dove ti trovi?');
    const keyboard = ask.payload.reply_markup as ReplyKeyboardMarkup;
    expect(keyboard).toEqual({ keyboard: [[{ text: '📍 Invia la mia posizione', request_location: true }]], one_time_keyboard: true, resize_keyboard: true });

    await h.send(locationUpdate(45.95, 10.3));
    const results = messages(h.take());
    // The first paragraph takes the location keyboard away; the cards carry the buttons.
    expect(results[0]!.payload.reply_markup).toEqual({ remove_keyboard: true });
    expect(textsOf(results).join('\n')).toContain('Sportello stranieri ASP Valcamonica');
    const buttons = buttonsOf(results.at(-1)!).map((b) => b.text);
    expect(buttons).toEqual(['Mappa: Sportello stranieri ASP Valcamonica', 'Menu principale']);

    await press(h, 'Mappa: Sportello stranieri ASP Valcamonica');
    const venue = h.take().filter((c) => c.method === 'sendVenue');
    // The directory has no street address: Telegram requires one, so the name stands in.
    expect(venue.map((c) => c.payload)).toEqual([
      { chat_id: PERSON.id, latitude: 45.957, longitude: 10.306, title: 'Sportello stranieri ASP Valcamonica', address: 'Sportello stranieri ASP Valcamonica' },
    ]);
    // The location keyboard was removed once: nothing carries it again.
    expect(h.fake.calls.filter((c) => JSON.stringify(c.payload.reply_markup ?? '').includes('remove_keyboard'))).toHaveLength(1);
  });

  it('a button from an old message: answered, and the engine says so with the current choices', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    const languages = messages(h.take()).at(-1)!;
    await press(h, 'Italiano');
    h.take();
    // The language keyboard again, long after: its ids belong to an older serial.
    const stale = await h.send(callbackUpdate(buttonsOf(languages)[1]!.callback_data!, (languages.result as { message_id: number }).message_id));
    const calls = h.take();
    expect(calls[0]).toMatchObject({ method: 'answerCallbackQuery', payload: { callback_query_id: stale.callback_query!.id } });
    const reply = messages(calls);
    expect(textsOf(reply)).toEqual(['Questo pulsante è di un messaggio vecchio. Ecco le scelte di adesso:']);
    expect(buttonsOf(reply[0]!).map((b) => b.text)).toContain('Sportello vicino a me');
  });

  it('deep links: /start ar speaks Arabic at once, untouched right to left; /start s-bergamo1 remembers the poster', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start ar'));
    const arabic = textsOf(h.take());
    expect(arabic[0]).toMatch(/^حسنًا! يمكنك أن تكتب لي سؤالك/);
    // No direction marks added, nothing reordered.
    expect(arabic.join('')).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/);

    const other = { ...PERSON, id: 5151 };
    await h.send(textUpdate('/start s-bergamo1', other));
    expect(textsOf(h.take())).toContain('In che lingua vuoi parlare? Scegli una lingua.');
    const session = h.t.sessions.get(sessionKey('test-secret-test-secret-test-secret-42', 'telegram', '5151'));
    expect(session?.slots.origin).toBe('bergamo1');
  });

  it('commands: /menu, /lang, /help, /privacy, /forget reach the engine; /start@bot works; unknown ones get the engine reply', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start@ponte_test_bot'));
    await press(h, 'Italiano');
    h.take();
    await h.send(textUpdate('/menu'));
    expect(textsOf(h.take())).toEqual(['Come posso aiutarti?']);
    await h.send(textUpdate('/lang'));
    expect(textsOf(h.take())).toEqual(['In che lingua vuoi parlare? Scegli una lingua.']);
    await h.send(textUpdate('/help'));
    expect(textsOf(h.take())[0]).toContain('/forget cancella i tuoi dati');
    await h.send(textUpdate('/privacy'));
    expect(textsOf(h.take())[0]).toContain('Ponte non chiede il tuo nome');
    await h.send(textUpdate('/foo'));
    expect(textsOf(h.take())[0]).toMatch(/^Non conosco il comando \/foo\./);
    await h.send(textUpdate('/forget'));
    expect(textsOf(h.take())).toEqual(['Fatto: ho cancellato tutto quello che sapevo di te. Se mi riscrivi, ricominciamo da capo.']);
  });

  it('unsupported media of every kind: the engine\'s kind reply, with the kind in the statistics', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    await press(h, 'Italiano');
    h.take();
    const kinds = ['voice', 'audio', 'photo', 'video', 'video_note', 'animation', 'sticker', 'document', 'contact', 'poll'];
    for (const kind of kinds) {
      await h.send(mediaUpdate(kind));
      expect(textsOf(h.take())[0], kind).toMatch(/^Non posso leggere messaggi vocali/);
    }
    expect(h.t.events.filter((e) => e.name === 'unsupported_media').map((e) => e.detail)).toEqual([
      'voice', 'audio', 'photo', 'video', 'video', 'other', 'sticker', 'document', 'contact', 'poll',
    ]);
  });

  it('a service message (a pinned message) gets no answer', async () => {
    h = await telegramHarness();
    const pinned = textUpdate('x');
    const message = pinned.message as unknown as Record<string, unknown>;
    delete message.text;
    message.pinned_message = { message_id: 1, date: 0, chat: { id: PERSON.id, type: 'private' } };
    await h.send(pinned);
    expect(h.take().filter((c) => c.method.startsWith('send'))).toEqual([]);
  });

  it('updates of one chat are handled in order, even when they arrive together', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    await press(h, 'Italiano');
    h.take();
    const last = textUpdate('/privacy');
    h.fake.push(textUpdate('/help'));
    h.fake.push(textUpdate('/menu'));
    await h.send(last);
    const texts = textsOf(h.take());
    expect(texts.map((t) => t.slice(0, 20))).toEqual(['Scrivi una domanda c', 'Come posso aiutarti?', 'Ponte non chiede il ']);
  });
});

describe('Telegram channel: formatting', () => {
  class WordyKnowledge extends FakeKnowledge {
    constructor(private readonly parts: string[]) {
      super();
    }
    override answer(topic: string, lang: Lang) {
      const answer = super.answer(topic, lang);
      return answer && { ...answer, messages: this.parts };
    }
  }

  async function askWith(parts: string[], throttle = false) {
    h = await telegramHarness({ t: testEngine({ knowledge: new WordyKnowledge(parts) }), telegram: { throttle } });
    await h.send(textUpdate('/start'));
    await press(h, 'Italiano');
    h.take();
    await h.send(textUpdate('come rinnovo il permesso?'));
    return messages(h.take());
  }

  it('escapes every dynamic value: "<b>&" stays text, **bold** becomes <b>', async () => {
    const sent = await askWith(['Porta <b>& il modulo <script>', '**Importante**: gratis']);
    expect(sent[0]!.payload.text).toBe('Porta &lt;b&gt;&amp; il modulo &lt;script&gt;');
    expect(String(sent[1]!.payload.text)).toMatch(/^<b>Importante<\/b>: gratis/);
  });

  it('splits a 9,000-character answer under 4,096 characters at line boundaries, in order (throttled, as in production)', async () => {
    const lines = Array.from({ length: 95 }, (_, i) => `Riga ${String(i).padStart(2, '0')}: ${'parole '.repeat(13)}`.trim());
    const long = lines.join('\n');
    expect(long.length).toBeGreaterThan(9000);
    const sent = await askWith([long], true);
    const parts = sent.slice(0, -1).map((c) => String(c.payload.text));
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    // Every part ends at a line end: nothing lost, nothing cut in half.
    expect(parts.join('\n').startsWith(long)).toBe(true);
    expect(parts.every((p) => p.endsWith('parole') || p.includes('Aggiornato'))).toBe(true);
    expect(readable(String(sent.at(-1)!.payload.text))).toBe('Questa risposta ti è stata utile?');
  });
});

describe('Telegram channel: robustness', () => {
  it('a 429 flood wait is retried after retry_after and the message arrives (throttled, as in production)', async () => {
    h = await telegramHarness({ telegram: { throttle: true } });
    h.fake.fail('sendMessage', FLOOD_WAIT_1S, 1);
    await h.send(textUpdate('/help'));
    const sent = messages(h.take());
    expect(sent).toHaveLength(2);
    expect(sent[1]!.payload.text).toBe(sent[0]!.payload.text);
    // A lower bound, not a timing: the retry cannot come before retry_after.
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(950);
    expect(h.logs.filter((l) => l.startsWith('ERROR') || l.startsWith('WARN'))).toEqual([]);
  });

  it('a server error (500) and a dropped connection are retried with backoff until the message arrives', async () => {
    h = await telegramHarness();
    h.fake.fail('sendMessage', SERVER_ERROR, 1);
    await h.send(textUpdate('/help'));
    h.fake.fail('sendMessage', 'drop', 1);
    await h.send(textUpdate('/privacy'));
    const sent = messages(h.take()).map((c) => readable(String(c.payload.text)).slice(0, 20));
    expect(sent).toEqual(['Scrivi una domanda c', 'Scrivi una domanda c', 'Ponte non chiede il ', 'Ponte non chiede il ']);
    expect(h.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });

  it('a 403 (blocked): recorded in the session, not retried, nothing more sent until the person writes again', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    h.take();
    h.fake.fail('sendMessage', BLOCKED, 1);
    // /start answers with two messages: the first is refused, the second is never tried.
    await h.send(textUpdate('/start'));
    expect(messages(h.take())).toHaveLength(1);
    expect(h.t.engine.isUnreachable('telegram', PERSON_ID)).toBe(true);
    expect(h.logs.join('\n')).toContain('blocked the bot');

    await h.send(textUpdate('/menu'));
    expect(messages(h.take())).toHaveLength(1);
    expect(h.t.engine.isUnreachable('telegram', PERSON_ID)).toBe(false);
  });

  it('Telegram\'s notice that the person blocked the bot marks them at once', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start'));
    await h.send(blockedUpdate());
    expect(h.t.engine.isUnreachable('telegram', PERSON_ID)).toBe(true);
  });

  it('one failing update is logged without its content and never stops the bot', async () => {
    h = await telegramHarness({
      telegram: {
        coordinatorIds: [PERSON_ID],
        stats: () => {
          throw new Error('statistics database is locked');
        },
      },
    });
    await h.send(textUpdate('/stats'));
    expect(h.logs.join('\n')).toMatch(/ERROR Telegram: update \d+ failed: Error: statistics database is locked/);
    await h.send(textUpdate('/help'));
    expect(textsOf(h.take())[0]).toContain('Scrivi una domanda con parole tue');
  });

  it('a refused message (400) loses that message only: the next ones still go', async () => {
    h = await telegramHarness();
    h.fake.fail('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities" }, 1);
    await h.send(textUpdate('/start'));
    expect(messages(h.take())).toHaveLength(2);
    expect(h.logs.join('\n')).toContain("WARN Telegram refused sendMessage (400: Bad Request: can't parse entities)");
  });
});

describe('Telegram channel: private chats only', () => {
  it('in a group the bot answers once with the private-chat link and the engine never hears of it', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('/start', PERSON, GROUP));
    await h.send(textUpdate('come rinnovo il permesso?', PERSON, GROUP));
    const sent = messages(h.take());
    expect(sent.map((c) => c.payload)).toEqual([
      { chat_id: GROUP.id, parse_mode: 'HTML', text: 'Parlo solo in chat privata. Apri una chat privata con me: https://t.me/ponte_test_bot' },
    ]);
    expect(h.t.events).toEqual([]);
    expect(h.t.engine.isUnreachable('telegram', PERSON_ID)).toBe(false);
  });

  it('the link text follows the app language of whoever wrote', async () => {
    h = await telegramHarness();
    await h.send(textUpdate('hello', { ...PERSON, language_code: 'en-GB' }, GROUP));
    expect(textsOf(h.take())).toEqual(['I only talk in private chats. Open a private chat with me: https://t.me/ponte_test_bot']);
  });
});

describe('Telegram channel: coordinators', () => {
  it('/stats from a coordinator: the summary, escaped; until statistics exist, a clear "not available yet"', async () => {
    let summary: string | undefined;
    const asked: Date[] = [];
    h = await telegramHarness({
      telegram: {
        coordinatorIds: ['1', PERSON_ID],
        stats: (now) => {
          asked.push(now);
          return summary;
        },
      },
    });
    await h.send(textUpdate('/stats'));
    expect(textsOf(h.take())).toEqual(["Le statistiche d'uso non sono ancora disponibili."]);
    summary = 'Conversazioni: 12 (<10 in BG) & risposte: 30';
    await h.send(textUpdate('/stats'));
    expect(messages(h.take())[0]!.payload.text).toBe('Conversazioni: 12 (&lt;10 in BG) &amp; risposte: 30');
    expect(asked).toHaveLength(2);
    expect(asked[0]).toBeInstanceOf(Date);
  });

  it('/stats from anyone else is an unknown command', async () => {
    h = await telegramHarness({ telegram: { coordinatorIds: ['1'], stats: () => 'secret figures' } });
    await h.send(textUpdate('/stats'));
    const texts = textsOf(h.take());
    expect(texts[0]).toMatch(/^Non conosco il comando \/stats\./);
    expect(texts.join('')).not.toContain('secret figures');
  });
});

describe('Telegram channel: start', () => {
  it('registers the command menu in every language, from locales/<lang>/telegram.json', async () => {
    h = await telegramHarness();
    const calls = h.fake.callsOf('setMyCommands');
    expect(calls.map((c) => c.payload.language_code)).toEqual([undefined, ...LANGUAGES]);
    for (const call of calls) {
      const lang = (call.payload.language_code as string | undefined) ?? 'it';
      const file = JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'telegram.json'), 'utf8')) as { commands: Record<string, string> };
      expect(call.payload.scope).toEqual({ type: 'all_private_chats' });
      expect(call.payload.commands).toEqual(['start', 'menu', 'lang', 'help', 'privacy', 'forget'].map((command) => ({ command, description: file.commands[command] })));
    }
    // Long polling: the webhook is cleared first, then updates are fetched.
    expect(h.fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(h.channel.mode).toBe('polling');
  });

  it('`ponte check` validates telegram.json like every locale file', () => {
    const copy = contentCopy();
    try {
      const file = JSON.parse(readFileSync(join(copy.root, 'locales/ar/telegram.json'), 'utf8')) as { commands: Record<string, string> };
      delete file.commands.forget;
      copy.write('locales/ar/telegram.json', JSON.stringify(file, null, 2));
      const problems = loadContent(copy.root).problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}: ${p.message}`);
      expect(problems).toEqual(['locales/ar/telegram.json:2: missing translation for "commands.forget"']);
    } finally {
      copy.remove();
    }
  });

  it('a wrong token is one clear error at start', async () => {
    const fake = await FakeTelegram.start();
    const t = testEngine();
    try {
      await expect(
        startTelegram({ token: '999:WRONG-token-wrong-token-wrong', apiRoot: fake.apiRoot, engine: t.engine, translator: { t: (_l, k) => k, has: () => true } }),
      ).rejects.toThrow(/TELEGRAM_BOT_TOKEN was refused by Telegram \(401 Unauthorized\)/);
    } finally {
      await fake.close();
      t.close();
    }
  });
});
