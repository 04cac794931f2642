import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../src/engine/turn.js';
import type { Reply } from '../../src/engine/types.js';
import { testEngine, texts, type TestEngine } from '../support/engine.js';

let t: TestEngine;
afterEach(() => t?.close());

const optionsOf = (replies: Reply[]) => replies.flatMap((r) => (r.kind === 'text' ? (r.options ?? []) : []));

describe('a whole conversation in Italian', () => {
  it('welcomes, takes the language, walks the menu and answers from a topic list', () => {
    t = testEngine();
    const out = t.transcript(['/start', '1', '2', '1', '1']);
    expect(out).toContain('Ciao! Sono Ponte');
    expect(out).toContain('In che lingua vuoi parlare?');
    // Language list by native names.
    expect(out).toMatch(/1\. Italiano[\s\S]*5\. العربية[\s\S]*10\. বাংলা/);
    expect(out).toContain('Come posso aiutarti?');
    expect(out).toContain('Scegli un argomento:');
    expect(out).toContain('1. Permesso e cittadinanza');
    // The topic's answer, dated, with its official source, then the feedback question.
    expect(out).toContain('ANSWER permesso-rinnovo it part 1');
    expect(out).toContain('Aggiornato il 22 novembre 2026');
    expect(out).toContain('Fonte ufficiale: Polizia di Stato');
    expect(out).toContain('Questa risposta ti è stata utile?');
    expect(t.events.map((e) => e.name)).toEqual(['conversation_started', 'language_chosen', 'topic_answered']);
  });

  it('records feedback and routes to the nearest sportello from a typed comune', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const out = t.transcript(['come rinnovo il permesso?', '1', '/menu', '3', 'Breno']);
    expect(out).toContain('Grazie!');
    expect(out).toContain('Dove ti trovi?');
    expect(out).toContain('Sportello stranieri ASP Valcamonica');
    expect(out).toContain('☎ 0364 22693');
    // Unknown hours are not shown at all.
    expect(out).not.toMatch(/Aperto ora|Chiuso ora/);
    const feedback = t.events.find((e) => e.name === 'feedback');
    expect(feedback).toMatchObject({ detail: 'yes', topic: 'permesso-rinnovo' });
    expect(t.events.find((e) => e.name === 'nearest_shown')).toMatchObject({ province: 'BS', district: 'Valle Camonica', count: 1 });
  });

  it('sends a chosen service as a map location', () => {
    t = testEngine();
    t.transcript(['/start', '1', '/location 45.95 10.30']);
    const replies = t.send('1');
    expect(replies).toEqual([{ kind: 'venue', lat: 45.957, lon: 10.306, title: 'Sportello stranieri ASP Valcamonica' }]);
  });

  it('asks which comune when a name is ambiguous, and keeps only the comune', () => {
    t = testEngine();
    t.transcript(['/start', '1', '/menu', '3']);
    const out = t.transcript(['sesto', '2']);
    expect(out).toContain('Quale di questi Comuni?');
    expect(out).toContain('1. Sesto Calende (VA)');
    expect(out).toContain('Sportello stranieri ASP Valcamonica');
    const stored = JSON.stringify(t.sessions.get(t.events[0]!.person));
    expect(stored).toContain('015209');
  });

  it('never stores shared coordinates in the session', () => {
    t = testEngine();
    t.transcript(['/start', '1', '/location 45.9512 10.3077']);
    const stored = JSON.stringify(t.sessions.get(t.events[0]!.person));
    expect(stored).toContain('"place":"017028"');
    expect(stored).not.toContain('45.9512');
    expect(stored).not.toContain('10.3077');
  });

  it('says where Ponte works when the place is outside Lombardy', () => {
    t = testEngine();
    t.transcript(['/start', '1', '/menu', '3']);
    expect(t.transcript(['roma'])).toContain('Ponte conosce gli sportelli della Lombardia');
    expect(t.transcript(['/location 41.9 12.5'])).toContain('integrazionemigranti.gov.it');
  });

  it('offers choices when a question is ambiguous and counts the choice', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const out = t.transcript(['documenti?', '2']);
    expect(out).toContain('Parli di uno di questi argomenti?');
    expect(out).toContain('1. codice-fiscale [it]');
    expect(out).toContain('3. Nessuno di questi');
    expect(out).toContain('ANSWER residenza-anagrafica it part 1');
    expect(t.events.find((e) => e.name === 'alternative_chosen')).toMatchObject({ topic: 'residenza-anagrafica' });
  });

  it('apologises and offers the nearest sportello when it does not know', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const out = t.transcript(['quanto costa una pizza']);
    expect(out).toContain('Mi dispiace, non ho capito la domanda');
    expect(out).toContain('1. Sportello vicino a me');
    expect(t.events.at(-1)).toMatchObject({ name: 'abstained' });
    expect(t.events.at(-1)).not.toHaveProperty('question');
  });

  it('shows emergency numbers at once', () => {
    t = testEngine();
    const out = t.transcript(['/start', '1', '5']);
    expect(out).toContain('**112**'.replace(/\*/g, ''));
    expect(out).toContain('1522');
  });

  it('asks for a mediator: need, place, then the nearest mediator service', () => {
    t = testEngine();
    const directory = (t.engine as unknown as { options: { directory: { queries: unknown[] } } }).options.directory;
    const out = t.transcript(['/start', '1', '4', '1', 'Breno']);
    expect(out).toContain('mediatore linguistico-culturale');
    expect(out).toContain('Per cosa ti serve il mediatore?');
    expect(out).toContain('Chiedi alla scuola');
    expect(directory.queries.at(-1)).toMatchObject({ need: { kind: 'mediatore', area: 'school' } });
    expect(t.events.find((e) => e.name === 'mediator_requested')).toMatchObject({ detail: 'school' });
  });
});

