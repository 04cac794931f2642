import { describe, expect, it } from 'vitest';

/**
 * One conversation, run through every channel: the same engine must reach the person the same way,
 * whatever the platform. Each channel provides a driver that plays the person on that platform.
 */

export type Delivered =
  | { kind: 'text'; text: string; options: string[] }
  | { kind: 'venue'; title: string; lat: number; lon: number };

export interface ChannelDriver {
  /** Sends a text as the person would type it. */
  text(text: string): Promise<void>;
  command(name: string, arg?: string): Promise<void>;
  location(lat: number, lon: number): Promise<void>;
  /** Sends a voice note, photo... in the platform's own form. */
  media(kind: 'voice' | 'photo' | 'sticker' | 'document'): Promise<void>;
  /** Picks the n-th option (1-based) of the last message that had options, the way this channel does it. */
  choose(n: number): Promise<void>;
  /** What the bot delivered since the last call. */
  take(): Promise<Delivered[]>;
  close(): Promise<void>;
}

const allText = (d: Delivered[]) => d.map((x) => (x.kind === 'text' ? `${x.text}\n${x.options.join('\n')}` : `VENUE ${x.title}`)).join('\n');
const allOptions = (d: Delivered[]) => d.flatMap((x) => (x.kind === 'text' ? x.options : []));

/**
 * The contract. The driver's engine runs the repository's flows and locales with the test knowledge and
 * directory of test/support/fakes.ts.
 */
export function channelContract(name: string, makeDriver: () => Promise<ChannelDriver>): void {
  describe(`${name} channel contract`, () => {
    it('runs the same conversation: language, menu, question, location, map', async () => {
      const person = await makeDriver();
      try {
        await person.command('start');
        let got = await person.take();
        expect(allText(got)).toContain('Ciao! Sono Ponte');
        expect(allOptions(got)).toEqual(expect.arrayContaining(['Italiano', 'العربية', 'বাংলা']));

        await person.choose(1);
        got = await person.take();
        expect(allText(got)).toContain('Come posso aiutarti?');
        expect(allOptions(got)).toContain('Sportello vicino a me');

        await person.text('come rinnovo il permesso?');
        got = await person.take();
        expect(allText(got)).toContain('ANSWER permesso-rinnovo it part 1');
        expect(allText(got)).toContain('Aggiornato il 22 novembre 2026');
        expect(allOptions(got)).toContain('Sì, grazie');

        await person.location(45.95, 10.3);
        got = await person.take();
        expect(allText(got)).toContain('Sportello stranieri ASP Valcamonica');

        await person.choose(1);
        got = await person.take();
        expect(got).toContainEqual({ kind: 'venue', title: 'Sportello stranieri ASP Valcamonica', lat: 45.957, lon: 10.306 });

        await person.media('voice');
        got = await person.take();
        expect(allText(got)).toContain('Non posso leggere messaggi vocali');

        await person.command('forget');
        got = await person.take();
        expect(allText(got)).toContain('ho cancellato tutto');
      } finally {
        await person.close();
      }
    });
  });
}
