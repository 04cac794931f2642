import type { Lang } from '../engine/types.js';
import type { Field, Measure } from './fields.js';

/**
 * Every text of the statistics that people read (dashboard, CSV headers and notes, the `/stats` summary), in
 * Italian, the coordinators' language and the default, and English. A key missing in one language is a type
 * error. Machine-facing values stay the same in both: field ids and ALL in the JSON API, ISO dates in CSV/JSON,
 * the marks `<5` and `x`.
 */

export const STATS_LANGS = ['it', 'en'] as const;
export type StatsLang = (typeof STATS_LANGS)[number];
export const DEFAULT_STATS_LANG: StatsLang = 'it';

export function isStatsLang(value: unknown): value is StatsLang {
  return typeof value === 'string' && (STATS_LANGS as readonly string[]).includes(value);
}

/** What the page script needs besides labels: plain strings only, sent to the browser as JSON. */
export interface PageScriptTexts {
  noData: string;
  /** The meaning of each hiding mark, for screen readers and on hover. */
  marks: { '<5': string; x: string };
  captions: { language: string; topic: string; month: string; answers: string };
  /** Series names of the charts. */
  series: { people: string; answers: string; abstentions: string };
  chartNoData: string;
  chartHidden: string;
  /** `{from}` and `{to}` are replaced by the script. */
  statusFigures: string;
  statusLoading: string;
  statusNoEvents: string;
  /** `{error}` is replaced by the script. */
  statusFailed: string;
  missing: { none: string; caption: string; question: string; people: string; lastAsked: string };
}

export interface StatsTexts {
  /** The language's own name, for the switch that leads to it. */
  name: string;
  /** BCP 47 locale for numbers and month names in the browser. */
  locale: string;
  /** How a day is written for people; CSV and JSON always keep YYYY-MM-DD. */
  dayFormat: 'dd/mm/yyyy' | 'yyyy-mm-dd';
  /** label: on the page; column: text table header and CSV column key. */
  fields: Record<Field, { label: string; column: string }>;
  /** label: on the page; column: text table header; csv: CSV column key. */
  measures: Record<Measure, { label: string; column: string; csv: string }>;
  languages: Record<Lang, string>;
  /** A key the events did not carry. */
  none: string;
  /** A key added up in a margin row of the CSV. */
  all: string;
  total: string;
  notes: {
    people: string;
    totals: string;
    small: string;
    complementary: string;
    noEventsYet: string;
    noEventsInPeriod: string;
  };
  table: {
    heading(period: string, by: string[]): string;
    period(from: string, to: string): string;
    noEventsYet: string;
  };
  /** CSV file name, without the period and extension. */
  fileName: { prefix: string; by: string };
  short: {
    notAvailable: string;
    empty(from: string, to: string): string;
    heading(days: number, from: string, to: string): string;
    people(figure: string): string;
    conversations(figure: string): string;
    answers(answers: string, abstentions: string): string;
    languages(list: string): string;
    topics(list: string): string;
    hidden(groups: number): string;
  };
  page: {
    title: string;
    intro: string;
    skip: string;
    switchLabel: string;
    periodLegend: string;
    from: string;
    to: string;
    show: string;
    noscript: string;
    totalsHeading: string;
    charts: Record<'language' | 'topic' | 'month' | 'answers', { title: string; caption: string }>;
    sameFigures: string;
    chartLoading: string;
    tableSuffix: string;
    missingHeading: string;
    missingIntro: string;
    downloadHeading: string;
    downloadLegend: string;
    downloadCsv: string;
    downloadNoscript: string;
    notesHeading: string;
  };
  /** The 401 page; `body` is HTML. */
  refused: { title: string; heading: string; body: string };
  script: PageScriptTexts;
}

