import type { Problem } from '../errors.js';
import { FlowSet, loadFlows } from '../flows/loader.js';
import { loadLocales, masterKeys } from '../i18n/locales.js';
import { createTranslator, type Translator } from '../i18n/translator.js';
import { Directory, directoryWarnings, loadDirectory, type CheckOptions } from '../directory/index.js';
import { checkKnowledge, KnowledgeBase, loadKnowledgeBase } from '../knowledge/index.js';
import { loadTopics, type TopicInfo } from './topics.js';

/** Everything operators edit, loaded and cross-checked: flows, locales, topics, knowledge, directory. */
export interface Content {
  flows: FlowSet;
  translator: Translator;
  topics: Map<string, TopicInfo>;
  knowledge: KnowledgeBase;
  directory: Directory;
}

export function loadContent(rootDir: string, options: CheckOptions = {}): { content: Content; problems: Problem[] } {
  const problems: Problem[] = [];
  const topics = loadTopics(rootDir);
  problems.push(...topics.problems);
  const locales = loadLocales(rootDir);
  problems.push(...locales.problems);
  const flows = loadFlows(rootDir, { textKeys: masterKeys(locales), topicIds: new Set(topics.topics.keys()) });
  problems.push(...flows.problems);
  // The knowledge loader's own problems are part of checkKnowledge, with the warnings across files.
  const knowledge = loadKnowledgeBase(rootDir).base;
  problems.push(...checkKnowledge(rootDir));
  const { directory, problems: directoryProblems } = loadDirectory(rootDir);
  problems.push(...directoryProblems, ...directoryWarnings(directory, options));
  return {
    content: { flows: flows.flows, translator: createTranslator(locales.resources), topics: topics.topics, knowledge, directory },
    problems,
  };
}
