import type { Classification, DirectoryPort, KnowledgePort, NearestQuery, Place, PlaceResolution, Route, ServiceHit, TopicAnswer } from '../../src/engine/ports.js';
import type { Lang } from '../../src/engine/types.js';

/**
 * Small stand-ins for the knowledge base and the directory, for tests of the engine alone:
 * their own behaviour is tested in test/knowledge and test/directory against the real data.
 */

export class FakeKnowledge implements KnowledgePort {
  classify(question: string, _lang: Lang | null): Classification {
    const q = question.toLowerCase();
    if (/^(ciao|hello|مرحبا)\b/.test(q)) return { decision: 'greeting', topic: null, score: 1, alternatives: [] };
    if (q.includes('permesso') || q.includes('إقامة')) {
      const lang: Lang | undefined = /[\u0600-\u06ff]/.test(q) ? 'ar' : q.includes('how') ? 'en' : undefined;
      return { decision: 'answer', topic: 'permesso-rinnovo', score: 0.9, alternatives: [], ...(lang ? { lang } : {}) };
    }
    if (q.includes('documenti')) {
      return { decision: 'ambiguous', topic: 'codice-fiscale', score: 0.4, alternatives: [{ topic: 'residenza-anagrafica', score: 0.38 }] };
    }
    if (q.includes('crash')) throw new Error('index exploded');
    return { decision: 'abstain', topic: null, score: 0.05, alternatives: [] };
  }

  answer(topic: string, lang: Lang): TopicAnswer | undefined {
    if (topic === 'violenza-aiuto' || topic === 'permesso-rinnovo' || topic === 'codice-fiscale' || topic === 'residenza-anagrafica') {
      const served: Lang = lang === 'it' || lang === 'ar' || lang === 'en' ? lang : 'it';
      return {
        topic,
        lang: served,
        title: `T:${topic}`,
        messages: [`ANSWER ${topic} ${served} part 1`, `ANSWER ${topic} ${served} part 2`],
        updated: '2026-11-22',
        sources: [{ title: 'Polizia di Stato', url: 'https://www.poliziadistato.it/' }],
        route: this.route(topic)!,
      };
    }
    return undefined;
  }

  title(topic: string, lang: Lang): string | undefined {
    return `${topic} [${lang}]`;
  }

  route(topic: string): Route | undefined {
    return topic === 'violenza-aiuto' ? 'emergenza' : topic === 'iscrizione-scuola' ? 'mediatore' : 'sportello';
  }
}

export const BRENO: Place = { istat: '017028', name: 'Breno', province: 'BS', lat: 45.957, lon: 10.306, district: 'Valle Camonica' };
const SESTO_CALENDE: Place = { istat: '012116', name: 'Sesto Calende', province: 'VA', lat: 45.726, lon: 8.635 };
const SESTO_SG: Place = { istat: '015209', name: 'Sesto San Giovanni', province: 'MI', lat: 45.534, lon: 9.234 };

export class FakeDirectory implements DirectoryPort {
  readonly queries: NearestQuery[] = [];

  resolve(text: string): PlaceResolution {
    const t = text.trim().toLowerCase();
    if (t === 'breno' || t === '25043') return { kind: 'found', place: BRENO };
    if (t === 'sesto') return { kind: 'ambiguous', candidates: [SESTO_CALENDE, SESTO_SG] };
    if (t === 'roma') return { kind: 'outside' };
    return { kind: 'not_found' };
  }

  place(istat: string): Place | undefined {
    return [BRENO, SESTO_CALENDE, SESTO_SG].find((p) => p.istat === istat);
  }

  locate(lat: number, _lon: number): PlaceResolution {
    return lat > 45.5 && lat < 46.6 ? { kind: 'found', place: BRENO } : { kind: 'outside' };
  }

  nearest(query: NearestQuery): ServiceHit[] {
    this.queries.push(query);
    return [
      {
        id: 'asp-valcamonica',
        name: 'Sportello stranieri ASP Valcamonica',
        kind: query.need.kind ?? 'sportello',
        comune: BRENO.istat,
        lat: 45.957,
        lon: 10.306,
        approximate: true,
        distanceKm: 0.4,
        languages: ['it'],
        contacts: { phone: '0364 22693' },
        opening: { openNow: null, today: null },
      },
    ];
  }
}
