import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Route } from '../engine/ports.js';
import type { Problem } from '../errors.js';
import { parseYaml, validate } from './yaml.js';

/**
 * knowledge/topics.yaml: the service topics with their stable ids, their Italian scope and the route offered
 * after an answer. The one reader of that file: flows, knowledge, directory, importer and dashboard all
 * take their topic ids from here.
 */
export const CATALOGUE_FILE = 'knowledge/topics.yaml';

const text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');

export const catalogueSchema = z.object({
  topics: z
    .array(
      z.looseObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a topic id like permesso-rinnovo'),
        it: text,
        route: z.enum(['sportello', 'mediatore', 'emergenza']),
      }),
    )
    .min(1)
    .superRefine((topics, ctx) => {
      const seen = new Set<string>();
      topics.forEach((t, i) => {
        if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `topic ${t.id} is listed twice` });
        seen.add(t.id);
      });
    }),
});

export interface CatalogueTopic {
  id: string;
  /** The Italian description of the topic's scope. */
  it: string;
  route: Route;
  /** File line of the topic in the catalogue. */
  line: number;
}

/** Reads knowledge/topics.yaml. A broken catalogue gives an empty list and its problems. */
export function loadCatalogue(rootDir: string): { value: CatalogueTopic[]; problems: Problem[] } {
  const path = join(rootDir, CATALOGUE_FILE);
  if (!existsSync(path)) {
    return { value: [], problems: [{ file: CATALOGUE_FILE, line: 1, message: 'the topic catalogue is missing', severity: 'error' }] };
  }
  const parsed = parseYaml(CATALOGUE_FILE, readFileSync(path, 'utf8'));
  if (!parsed.ok) return { value: [], problems: parsed.problems };
  const checked = validate(parsed.yaml, parsed.data, catalogueSchema);
  if (!checked.ok) return { value: [], problems: checked.problems };
  const value = checked.value.topics.map((t, i) => ({ id: t.id, it: t.it, route: t.route, line: parsed.yaml.lineOf(['topics', i, 'id']) }));
  return { value, problems: [] };
}