const TEXTS = {
  it: {
    name: 'Italiano',
    locale: 'it-IT',
    dayFormat: 'dd/mm/yyyy',
    fields: {
      month: { label: 'Mese', column: 'mese' },
      quarter: { label: 'Trimestre', column: 'trimestre' },
      week: { label: 'Settimana', column: 'settimana' },
      channel: { label: 'Canale', column: 'canale' },
      language: { label: 'Lingua', column: 'lingua' },
      topic: { label: 'Argomento', column: 'argomento' },
      province: { label: 'Provincia', column: 'provincia' },
      district: { label: 'Ambito', column: 'ambito' },
    },
    measures: {
      people: { label: 'Persone raggiunte', column: 'persone', csv: 'persone' },
      conversations: { label: 'Conversazioni', column: 'conversazioni', csv: 'conversazioni' },
      answers: { label: 'Risposte date', column: 'risposte', csv: 'risposte' },
      abstentions: { label: 'Domande senza risposta', column: 'senza risposta', csv: 'senza_risposta' },
      routes: { label: 'Servizi più vicini mostrati', column: 'servizi', csv: 'servizi_mostrati' },
      mediator_requests: { label: 'Richieste di mediatore', column: 'mediatore', csv: 'richieste_mediatore' },
      helpful_rate: { label: 'Utile secondo chi ha risposto', column: 'utile', csv: 'quota_utile' },
    },
    languages: {
      it: 'italiano',
      en: 'inglese',
      fr: 'francese',
      es: 'spagnolo',
      ar: 'arabo',
      sq: 'albanese',
      zh: 'cinese',
      uk: 'ucraino',
      ur: 'urdu',
      bn: 'bengalese',
    },
    none: '(non indicato)',
    all: '(totale)',
    total: 'Totale',
    notes: {
      people:
        'Persone raggiunte: persone distinte in ciascun mese di calendario (ora italiana); una riga che copre più mesi somma i conteggi mensili, quindi chi ha scritto in due mesi diversi è contato due volte.',
      totals: 'I totali comprendono anche le righe nascoste. Utile secondo chi ha risposto: quota di "sì" sul totale dei "sì" e dei "no" dati alla domanda sull\'utilità della risposta.',
      small: '<5: dietro questa riga ci sono meno di 5 persone, quindi i suoi dati non sono mostrati.',
      complementary: 'x: dato nascosto anch\'esso, perché un dato <5 non si possa ricavare per sottrazione da un totale.',
      noEventsYet: 'Non è ancora stato registrato nessun evento.',
      noEventsInPeriod: 'Nessun evento in questo periodo.',
    },
    table: {
      heading: (period, by) => `Uso di Ponte, ${period}${by.length > 0 ? `, per ${by.join(', ')}` : ''}`,
      period: (from, to) => `dal ${from} al ${to}`,
      noEventsYet: 'nessun evento ancora',
    },
    fileName: { prefix: 'ponte-statistiche', by: 'per' },
    short: {
      notAvailable: 'Statistiche di Ponte: non ancora disponibili (nessun evento registrato).',
      empty: (from, to) => `Statistiche di Ponte, dal ${from} al ${to}: nessuna attività in questo periodo.`,
      heading: (days, from, to) => `Statistiche di Ponte, ultimi ${days} giorni (dal ${from} al ${to})`,
      people: (figure) => `Persone raggiunte: ${figure} (distinte per mese)`,
      conversations: (figure) => `Conversazioni: ${figure}`,
      answers: (answers, abstentions) => `Risposte date: ${answers}; domande senza risposta: ${abstentions}`,
      languages: (list) => `Lingue più usate: ${list}`,
      topics: (list) => `Argomenti più richiesti: ${list}`,
      hidden: (groups) =>
        `Gruppi nascosti: ${groups} (con meno di 5 persone, oppure nascosti perché quelli piccoli non si possano ricavare dai totali).`,
    },
    page: {
      title: "Ponte: statistiche d'uso",
      intro: 'Dati anonimi per i coordinatori del programma. I gruppi con meno di 5 persone non sono mostrati.',
      skip: 'Vai ai dati',
      switchLabel: 'Lingua',
      periodLegend: 'Periodo',
      from: 'Dal',
      to: 'Al',
      show: 'Mostra',
      noscript: 'Grafici e tabelle richiedono JavaScript; lo scaricamento del CSV qui sotto funziona anche senza.',
      totalsHeading: 'Nel periodo',
      charts: {
        language: { title: 'Persone per lingua', caption: 'Persone distinte che hanno scritto in ciascuna lingua.' },
        topic: { title: 'Persone per argomento', caption: 'Persone distinte per argomento delle risposte e delle ricerche.' },
        month: { title: 'Persone per mese', caption: 'Persone distinte in ciascun mese.' },
        answers: {
          title: 'Risposte date e domande senza risposta',
          caption: "Per mese: domande a cui l'assistente ha risposto e domande a cui non ha saputo rispondere.",
        },
      },
      sameFigures: 'Gli stessi dati sono nella tabella qui sotto.',
      chartLoading: 'grafico in caricamento',
      tableSuffix: 'tabella',
      missingHeading: 'Domande senza risposta più frequenti',
      missingIntro:
        "Domande a cui l'assistente non ha saputo rispondere, senza nomi, numeri e indirizzi. Sono mostrate solo se almeno 3 persone diverse hanno chiesto la stessa cosa negli ultimi 30 giorni, e solo se il gestore ne ha attivato la raccolta.",
      downloadHeading: 'Scarica i dati',
      downloadLegend: 'Dividi la tabella per',
      downloadCsv: 'Scarica CSV',
      downloadNoscript: 'Scarica CSV con queste voci',
      notesHeading: 'Come leggere questi dati',
    },
    refused: {
      title: '401: accesso negato · Ponte',
      heading: 'Accesso negato (401)',
      body:
        "Per vedere questa pagina serve il codice di accesso. Aprire una volta l'indirizzo ricevuto seguito da <code>?token=…</code>, oppure inviare l'intestazione <code>Authorization: Bearer …</code>. Il codice si chiede a chi gestisce questa installazione di Ponte.",
    },
    script: {
      noData: 'Nessun dato in questo periodo.',
      marks: {
        '<5': 'meno di 5 persone: dato nascosto',
        x: 'nascosto perché un gruppo più piccolo non si possa ricavare dal totale',
      },
      captions: {
        language: 'Persone per lingua',
        topic: 'Persone per argomento',
        month: 'Persone per mese',
        answers: 'Risposte date e domande senza risposta, per mese',
      },
      series: { people: 'Persone', answers: 'Risposte date', abstentions: 'Domande senza risposta' },
      chartNoData: 'nessun dato',
      chartHidden: 'I gruppi nascosti non sono disegnati; la tabella qui sotto elenca tutti i gruppi.',
      statusFigures: 'Dati dal {from} al {to}.',
      statusLoading: 'Caricamento dei dati…',
      statusNoEvents: 'Non è ancora stato registrato nessun evento.',
      statusFailed: 'Non è stato possibile caricare i dati: {error}',
      missing: {
        none: 'Niente da mostrare: nessuna domanda senza risposta è arrivata da almeno 3 persone (oppure la raccolta è disattivata).',
        caption: 'Domande senza risposta, dalle più frequenti',
        question: 'Domanda (dati personali rimossi)',
        people: 'Persone',
        lastAsked: 'Ultima richiesta',
      },
    },
  },
  en: {
    name: 'English',
    locale: 'en-GB',
    dayFormat: 'yyyy-mm-dd',
    fields: {
      month: { label: 'Month', column: 'month' },
      quarter: { label: 'Quarter', column: 'quarter' },
      week: { label: 'Week', column: 'week' },
      channel: { label: 'Channel', column: 'channel' },
      language: { label: 'Language', column: 'language' },
      topic: { label: 'Topic', column: 'topic' },
      province: { label: 'Province', column: 'province' },
      district: { label: 'District', column: 'district' },
    },
    measures: {
      people: { label: 'People', column: 'people', csv: 'people' },
      conversations: { label: 'Conversations', column: 'conversations', csv: 'conversations' },
      answers: { label: 'Answers', column: 'answers', csv: 'answers' },
      abstentions: { label: 'Without an answer', column: 'abstentions', csv: 'abstentions' },
      routes: { label: 'Nearest services shown', column: 'routes', csv: 'routes' },
      mediator_requests: { label: 'Mediator requests', column: 'mediator', csv: 'mediator_requests' },
      helpful_rate: { label: 'Found it helpful', column: 'helpful', csv: 'helpful_rate' },
    },
    languages: {
      it: 'Italian',
      en: 'English',
      fr: 'French',
      es: 'Spanish',
      ar: 'Arabic',
      sq: 'Albanian',
      zh: 'Chinese',
      uk: 'Ukrainian',
      ur: 'Urdu',
      bn: 'Bengali',
    },
    none: '(none)',
    all: '(all)',
    total: 'Total',
    notes: {
      people:
        'people: distinct people within each calendar month (Europe/Rome); a row covering several months adds the monthly counts, so a person active in two months counts twice.',
      totals: 'Totals include the hidden rows. helpful: share of "yes" among yes/no feedback.',
      small: '<5: fewer than 5 people are behind this row; its figures are hidden.',
      complementary: 'x: hidden as well, so that a <5 row cannot be worked out by subtracting from a total.',
      noEventsYet: 'No events have been recorded yet.',
      noEventsInPeriod: 'No events in this period.',
    },
    table: {
      heading: (period, by) => `Ponte usage, ${period}${by.length > 0 ? `, by ${by.join(', ')}` : ''}`,
      period: (from, to) => `${from} to ${to}`,
      noEventsYet: 'no events yet',
    },
    fileName: { prefix: 'ponte-stats', by: 'by' },
    short: {
      notAvailable: 'Ponte statistics: not available yet (no events recorded).',
      empty: (from, to) => `Ponte statistics, ${from} to ${to}: no activity in this period.`,
      heading: (days, from, to) => `Ponte statistics, last ${days} days (${from} to ${to})`,
      people: (figure) => `People: ${figure} (distinct per month)`,
      conversations: (figure) => `Conversations: ${figure}`,
      answers: (answers, abstentions) => `Answers: ${answers}, without an answer: ${abstentions}`,
      languages: (list) => `Top languages: ${list}`,
      topics: (list) => `Top topics: ${list}`,
      hidden: (groups) => `Hidden: ${groups} ${groups === 1 ? 'group' : 'groups'} with fewer than 5 people behind them, or hidden to protect those.`,
    },
    page: {
      title: 'Ponte: usage statistics',
      intro: "Anonymous figures for the programme's coordinators. Groups with fewer than 5 people are hidden.",
      skip: 'Skip to the figures',
      switchLabel: 'Language',
      periodLegend: 'Period',
      from: 'From',
      to: 'To',
      show: 'Show',
      noscript: 'The charts and tables need JavaScript; the CSV download below works without it.',
      totalsHeading: 'In this period',
      charts: {
        language: { title: 'People by language', caption: 'Distinct people who wrote in each language.' },
        topic: { title: 'People by topic', caption: 'Distinct people per topic of the answers and searches.' },
        month: { title: 'People by month', caption: 'Distinct people in each month.' },
        answers: { title: 'Answers and questions without an answer', caption: 'Per month: questions answered and questions the assistant could not answer.' },
      },
      sameFigures: 'The same figures are in the table below.',
      chartLoading: 'chart loading',
      tableSuffix: 'table',
      missingHeading: 'Top missing topics',
      missingIntro:
        'Questions the assistant could not answer, with names, numbers and addresses removed, shown only when at least 3 different people asked the same thing in the last 30 days (and only if the operator turned their collection on).',
      downloadHeading: 'Download',
      downloadLegend: 'Break the table down by',
      downloadCsv: 'Download CSV',
      downloadNoscript: 'Download CSV with these fields',
      notesHeading: 'How to read these figures',
    },
    refused: {
      title: '401: access refused · Ponte',
      heading: 'Access refused (401)',
      body:
        'This dashboard needs its access token. Open the address you were given with <code>?token=…</code> once, or send the header <code>Authorization: Bearer …</code>. Ask the operator of this Ponte installation for it.',
    },
    script: {
      noData: 'No data in this period.',
      marks: {
        '<5': 'fewer than 5 people: hidden',
        x: 'hidden so that a smaller group cannot be worked out from the total',
      },
      captions: {
        language: 'People by language',
        topic: 'People by topic',
        month: 'People by month',
        answers: 'Answers and questions without an answer, by month',
      },
      series: { people: 'People', answers: 'Answers', abstentions: 'Without an answer' },
      chartNoData: 'no data',
      chartHidden: 'Hidden groups are not drawn; the table below lists every group.',
      statusFigures: 'Figures from {from} to {to}.',
      statusLoading: 'Loading the figures…',
      statusNoEvents: 'No events have been recorded yet.',
      statusFailed: 'The figures could not be loaded: {error}',
      missing: {
        none: 'None to show: no question without an answer came from 3 or more people (or their collection is off).',
        caption: 'Questions without an answer, most asked first',
        question: 'Question (scrubbed)',
        people: 'People',
        lastAsked: 'Last asked',
      },
    },
  },
} satisfies Record<StatsLang, StatsTexts>;

export function statsTexts(lang: StatsLang): StatsTexts {
  return TEXTS[lang];
}

/** A day YYYY-MM-DD as people of that language write it (Italian 15/01/2025); English keeps ISO, unambiguous. */
export function formatDay(day: string, lang: StatsLang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || TEXTS[lang].dayFormat === 'yyyy-mm-dd') return day;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** A language code as a name ("ar" → "arabo"); an unknown code stays as it is. */
export function languageName(code: string, lang: StatsLang): string {
  const names: Record<string, string> = TEXTS[lang].languages;
  return names[code] ?? code;
}
