import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYaml, validate } from '../content/yaml.js';
import type { Route } from '../engine/ports.js';
import type { Problem } from '../errors.js';

/** knowledge/topics.yaml: the service topics with their stable ids and what Ponte offers after answering. */
const topicsSchema = z.strictObject({
  topics: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), it: z.string().min(1), route: z.enum(['sportello', 'mediatore', 'emergenza']) }))
    .min(1),
});

export interface TopicInfo {
  id: string;
  it: string;
  route: Route;
}

export function loadTopics(rootDir: string): { topics: Map<string, TopicInfo>; problems: Problem[] } {
  const file = 'knowledge/topics.yaml';
  const parsed = parseYaml(file, readFileSync(join(rootDir, file), 'utf8'));
  if (!parsed.ok) return { topics: new Map(), problems: parsed.problems };
  const valid = validate(parsed.yaml, parsed.data, topicsSchema);
  if (!valid.ok) return { topics: new Map(), problems: valid.problems };
  const topics = new Map<string, TopicInfo>();
  const problems: Problem[] = [];
  valid.value.topics.forEach((t, i) => {
    if (topics.has(t.id)) problems.push({ file, line: parsed.yaml.lineOf(['topics', i, 'id']), message: `duplicate topic id "${t.id}"`, severity: 'error' });
    topics.set(t.id, t);
  });
  return { topics, problems };
}
