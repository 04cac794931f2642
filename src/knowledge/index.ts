/** The knowledge module's public surface: what the engine, the app and the CLI import. */
export { KnowledgeBase, loadKnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';
export { watchKnowledge, type WatchOptions } from './watch.js';
export { checkKnowledge, kbStatus, formatKbStatus, type KbStatus, type KbCellStatus } from './status.js';
export { DEFAULT_THRESHOLDS, type Thresholds } from './classifier.js';
export { bodyHash } from './hash.js';
export type { KnowledgeFile } from './file.js';
