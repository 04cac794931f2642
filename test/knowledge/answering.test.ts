import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/engine/types.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { normalise } from '../../src/knowledge/normalise.js';
import { FIXTURES } from './helpers.js';

const { base } = loadKnowledgeBase(FIXTURES);

/** Questions written fresh for the tests (not the fixture's sample questions), one per language. */
const BY_LANGUAGE: Array<[Lang, string, string]> = [
  ['it', 'mi scade il permesso, come lo rinnovo alle poste?', 'permesso-rinnovo'],
  ['en', 'lost my tax code card, what now', 'codice-fiscale'],
  ['fr', 'mon titre de séjour expire bientôt, comment le renouveler ?', 'permesso-rinnovo'],
  ['es', 'necesito el código fiscal para mi hijo', 'codice-fiscale'],
  ['ar', 'كيف أجدد الإقامة تبعي؟', 'permesso-rinnovo'],
  ['sq', 'si e marr kodin fiskal per femijen?', 'codice-fiscale'],
  ['zh', '怎么叫救护车？', 'emergenze'],
  ['uk', 'Де отримати податковий код?', 'codice-fiscale'],
  ['ur', 'ایمبولینس بلانے کا نمبر کیا ہے؟', 'emergenze'],
  ['bn', 'আমার পারমিট নবায়ন কীভাবে করব?', 'permesso-rinnovo'],
];

describe('question answering', () => {
  it.each(BY_LANGUAGE)('answers a question written in %s, and says it was written in that language', (lang, question, topic) => {
    const c = base.classify(question, null);
    expect(c.decision).toBe('answer');
    expect(c.topic).toBe(topic);
    expect(c.lang).toBe(lang);
    expect(c.score).toBeGreaterThan(0);
    expect(c.score).toBeLessThanOrEqual(1);
  });

  it('understands a Bengali question carrying the Italian term (mixed languages)', () => {
    const c = base.classify('codice fiscale হারিয়ে গেছে, এখন কী করব?', 'it');
    expect(c.topic).toBe('codice-fiscale');
    expect(c.decision).toBe('answer');
    expect(c.lang).toBe('bn');
    const arabic = base.classify('كيف أجدد permesso di soggiorno', null);
    expect(arabic.topic).toBe('permesso-rinnovo');
    expect(arabic.lang).toBe('ar');
  });

  it('forgives typos and missing accents', () => {
    expect(base.classify('rinnovare il permeso di sogiorno', null).topic).toBe('permesso-rinnovo');
    expect(base.classify('ambulanse numbr emergensy', null).topic).toBe('emergenze');
    expect(base.classify('codigo fiscal perdi la tarjeta', null).topic).toBe('codice-fiscale');
  });

  it('abstains on nonsense and on questions outside its topics', () => {
    for (const q of ['asdkjh qwpoe zzxv', 'what is my horoscope today', 'ricetta della pizza margherita', '???', '', '   ']) {
      const c = base.classify(q, null);
      expect(c.decision, q).toBe('abstain');
      expect(c.topic, q).toBeNull();
    }
  });

  it('recognises greetings in the ten languages, and a question after a greeting is a question', () => {
    const greetings = ['Ciao!', 'hello, anyone there?', 'Bonjour', 'hola buenas tardes', 'مرحبا', 'السلام علیکم', 'Përshëndetje', '你好，在吗？', 'Привіт', 'নমস্কার', 'Salam'];
    for (const g of greetings) expect(base.classify(g, null).decision, g).toBe('greeting');
    const question = base.classify('ciao, come rinnovo il permesso di soggiorno?', null);
    expect(question.decision).toBe('answer');
    expect(question.topic).toBe('permesso-rinnovo');
  });

  it('handles a huge input without failing', () => {
    const c = base.classify('permesso '.repeat(20_000), null);
    expect(['answer', 'ambiguous', 'abstain']).toContain(c.decision);
  });

  it('serves the asked language, falls back to Italian, and gives titles and routes', () => {
    expect(base.answer('emergenze', 'zh')!.title).toBe('紧急电话');
    expect(base.answer('nope', 'it')).toBeUndefined();
    expect(base.title('codice-fiscale', 'uk')).toBe('Податковий код');
    expect(base.route('emergenze')).toBe('emergenza');
    expect(base.route('codice-fiscale')).toBe('sportello');
  });
});

describe('normalisation', () => {
  it('folds case, accents, Arabic letter variants and native digits', () => {
    expect(normalise('PERMÉSSO Città')).toBe('permesso citta');
    expect(normalise('أهلاً وسهلاً')).toBe(normalise('اهلا وسهلا'));
    expect(normalise('كيف')).toBe(normalise('کیف'));
    expect(normalise('الإقامـــة')).toBe(normalise('الاقامة'));
    expect(normalise('١١٢ ۱۱۸ ১৫২২')).toBe('112 118 1522');
    expect(normalise('ＡＢＣ１２')).toBe('abc12');
  });
});
