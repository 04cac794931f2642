import type { LoadedLocales } from '../i18n/locales.js';
import { ENTRY } from './entries.js';
import { FlowSet, type Flow } from './loader.js';
import type { Step } from './schema.js';

/**
 * A flow as a Mermaid `flowchart TD`, so an operator can see a conversation as a picture. Each step is a node
 * labelled with its id, its kind and the beginning of its Italian text; edges follow next, options (labelled
 * with the option's Italian label, or the topic id), goto and subflow. Steps of other flows appear as
 * `flow:step` nodes with a dashed border. The output depends only on the files: same files, same text.
 */

/** Looks up the Italian text of a key ("menu.title", "ns:key"); undefined when there is none. */
export type TextLookup = (key: string) => string | undefined;

export interface GraphOptions {
  /** Characters of a step's text shown in its node (default 48). */
  maxText?: number;
}

const SHAPES: Record<Step['type'], [string, string]> = {
  message: ['["', '"]'],
  ask: ['[/"', '"/]'],
  language: ['[/"', '"/]'],
  action: ['{{"', '"}}'],
  goto: ['[["', '"]]'],
  subflow: ['[["', '"]]'],
  end: ['(["', '"])'],
};

export function flowToMermaid(flow: Flow, flows: FlowSet, text: TextLookup, options: GraphOptions = {}): string {
  const maxText = options.maxText ?? 48;
  const ids = new NodeIds();
  const nodes: string[] = [];
  const edges: string[] = [];
  const external = new Map<string, string>();

  const internalId = (step: string) => ids.get(`s_${step}`, `${flow.id}:${step}`);
  /** A step reference written inside this flow, as a node id (adding a node for another flow's step). */
  const target = (ref: string): string => {
    const resolved = FlowSet.resolve(ref, flow.id);
    if (resolved.flow === flow.id) return internalId(resolved.step);
    const name = `${resolved.flow}:${resolved.step}`;
    if (!external.has(name)) external.set(name, ids.get(`f_${resolved.flow}__${resolved.step}`, name));
    return external.get(name)!;
  };
  const edge = (from: string, to: string, label?: string, style: '-->' | '-.->' | '==>' = '-->') =>
    edges.push(`  ${from} ${style}${label ? `|"${escape(label)}"|` : ''} ${to}`);

  const entry = ids.get(`start_${flow.id}`, `start:${flow.id}`);
  nodes.push(`  ${entry}(("${escape(flow.id)}"))`);
  edge(entry, internalId(flow.start));

  for (const [stepId, step] of flow.steps) {
    const id = internalId(stepId);
    const [open, close] = SHAPES[step.type];
    const lines = [`${stepId} · ${kindOf(step)}`];
    const key = 'text' in step ? step.text : undefined;
    if (key) lines.push(shorten(plain(text(key) ?? key), maxText));
    nodes.push(`  ${id}${open}${lines.map(escape).join('<br/>')}${close}`);

    switch (step.type) {
      case 'message':
        if (step.next) edge(id, target(step.next));
        for (const option of step.options ?? []) {
          if ('topic' in option) {
            // The engine answers the topic, then goes where every answer goes.
            edge(id, target(`${ENTRY.afterAnswer.flow}:${ENTRY.afterAnswer.step}`), `topic: ${option.topic}`);
          } else {
            edge(id, target(option.next), shorten(plain(text(option.label) ?? option.label), 32));
          }
        }
        break;
      case 'ask':
        if (step.invalid) edge(id, id, 'invalid', '-.->');
        edge(id, target(step.next));
        break;
      case 'language':
      case 'action':
        if (step.next) edge(id, target(step.next));
        break;
      case 'goto':
        edge(id, target(step.to), 'goto', '-.->');
        break;
      case 'subflow': {
        const start = flows.flows.get(step.flow)?.start ?? '?';
        edge(id, target(`${step.flow}:${start}`), 'subflow', '==>');
        edge(id, target(step.next), 'then');
        break;
      }
      case 'end':
        break;
    }
  }
  for (const [name, id] of external) nodes.push(`  ${id}("${escape(name)}"):::external`);

  return [
    'flowchart TD',
    `  %% flow "${flow.id}" (${flow.file}), drawn by: ponte flows graph ${flow.id}`,
    '  classDef external stroke-dasharray: 4 3',
    ...nodes,
    ...edges,
  ].join('\n') + '\n';
}

/** Italian texts of locales/it/*.json: "key" for ui.json, "ns:key" for the others; a plural key gives its _other form. */
export function italianTexts(locales: LoadedLocales): TextLookup {
  const texts = new Map<string, string>();
  for (const file of locales.files.filter((f) => f.lang === 'it')) {
    const prefix = file.namespace === 'ui' ? '' : `${file.namespace}:`;
    for (const [key, value] of file.strings) {
      texts.set(prefix + key, value);
      if (key.endsWith('_other')) texts.set(prefix + key.slice(0, -'_other'.length), value);
    }
  }
  return (key) => texts.get(key);
}

function kindOf(step: Step): string {
  switch (step.type) {
    case 'ask':
      return `ask ${step.slot} (${step.validate})`;
    case 'action': {
      const detail = step.action === 'set_slot' ? `${step.slot}=${step.value}` : step.topic ?? step.value ?? step.slot;
      return `action ${step.action}${detail ? ` ${detail}` : ''}`;
    }
    case 'subflow':
      return `subflow ${step.flow}`;
    default:
      return step.type;
  }
}

/** Chat text on one line, without the **bold** marks. */
function plain(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('').trimEnd() + '…';
}

/** Inside a quoted Mermaid label only these need entity codes. */
function escape(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** Mermaid node ids: letters, digits and _ only, unique. */
class NodeIds {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  get(wanted: string, name: string): string {
    const known = this.byName.get(name);
    if (known) return known;
    const base = wanted.replace(/[^A-Za-z0-9_]/g, '_');
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byName.set(name, id);
    return id;
  }
}
