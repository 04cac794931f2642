import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { escapeHtml, MESSAGE_LIMIT, splitText, toTelegramHtml } from '../../src/channels/telegram/format.js';
import { parseCommand, toIncoming } from '../../src/channels/telegram/incoming.js';
import { inlineKeyboard } from '../../src/channels/telegram/keyboards.js';
import { renderReplies } from '../../src/channels/telegram/render.js';
import type { Reply } from '../../src/engine/types.js';

const context = { locationLabel: (lang: string | undefined) => (lang === 'ar' ? '📍 أرسل موقعي' : '📍 Invia la mia posizione'), removeLocationKeyboard: false };
const text = (t: string, extra: Partial<Extract<Reply, { kind: 'text' }>> = {}): Reply => ({ kind: 'text', text: t, dir: 'ltr', ...extra });

describe('Telegram HTML', () => {
  it('escapes &, < and > in every text, and only those', () => {
    expect(escapeHtml('<b>&amp; "quoted" \'single\'')).toBe('&lt;b&gt;&amp;amp; "quoted" \'single\'');
    expect(toTelegramHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });

  it('renders **bold** as <b> with its inside escaped, and "- " lines as bullets', () => {
    expect(toTelegramHtml('**112** numero <unico>\n- **1522** donne\n- altro')).toBe('<b>112</b> numero &lt;unico&gt;\n• <b>1522</b> donne\n• altro');
    // Unmatched or empty markers stay as typed.
    expect(toTelegramHtml('2 ** 3 and **')).toBe('2 ** 3 and **');
  });

  it('leaves right-to-left text exactly as it is: no reordering, no direction marks', () => {
    const arabic = 'مرحبًا! أنا **Ponte**، المساعد.\nاتصل بالرقم 112';
    expect(toTelegramHtml(arabic)).toBe('مرحبًا! أنا <b>Ponte</b>، المساعد.\nاتصل بالرقم 112');
    const urdu = 'میں صرف نجی چیٹ میں بات کرتا ہوں۔';
    expect(splitText(urdu)).toEqual([urdu]);
  });
});

describe('splitting long texts', () => {
  it('keeps a text under the limit whole, and an empty one empty', () => {
    expect(splitText('ciao')).toEqual(['ciao']);
    expect(splitText('x'.repeat(MESSAGE_LIMIT))).toEqual(['x'.repeat(MESSAGE_LIMIT)]);
    expect(splitText('   \n\n ')).toEqual([]);
  });

  it('cuts at a paragraph break first, then a line break, then a space', () => {
    expect(splitText('aaaaaa\n\nbbbb\ncc', 10)).toEqual(['aaaaaa', 'bbbb\ncc']);
    expect(splitText('aaaaaa\nbbbbbb', 10)).toEqual(['aaaaaa', 'bbbbbb']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
  });

  it('does not make tiny parts: a break in the first half is passed over for a later one', () => {
    expect(splitText('ab\n\ncdef ghijk lmn', 10)).toEqual(['ab\n\ncdef', 'ghijk lmn']);
    // A space right at the limit is a clean cut.
    expect(splitText('aaaa bbbbb ccc', 10)).toEqual(['aaaa bbbbb', 'ccc']);
  });

  it('cuts a run with no spaces at the limit, never inside an emoji', () => {
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    const parts = splitText(`${'x'.repeat(9)}😀${'y'.repeat(5)}`, 10);
    expect(parts).toEqual(['x'.repeat(9), `😀${'y'.repeat(5)}`]);
  });

  it('splits a huge text (100,000 characters) into parts that all fit and lose nothing', () => {
    const paragraphs = Array.from({ length: 500 }, (_, i) => `${i} ${'parola '.repeat(28)}`.trim());
    const huge = paragraphs.join('\n\n');
    const parts = splitText(huge);
    expect(parts.length).toBeGreaterThan(20);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(parts.join('\n\n')).toBe(huge);
  });
});

describe('replies as Bot API calls', () => {
  it('puts the keyboard on the last part of a long text', () => {
    const long = Array.from({ length: 70 }, () => 'riga '.repeat(20).trim()).join('\n');
    const { messages } = renderReplies([text(long, { options: [{ id: '4.1', label: 'Sì' }] })], context);
    expect(messages.length).toBe(2);
    expect(messages[0]).not.toHaveProperty('markup');
    expect(messages[1]).toMatchObject({ markup: { inline_keyboard: [[{ text: 'Sì', callback_data: '4.1' }]] } });
  });

  it('leaves out a button whose id would not fit in 64 bytes (the number can still be typed)', () => {
    const { markup, dropped } = inlineKeyboard([
      { id: '1.1', label: 'ok' },
      { id: 'é'.repeat(33), label: 'too long' },
    ]);
    expect(markup).toEqual({ inline_keyboard: [[{ text: 'ok', callback_data: '1.1' }]] });
    expect(dropped).toEqual(['é'.repeat(33)]);
  });

  it('long labels get a row each', () => {
    const { markup } = inlineKeyboard([
      { id: '1', label: 'Sportello vicino a me' },
      { id: '2', label: 'Privacy' },
    ]);
    expect(markup?.inline_keyboard.map((row) => row.length)).toEqual([1, 1]);
  });

  it('a request for a place gets the location button; options win when both are asked', () => {
    const asked = renderReplies([text('Dove ti trovi?', { requestLocation: true })], context);
    expect(asked.locationKeyboard).toBe('shown');
    expect(asked.messages[0]).toMatchObject({ markup: { keyboard: [[{ text: '📍 Invia la mia posizione', request_location: true }]], one_time_keyboard: true } });
    // The button speaks the language of the reply it comes with.
    const arabic = renderReplies([text('أين أنت؟', { requestLocation: true, lang: 'ar' })], context);
    expect(arabic.messages[0]).toMatchObject({ markup: { keyboard: [[{ text: '📍 أرسل موقعي', request_location: true }]] } });
    const both = renderReplies([text('Dove?', { requestLocation: true, options: [{ id: '1.1', label: 'Menu' }] })], context);
    expect(both.messages[0]).toMatchObject({ markup: { inline_keyboard: [[{ text: 'Menu', callback_data: '1.1' }]] } });
  });

  it('removes the location keyboard with the first message free to carry it, or waits', () => {
    const remove = { ...context, removeLocationKeyboard: true };
    const plain = renderReplies([text('Ecco.'), text('Menu', { options: [{ id: '1.1', label: 'a' }] })], remove);
    expect(plain.messages[0]).toMatchObject({ markup: { remove_keyboard: true } });
    expect(plain.locationKeyboard).toBe('removed');

    const oneLine = renderReplies([text('Quale?', { options: [{ id: '1.1', label: 'a' }] })], remove);
    expect(oneLine.messages).toHaveLength(1);
    expect(oneLine.locationKeyboard).toBe('unchanged');

    const venue = renderReplies([{ kind: 'venue', lat: 1, lon: 2, title: 'T' }], remove);
    expect(venue.messages[0]).toEqual({ kind: 'venue', lat: 1, lon: 2, title: 'T', address: 'T', markup: { remove_keyboard: true } });
  });

  it('venues use the address when there is one; links show their URL', () => {
    const { messages } = renderReplies(
      [
        { kind: 'venue', lat: 45.7, lon: 9.6, title: 'Sportello', address: 'Via Roma 1, Bergamo' },
        { kind: 'link', label: 'Portale <Integrazione>', url: 'https://www.integrazionemigranti.gov.it/?a=1&b=2', dir: 'ltr' },
      ],
      context,
    );
    expect(messages[0]).toEqual({ kind: 'venue', lat: 45.7, lon: 9.6, title: 'Sportello', address: 'Via Roma 1, Bergamo' });
    expect(messages[1]).toEqual({ kind: 'message', html: 'Portale &lt;Integrazione&gt;\nhttps://www.integrazionemigranti.gov.it/?a=1&amp;b=2', preview: true });
  });

  it('an empty text is not sent', () => {
    expect(renderReplies([text('  ')], context).messages).toEqual([]);
  });
});

describe('Telegram messages as engine input', () => {
  const message = (fields: Partial<Message>): Message => ({ message_id: 1, date: 0, chat: { id: 1, type: 'private', first_name: 'A' }, ...fields }) as Message;

  it('reads commands, deep-link payloads and mentions; /stats is the channel\'s; others are unknown', () => {
    expect(parseCommand('/start')).toEqual({ kind: 'command', command: 'start' });
    expect(parseCommand('/start ar')).toEqual({ kind: 'command', command: 'start', arg: 'ar' });
    expect(parseCommand('/start@ponte_bot s-bergamo1')).toEqual({ kind: 'command', command: 'start', arg: 's-bergamo1' });
    expect(parseCommand('/MENU')).toEqual({ kind: 'command', command: 'menu' });
    expect(parseCommand('/stats')).toEqual({ kind: 'stats' });
    expect(parseCommand('/foo bar')).toEqual({ kind: 'unknown-command', name: 'foo' });
    expect(parseCommand('/ ciao')).toEqual({ kind: 'text', text: '/ ciao' });
  });

  it('reads texts, locations and venues; names unsupported media; ignores service messages', () => {
    expect(toIncoming(message({ text: 'ciao /menu' }))).toEqual({ kind: 'text', text: 'ciao /menu' });
    expect(toIncoming(message({ location: { latitude: 45.1, longitude: 9.2 } }))).toEqual({ kind: 'location', lat: 45.1, lon: 9.2 });
    expect(toIncoming(message({ location: { latitude: 45.1, longitude: 9.2 }, venue: { location: { latitude: 45.1, longitude: 9.2 }, title: 'x', address: 'y' } }))).toEqual({
      kind: 'location',
      lat: 45.1,
      lon: 9.2,
    });
    expect(toIncoming(message({ dice: { emoji: '🎲', value: 3 } }))).toEqual({ kind: 'unsupported', media: 'other' });
    expect(toIncoming(message({ photo: [], caption: 'come rinnovo il permesso?' }))).toEqual({ kind: 'unsupported', media: 'photo' });
    expect(toIncoming(message({ message_auto_delete_timer_changed: { message_auto_delete_time: 60 } }))).toBeUndefined();
  });
});
