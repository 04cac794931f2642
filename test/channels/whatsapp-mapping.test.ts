import wweb from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { isFromPerson, isPrivateChat, toIncoming } from '../../src/channels/whatsapp/incoming.js';
import { RecentIds } from '../../src/channels/whatsapp/recent-ids.js';
import { formatBold, splitMessage, toWhatsApp } from '../../src/channels/whatsapp/render.js';
import { FakeWhatsApp, describeContent } from '../support/fake-whatsapp.js';

const { MessageTypes } = wweb;
const fake = new FakeWhatsApp();
const PERSON = '393331234567@c.us';

describe('WhatsApp messages in', () => {
  it('maps text, commands and locations to the engine input', () => {
    expect(toIncoming(fake.message(PERSON, { body: 'come rinnovo il permesso?' }))).toEqual({ kind: 'text', text: 'come rinnovo il permesso?' });
    expect(toIncoming(fake.message(PERSON, { body: '/start lang-ar' }))).toEqual({ kind: 'command', command: 'start', arg: 'lang-ar' });
    expect(toIncoming(fake.message(PERSON, { body: ' /MENU ' }))).toEqual({ kind: 'command', command: 'menu' });
    expect(toIncoming(fake.message(PERSON, { body: '/boh' }))).toEqual({ kind: 'unknown-command', name: 'boh' });
    expect(toIncoming(fake.message(PERSON, { body: '2' }))).toEqual({ kind: 'text', text: '2' });
    expect(toIncoming(fake.message(PERSON, { body: '' }))).toEqual({ kind: 'text', text: '' });
    const location = fake.message(PERSON, { type: MessageTypes.LOCATION, location: { latitude: '45.95', longitude: '10.3' } });
    expect(toIncoming(location)).toEqual({ kind: 'location', lat: 45.95, lon: 10.3 });
  });

  it('a location without coordinates reaches the engine as not-a-number, which it refuses kindly', () => {
    const broken = fake.message(PERSON, { type: MessageTypes.LOCATION });
    const incoming = toIncoming(broken);
    expect(incoming?.kind).toBe('location');
    expect(incoming?.kind === 'location' && Number.isNaN(incoming.lat)).toBe(true);
  });

  it('voice notes, audio, images, video, stickers, documents, contacts and polls are unsupported media', () => {
    const kinds = [
      [MessageTypes.VOICE, 'voice'],
      [MessageTypes.AUDIO, 'audio'],
      [MessageTypes.IMAGE, 'photo'],
      [MessageTypes.VIDEO, 'video'],
      [MessageTypes.STICKER, 'sticker'],
      [MessageTypes.DOCUMENT, 'document'],
      [MessageTypes.CONTACT_CARD, 'contact'],
      [MessageTypes.CONTACT_CARD_MULTI, 'contact'],
      [MessageTypes.POLL_CREATION, 'poll'],
      [MessageTypes.PRODUCT, 'other'],
      [MessageTypes.UNKNOWN, 'other'],
    ] as const;
    for (const [type, media] of kinds) expect(toIncoming(fake.message(PERSON, { type, body: 'a caption' }))).toEqual({ kind: 'unsupported', media });
  });

  it("WhatsApp's own notices (encryption, revoked, reactions, calls) are not answered", () => {
    for (const type of [MessageTypes.E2E_NOTIFICATION, MessageTypes.REVOKED, MessageTypes.REACTION, MessageTypes.CALL_LOG, MessageTypes.CIPHERTEXT, MessageTypes.PROTOCOL]) {
      expect(toIncoming(fake.message(PERSON, { type }))).toBeUndefined();
    }
  });

  it('only private chats with a person count: no groups, status, channels, broadcasts or own messages', () => {
    expect(isPrivateChat(PERSON)).toBe(true);
    expect(isPrivateChat('12345678901234@lid')).toBe(true);
    expect(isPrivateChat('120363041234567890@g.us')).toBe(false);
    expect(isPrivateChat('status@broadcast')).toBe(false);
    expect(isPrivateChat('120363041234567890@newsletter')).toBe(false);
    expect(isFromPerson(fake.message(PERSON))).toBe(true);
    expect(isFromPerson(fake.message(PERSON, { fromMe: true }))).toBe(false);
    expect(isFromPerson(fake.message(PERSON, { isStatus: true }))).toBe(false);
    expect(isFromPerson(fake.message(PERSON, { broadcast: true }))).toBe(false);
    expect(isFromPerson(fake.message('120363041234567890@g.us'))).toBe(false);
  });
});