describe('a whole conversation in Arabic', () => {
  it('runs right to left, in Arabic, from the language choice to an answer', () => {
    t = testEngine();
    const first = t.send('/start');
    const languages = optionsOf(first).map((o) => o.label);
    expect(languages[4]).toBe('العربية');
    const afterChoice = t.send('5');
    expect(afterChoice.every((r) => r.kind !== 'text' || r.dir === 'rtl')).toBe(true);
    const menu = texts(afterChoice);
    expect(menu).toMatch(/[\u0600-\u06ff]/);
    expect(menu).not.toContain('How can I help');
    const answer = t.send('كيف أجدد الإقامة permesso');
    expect(texts(answer)).toContain('ANSWER permesso-rinnovo ar part 1');
    // The date in Arabic, not in Italian.
    expect(texts(answer)).not.toContain('Aggiornato');
    expect(t.events.filter((e) => e.name === 'language_chosen').map((e) => e.lang)).toEqual(['ar']);
  });

  it('offers the channel language first', () => {
    t = testEngine({ langHint: 'ar-EG' });
    const first = t.send('/start');
    expect(optionsOf(first)[0]!.label).toBe('العربية');
    expect(texts(first)).toMatch(/[\u0600-\u06ff]/);
  });

  it('answers in the language a person writes in, even after choosing another', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const answer = t.send('how do I renew my permesso');
    expect(texts(answer)).toContain('ANSWER permesso-rinnovo en part 1');
    expect(texts(answer)).toContain('Was this answer useful?');
  });
});

describe('first contact', () => {
  it('answers a clear first question straight away, in its language', () => {
    t = testEngine();
    const out = texts(t.send('كيف أجدد الإقامة'));
    expect(out).toContain('ANSWER permesso-rinnovo ar part 1');
  });

  it('a first question that fits a few topics gets them as choices, not the welcome', () => {
    t = testEngine();
    const out = texts(t.send('documenti?'));
    expect(out).toContain('Parli di uno di questi argomenti?');
    expect(out).not.toContain('Ciao! Sono Ponte');
  });

  it('a deep link chooses the language and remembers the sportello of the poster', () => {
    t = testEngine();
    const out = texts(t.send('/start lang-ar'));
    expect(out).toMatch(/[\u0600-\u06ff]/);
    t.send('/start s-bergamo1');
    expect(t.sessions.get(t.events[0]!.person)?.slots.origin).toBe('bergamo1');
  });
});

describe('bad input gets a clear answer and loses nothing', () => {
  it('unsupported media: a kind reply in the person\'s language, then where they were', () => {
    t = testEngine();
    t.transcript(['/start', '1', '2']);
    const out = t.transcript(['/voice']);
    expect(out).toContain('Non posso leggere messaggi vocali');
    expect(out).toContain('Scegli un argomento:');
    expect(t.events.at(-1)).toMatchObject({ name: 'unsupported_media', detail: 'voice' });
  });

  it('empty and huge texts', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    expect(texts(t.send({ kind: 'text', text: '   ' }))).toContain('Non ho ricevuto nessun testo');
    const huge = texts(t.send({ kind: 'text', text: 'permesso '.repeat(1000) }));
    expect(huge).toContain(`massimo ${MAX_TEXT_LENGTH} caratteri`);
    expect(t.events.some((e) => e.name === 'topic_answered')).toBe(false);
  });

  it('a button from an old message is recognised and the current choices are offered', () => {
    t = testEngine();
    const first = t.send('/start');
    const oldButton = optionsOf(first)[0]!.id;
    t.send('1');
    const replies = t.send({ kind: 'option', id: oldButton });
    expect(texts(replies)).toContain('Questo pulsante è di un messaggio vecchio');
    expect(optionsOf(replies).map((o) => o.label)[0]).toBe('Fai una domanda');
  });

  it('an unknown command says so and shows the help', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const out = t.transcript(['/pizza']);
    expect(out).toContain('Non conosco il comando /pizza');
    expect(out).toContain('/forget');
  });

  it('a crash in the middle of a turn: an apology, and the conversation goes on from where it was', () => {
    t = testEngine();
    t.transcript(['/start', '1', '2']);
    const out = t.transcript(['crash please']);
    expect(out).toContain("c'è stato un problema");
    expect(t.events.at(-1)).toMatchObject({ name: 'error', detail: 'Error' });
    // The topic menu is still the current step: "1" opens the first category.
    expect(t.transcript(['1'])).toContain('Scegli la tua domanda:');
  });
});
