import type { Lang } from '../engine/types.js';
import type { Classification, KnowledgePort, Route, ScoredTopic, TopicAnswer } from '../engine/ports.js';
import type { Problem } from '../errors.js';
import { classify, DEFAULT_THRESHOLDS, type Thresholds } from './classifier.js';
import { crossFileProblems, knowledgeFilePath } from './checks.js';
import type { KnowledgeFile } from './file.js';
import { LanguageDetector } from './lang-detect.js';
import { loadKnowledgeContent, type KnowledgeContent } from './loader.js';
import { OUT_OF_SCOPE_ID } from './out-of-scope.js';
import { SearchIndex, type IndexedDocument } from './search-index.js';

/**
 * The knowledge base the engine asks: answers per topic and language (Italian when a translation is
 * missing), titles for menus, routes, and the classification of free questions. Immutable: a reload builds
 * a new one (see watch.ts).
 */

/** How much an occurrence counts in each part of a knowledge file. */
export const FIELD_WEIGHTS = { title: 3, question: 1, keyword: 3, body: 0.3 };

export interface KnowledgeBaseOptions {
  thresholds?: Thresholds;
}

export class KnowledgeBase implements KnowledgePort {
  private readonly routes = new Map<string, Route>();
  private readonly byTopic = new Map<string, Map<Lang, KnowledgeFile>>();
  readonly index: SearchIndex;
  private readonly detector: LanguageDetector;
  private readonly thresholds: Thresholds;

  constructor(
    readonly content: KnowledgeContent,
    readonly options: KnowledgeBaseOptions = {},
  ) {
    for (const topic of content.catalogue) this.routes.set(topic.id, topic.route);
    for (const file of content.files.values()) {
      const perLang = this.byTopic.get(file.topic) ?? new Map<Lang, KnowledgeFile>();
      this.byTopic.set(file.topic, perLang);
      perLang.set(file.lang, file);
    }
    this.index = SearchIndex.build(indexedDocuments(content.files.values(), content.outOfScope));
    this.detector = new LanguageDetector(languageSamples(content.files.values()));
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  }

  /** Topics with at least one valid file, in catalogue order. */
  topics(): string[] {
    const ordered = this.content.catalogue.map((t) => t.id).filter((id) => this.byTopic.has(id));
    const extra = [...this.byTopic.keys()].filter((id) => !this.routes.has(id)).sort();
    return [...ordered, ...extra];
  }

  classify(question: string, _lang: Lang | null): Classification {
    return classify(question, this.index, this.detector, this.thresholds);
  }

  /** The best topics for a question by rank alone, before any decision (for evaluation: top-3 recall). */
  rank(question: string, limit = 3): ScoredTopic[] {
    return this.index
      .search(question, limit + 1)
      .hits.filter((h) => h.id !== OUT_OF_SCOPE_ID)
      .slice(0, limit)
      .map((h) => ({ topic: h.id, score: h.score }));
  }

  /** The language detected in a text, when the evidence is clear. */
  detectLanguage(text: string): Lang | undefined {
    return this.detector.detect(text);
  }

  /** The file served for a topic in a language: the translation, else Italian, else any other language. */
  private served(topic: string, lang: Lang): KnowledgeFile | undefined {
    const perLang = this.byTopic.get(topic);
    if (!perLang) return undefined;
    return perLang.get(lang) ?? perLang.get('it') ?? perLang.get('en') ?? perLang.values().next().value;
  }

  answer(topic: string, lang: Lang): TopicAnswer | undefined {
    const file = this.served(topic, lang);
    if (!file) return undefined;
    return {
      topic,
      lang: file.lang,
      title: file.title,
      messages: [...file.messages],
      updated: file.updated,
      sources: file.sources.map((s) => ({ ...s })),
      // A topic missing from a broken catalogue still leads somewhere useful.
      route: this.routes.get(topic) ?? 'sportello',
    };
  }

  title(topic: string, lang: Lang): string | undefined {
    return this.served(topic, lang)?.title;
  }

  route(topic: string): Route | undefined {
    return this.routes.get(topic);
  }

  /** The valid file of a topic in exactly this language, if any. */
  file(topic: string, lang: Lang): KnowledgeFile | undefined {
    return this.content.files.get(knowledgeFilePath(topic, lang));
  }
}

/** One search document per topic, all its languages together (Italian terms are shared across languages). */
export function indexedDocuments(files: Iterable<KnowledgeFile>, outOfScope: readonly string[] = []): IndexedDocument[] {
  const docs = new Map<string, IndexedDocument>();
  if (outOfScope.length > 0) {
    docs.set(OUT_OF_SCOPE_ID, { id: OUT_OF_SCOPE_ID, fields: outOfScope.map((text) => ({ text, weight: FIELD_WEIGHTS.question })), passages: [...outOfScope] });
  }
  for (const file of files) {
    const doc = docs.get(file.topic) ?? { id: file.topic, fields: [], passages: [] };
    doc.passages!.push(file.title, ...file.questions);
    docs.set(file.topic, doc);
    doc.fields.push({ text: file.title, weight: FIELD_WEIGHTS.title });
    for (const q of file.questions) doc.fields.push({ text: q, weight: FIELD_WEIGHTS.question });
    for (const k of file.keywords) doc.fields.push({ text: k, weight: FIELD_WEIGHTS.keyword });
    for (const m of file.messages) doc.fields.push({ text: m, weight: FIELD_WEIGHTS.body });
  }
  return [...docs.values()];
}

function* languageSamples(files: Iterable<KnowledgeFile>): Iterable<{ lang: Lang; text: string }> {
  for (const file of files) {
    // Arabic, Urdu and Bengali files teach only their Latin-letter chat questions, not the Italian terms in brackets.
    const latinChat = file.lang === 'ar' || file.lang === 'ur' || file.lang === 'bn';
    for (const q of file.questions) if (!latinChat || !/[^\p{Script=Latin}\p{P}\p{N}\s]/u.test(q)) yield { lang: file.lang, text: q };
    if (latinChat) continue;
    yield { lang: file.lang, text: file.title };
    for (const m of file.messages) yield { lang: file.lang, text: m };
  }
}

/**
 * Loads the knowledge of a repository (`rootDir` holds knowledge/topics.yaml and knowledge/topics/).
 * Never throws on bad content: invalid files are skipped and reported with file:line, together with the
 * warnings across files. `previous` keeps the last good version of files that became invalid (hot reload).
 */
export function loadKnowledgeBase(
  rootDir: string,
  options: KnowledgeBaseOptions & { previous?: KnowledgeBase; now?: Date } = {},
): { base: KnowledgeBase; problems: Problem[] } {
  const loaded = loadKnowledgeContent(rootDir, options.previous?.content.files);
  const problems = [...loaded.problems, ...crossFileProblems(loaded.value, options.now ?? new Date())];
  return { base: new KnowledgeBase(loaded.value, options), problems };
}