describe('recent message ids', () => {
  it('recognises a repeated id and forgets the oldest beyond its capacity', () => {
    const recent = new RecentIds(2);
    expect(recent.seen('a')).toBe(false);
    expect(recent.seen('a')).toBe(true);
    expect(recent.seen('b')).toBe(false);
    expect(recent.seen('c')).toBe(false);
    expect(recent.size).toBe(2);
    expect(recent.seen('a')).toBe(false);
    expect(recent.seen('c')).toBe(true);
  });
});

describe('WhatsApp messages out', () => {
  it('numbers the options under the text, with WhatsApp bold', () => {
    const [message, ...rest] = toWhatsApp({
      kind: 'text',
      text: 'In che lingua vuoi parlare? **Scegli** una lingua.',
      options: [
        { id: '1.1', label: 'Italiano' },
        { id: '1.2', label: 'العربية' },
      ],
      dir: 'ltr',
    });
    expect(rest).toEqual([]);
    expect(message).toBe('In che lingua vuoi parlare? *Scegli* una lingua.\n\n1. Italiano\n2. العربية');
  });

  it('a venue is a WhatsApp location with name and address; a link is text with its URL', () => {
    const [venue] = toWhatsApp({ kind: 'venue', lat: 45.957, lon: 10.306, title: 'Sportello stranieri', address: 'Piazza Roma 1, Breno' });
    expect(venue).toBeInstanceOf(wweb.Location);
    expect(describeContent(venue!)).toBe('LOCATION Sportello stranieri | Piazza Roma 1, Breno | 45.957,10.306');
    const [noAddress] = toWhatsApp({ kind: 'venue', lat: 45.5, lon: 9.2, title: 'Comune' });
    expect(noAddress instanceof wweb.Location && noAddress.address).toBeUndefined();
    expect(toWhatsApp({ kind: 'link', url: 'https://www.poliziadistato.it/', label: 'Polizia di Stato', dir: 'ltr' })).toEqual(['Polizia di Stato\nhttps://www.poliziadistato.it/']);
  });

  it('bold spans become WhatsApp bold, several per line and across a line break', () => {
    expect(formatBold('**1. Sportello** · 0,4 km and **two**')).toBe('*1. Sportello* · 0,4 km and *two*');
    expect(formatBold('no bold, 2 * 3 = 6')).toBe('no bold, 2 * 3 = 6');
  });

  it('splits a long text at paragraphs, keeps the numbered options together, and loses nothing', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ` + 'parola '.repeat(40).trim());
    const options = Array.from({ length: 10 }, (_, i) => ({ id: `1.${i + 1}`, label: `Option ${i + 1}` }));
    const messages = toWhatsApp({ kind: 'text', text: paragraphs.join('\n\n'), options, dir: 'ltr' }) as string[];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(1500);
    expect(messages.at(-1)).toContain(options.map((o, i) => `${i + 1}. ${o.label}`).join('\n'));
    expect(messages.join('\n\n')).toBe(`${paragraphs.join('\n\n')}\n\n${options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}`);
  });

  it('splits a huge paragraph at spaces, and a huge word without breaking an emoji', () => {
    const words = 'parola '.repeat(1000).trim();
    const parts = splitMessage(words, 1500);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1500);
    expect(parts.join(' ')).toBe(words);
    const emoji = '😀'.repeat(1000);
    const pieces = splitMessage(emoji, 1499);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(1499);
      expect(p).toMatch(/^(😀)+$/u);
    }
    expect(pieces.join('')).toBe(emoji);
  });

  it('an empty text is one empty message, a short one is untouched', () => {
    expect(splitMessage('')).toEqual(['']);
    expect(splitMessage('ciao')).toEqual(['ciao']);
  });
});
