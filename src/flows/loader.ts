import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseYaml, problemAt, validate, type LocatedYaml, type Path } from '../content/yaml.js';
import type { StepRef } from '../engine/types.js';
import type { Problem } from '../errors.js';
import { ENTRY } from './entries.js';
import { flowSchema, type FlowFile, type FlowOption, type Step } from './schema.js';

export interface Flow {
  id: string;
  file: string;
  start: string;
  steps: Map<string, Step>;
}

/** All flows, with step references resolved. */
export class FlowSet {
  constructor(readonly flows: Map<string, Flow>) {}

  step(ref: StepRef): Step | undefined {
    return this.flows.get(ref.flow)?.steps.get(ref.step);
  }

  /** Resolves "step" or "flow:step" written inside `flow`. */
  static resolve(target: string, flow: string): StepRef {
    const colon = target.indexOf(':');
    return colon < 0 ? { flow, step: target } : { flow: target.slice(0, colon), step: target.slice(colon + 1) };
  }

  startOf(flow: string): StepRef | undefined {
    const f = this.flows.get(flow);
    return f ? { flow, step: f.start } : undefined;
  }
}

/** What a flow may refer to outside itself; a missing set is not checked. */
export interface FlowReferences {
  textKeys?: Set<string>;
  topicIds?: Set<string>;
}

/**
 * Loads `flows/*.yaml`. Every problem is reported with its file and line; a flow with errors is left out,
 * and references into it are then reported too.
 */
export function loadFlows(rootDir: string, refs: FlowReferences = {}): { flows: FlowSet; problems: Problem[] } {
  const dir = join(rootDir, 'flows');
  const problems: Problem[] = [];
  const parsed: Array<{ yaml: LocatedYaml; flow: FlowFile }> = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = relative(rootDir, join(dir, name));
    const result = parseYaml(file, readFileSync(join(dir, name), 'utf8'));
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const valid = validate(result.yaml, result.data, flowSchema);
    if (!valid.ok) {
      problems.push(...valid.problems);
      continue;
    }
    const expectedId = basename(name).replace(/\.ya?ml$/, '');
    if (valid.value.id !== expectedId) {
      problems.push(problemAt(result.yaml, ['id'], `the flow id must be the file name: "${expectedId}"`));
      continue;
    }
    parsed.push({ yaml: result.yaml, flow: valid.value });
  }

  const flows = new Map<string, Flow>();
  for (const { yaml, flow } of parsed) {
    flows.set(flow.id, { id: flow.id, file: yaml.file, start: flow.start, steps: new Map(Object.entries(flow.steps)) });
  }
  const set = new FlowSet(flows);
  /** Edges of the step graph, for the reachability check. */
  const edges = new Map<string, string[]>();
  const key = (r: StepRef) => `${r.flow}:${r.step}`;

  for (const { yaml, flow } of parsed) {
    const at = (path: Path, message: string) => problems.push(problemAt(yaml, path, message));
    let from = '';
    const edge = (to: string) => edges.set(from, [...(edges.get(from) ?? []), to]);
    const checkRef = (target: string, path: Path) => {
      const ref = FlowSet.resolve(target, flow.id);
      if (!flows.has(ref.flow)) at(path, `unknown flow "${ref.flow}"`);
      else if (!set.step(ref)) at(path, `unknown step "${target}"`);
      else edge(key(ref));
    };
    if (!flow.steps[flow.start]) at(['start'], `unknown step "${flow.start}"`);
    for (const [stepId, step] of Object.entries(flow.steps)) {
      const base: Path = ['steps', stepId];
      from = `${flow.id}:${stepId}`;
      if ('text' in step && step.text && refs.textKeys && !refs.textKeys.has(step.text)) {
        at([...base, 'text'], `unknown translation key "${step.text}" (not in locales/it)`);
      }
      if (step.type === 'ask' && step.invalid && refs.textKeys && !refs.textKeys.has(step.invalid)) {
        at([...base, 'invalid'], `unknown translation key "${step.invalid}" (not in locales/it)`);
      }
      if (step.type === 'message') step.options?.forEach((o, i) => checkOption(o, [...base, 'options', i]));
      if ('next' in step && step.next) checkRef(step.next, [...base, 'next']);
      if (step.type === 'goto') checkRef(step.to, [...base, 'to']);
      if (step.type === 'subflow') {
        if (!flows.has(step.flow)) at([...base, 'flow'], `unknown flow "${step.flow}"`);
        else edge(`${step.flow}:${flows.get(step.flow)!.start}`);
      }
      if (step.type === 'action' && step.topic && refs.topicIds && !refs.topicIds.has(step.topic)) {
        at([...base, 'topic'], `unknown topic "${step.topic}" (not in knowledge/topics.yaml)`);
      }
    }

    function checkOption(option: FlowOption, path: Path) {
      if ('topic' in option) {
        if (refs.topicIds && !refs.topicIds.has(option.topic)) at([...path, 'topic'], `unknown topic "${option.topic}" (not in knowledge/topics.yaml)`);
        return;
      }
      if (refs.textKeys && !refs.textKeys.has(option.label)) at([...path, 'label'], `unknown translation key "${option.label}" (not in locales/it)`);
      checkRef(option.next, [...path, 'next']);
    }
  }

  // Reachable: from the engine's entry points and each flow's start, following every edge.
  const roots: string[] = parsed.map((p) => `${p.flow.id}:${p.flow.start}`);
  for (const [name, ref] of Object.entries(ENTRY)) {
    if (set.step(ref)) roots.push(key(ref));
    else if (parsed.length > 0) {
      const owner = parsed.find((p) => p.flow.id === ref.flow);
      problems.push(
        owner
          ? problemAt(owner.yaml, ['steps'], `the engine needs step "${ref.step}" (${name})`)
          : { file: `flows/${ref.flow}.yaml`, line: 1, message: `the engine needs flow "${ref.flow}" with step "${ref.step}" (${name})`, severity: 'error' },
      );
    }
  }
  const reached = new Set<string>();
  for (const queue = [...roots]; queue.length > 0; ) {
    const next = queue.pop()!;
    if (reached.has(next)) continue;
    reached.add(next);
    queue.push(...(edges.get(next) ?? []));
  }
  for (const { yaml, flow } of parsed) {
    for (const stepId of Object.keys(flow.steps)) {
      if (!reached.has(`${flow.id}:${stepId}`)) problems.push(problemAt(yaml, ['steps', stepId], `unreachable step "${stepId}": nothing leads to it`));
    }
  }
  return { flows: set, problems };
}
