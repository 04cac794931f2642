import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYaml, validate } from '../content/yaml.js';
import { LANGUAGES } from '../engine/types.js';
import type { Problem } from '../errors.js';

/**
 * knowledge/out-of-scope.yaml: everyday questions Ponte does not answer (weather, sport, recipes...), in the
 * ten languages. They become one extra document of the search index with no answer behind it, so that a
 * question closer to them than to any topic is recognised as out of scope rather than forced onto a topic.
 */
export const OUT_OF_SCOPE_FILE = 'knowledge/out-of-scope.yaml';
/** The id of that document in the index: not a topic id (topic ids cannot start with "_"). */
export const OUT_OF_SCOPE_ID = '_out-of-scope';

const schema = z.strictObject({
  version: z.literal(1),
  questions: z.partialRecord(z.enum(LANGUAGES), z.array(z.string().trim().min(1)).min(1)),
});

export function loadOutOfScope(rootDir: string): { questions: string[]; problems: Problem[] } {
  const path = join(rootDir, OUT_OF_SCOPE_FILE);
  // Optional: without it Ponte relies on its confidence threshold alone.
  if (!existsSync(path)) return { questions: [], problems: [] };
  const parsed = parseYaml(OUT_OF_SCOPE_FILE, readFileSync(path, 'utf8'));
  if (!parsed.ok) return { questions: [], problems: parsed.problems };
  const checked = validate(parsed.yaml, parsed.data, schema);
  if (!checked.ok) return { questions: [], problems: checked.problems };
  return { questions: Object.values(checked.value.questions).flat(), problems: [] };
}
