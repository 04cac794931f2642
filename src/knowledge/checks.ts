import { LANGUAGES, type Lang } from '../engine/types.js';
import type { Problem } from '../errors.js';
import type { KnowledgeFile } from './file.js';
import { TOPICS_DIR, type KnowledgeContent } from './loader.js';

/** Checks across knowledge files: translations behind the Italian text, missing translations, reviews. */

/** A review older than this asks for a new one. */
export const REVIEW_MAX_AGE_MONTHS = 12;

export function knowledgeFilePath(topic: string, lang: Lang): string {
  return `${TOPICS_DIR}/${topic}/${lang}.md`;
}

/** The translation is behind when it was made from an Italian body other than the current one. */
export function isOutdated(translation: KnowledgeFile, italian: KnowledgeFile | undefined): boolean {
  return italian !== undefined && translation.lang !== 'it' && translation.translatedFrom !== italian.hash;
}

/** The review is missing (`reviewed: false`) or older than REVIEW_MAX_AGE_MONTHS before `now`. */
export function needsReview(file: KnowledgeFile, now: Date): boolean {
  if (file.reviewed === false) return true;
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - REVIEW_MAX_AGE_MONTHS);
  return file.reviewed.date < limit.toISOString().slice(0, 10);
}

export function crossFileProblems(content: KnowledgeContent, now: Date): Problem[] {
  const problems: Problem[] = [];
  const warn = (file: string, line: number, message: string) => problems.push({ file, line, message, severity: 'warning' });
  for (const topic of content.catalogue) {
    const italian = content.files.get(knowledgeFilePath(topic.id, 'it'));
    for (const lang of LANGUAGES) {
      const path = knowledgeFilePath(topic.id, lang);
      const file = content.files.get(path);
      if (!file) {
        // A present but invalid file has its own errors already.
        if (!content.present.has(path)) {
          warn(path, 1, lang === 'it' ? `missing: topic ${topic.id} has no Italian master text` : `missing: the ${lang} translation of ${topic.id} (Italian is served instead)`);
        }
        continue;
      }
      if (isOutdated(file, italian)) {
        warn(path, file.translatedFromLine ?? 1, `translation behind the Italian text (made from ${file.translatedFrom}, Italian is now ${italian!.hash})`);
      }
      if (file.reviewed === false) warn(path, file.reviewedLine, 'not reviewed by an operator yet');
      else if (needsReview(file, now)) {
        warn(path, file.reviewedLine, `last reviewed on ${file.reviewed.date}, more than ${REVIEW_MAX_AGE_MONTHS} months ago: check it against its sources`);
      }
    }
  }
  return problems;
}
