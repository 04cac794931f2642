/** The statistics module's public surface: what the engine wiring, the CLI and the bot use. */
export { openStatsStore, STATS_FILE, UNANSWERED_RETENTION_DAYS, type StatsStore, type StatsStoreOptions, type StatsCounters } from './store.js';
export { createStatsSink, type StatsSinkOptions } from './sink.js';
export { summarize, ALL, type Summary, type SummaryRow, type SummaryOptions, type Figures } from './summary.js';
export { formatSummary, FORMATS, type Format } from './format.js';
export { FIELDS, MEASURES, summaryQuerySchema, type Field, type Measure } from './fields.js';
export { hasEvents, shortSummary, SHORT_SUMMARY_DAYS } from './short-summary.js';
export { STATS_LANGS, DEFAULT_STATS_LANG, statsTexts, type StatsLang, type StatsTexts } from './texts.js';
export { topUnanswered, UNANSWERED_MIN_PEOPLE, type UnansweredQuestion } from './unanswered.js';
export { scrubQuestion } from './scrub.js';
export { SMALL_CELL_THRESHOLD } from './suppression.js';
export { startDashboard, DEFAULT_DASHBOARD_PORT, type Dashboard, type DashboardOptions } from './dashboard/server.js';
