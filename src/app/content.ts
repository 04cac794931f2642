import type { Problem } from '../errors.js';
import { FlowSet, loadFlows } from '../flows/loader.js';
import { loadLocales, masterKeys } from '../i18n/locales.js';
import { createTranslator, type Translator } from '../i18n/translator.js';
import { Directory, directoryWarnings, loadDirectory, type CheckOptions } from '../directory/index.js';
import type { CatalogueTopic } from '../content/catalogue.js';
import { KnowledgeBase, loadKnowledgeBase } from '../knowledge/index.js';

/** Everything operators edit, loaded and cross-checked: topics, knowledge, locales, flows, directory. */
export interface Content {
  flows: FlowSet;
  translator: Translator;
  /** knowledge/topics.yaml, as the knowledge base read it. */
  topics: readonly CatalogueTopic[];
  knowledge: KnowledgeBase;
  directory: Directory;
}

export function loadContent(rootDir: string, options: CheckOptions = {}): { content: Content; problems: Problem[] } {
  const problems: Problem[] = [];
  // The knowledge base reads the topic catalogue (and reports its problems) for everyone.
  const { base: knowledge, problems: knowledgeProblems } = loadKnowledgeBase(rootDir);
  problems.push(...knowledgeProblems);
  const topics = knowledge.content.catalogue;
  const locales = loadLocales(rootDir);
  problems.push(...locales.problems);
  const flows = loadFlows(rootDir, { textKeys: masterKeys(locales), topicIds: new Set(topics.map((t) => t.id)) });
  problems.push(...flows.problems);
  const { directory, problems: directoryProblems } = loadDirectory(rootDir, topics);
  problems.push(...directoryProblems, ...directoryWarnings(directory, options));
  return {
    content: { flows: flows.flows, translator: createTranslator(locales.resources), topics, knowledge, directory },
    problems,
  };
}
