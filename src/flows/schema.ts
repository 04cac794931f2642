import { z } from 'zod';

/**
 * The flow file format, version 1: one schema per step kind, told apart by `type`.
 * A step reference is `step` (same flow) or `flow:step`.
 */

export const FLOW_VERSION = 1;

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, _ and -');
const stepRef = z.string().regex(/^([a-z][a-z0-9_-]*:)?[a-z][a-z0-9_-]*$/, 'a step is "step" or "flow:step"');
/** An i18next key in locales/<lang>/ui.json ("menu.title"), or "namespace:key" for another file. */
const textKey = z.string().regex(/^([a-z][a-z0-9_-]*:)?[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i, 'a translation key such as "menu.title"');
const topicId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a topic id from knowledge/topics.yaml');

const labelledOption = z.strictObject({ label: textKey, next: stepRef });
/** Shorthand for "answer this topic": the label is the topic's title in the person's language. */
const topicOption = z.strictObject({ topic: topicId });
export const optionSchema = z.union([labelledOption, topicOption], {
  error: 'an option is either {label, next} or {topic}',
});

const messageStep = z
  .strictObject({
    type: z.literal('message'),
    text: textKey,
    options: z.array(optionSchema).min(1).max(12).optional(),
    next: stepRef.optional(),
  })
  .refine((s) => (s.options ? !s.next : !!s.next), {
    error: 'a message step has either options (each with its next) or a next, not both and not neither',
  });

export const VALIDATORS = ['text', 'number', 'place'] as const;
const askStep = z.strictObject({
  type: z.literal('ask'),
  text: textKey,
  slot: id,
  validate: z.enum(VALIDATORS),
  /** Said when the input does not pass the validator; the question is then asked again. */
  invalid: textKey.optional(),
  next: stepRef,
});

const languageStep = z.strictObject({ type: z.literal('language'), text: textKey, next: stepRef });

export const ACTIONS = [
  'answer_question',
  'answer_topic',
  'find_nearest',
  'request_mediator',
  'set_language',
  'set_slot',
  'feedback',
  'route',
  'forget',
] as const;
export type ActionName = (typeof ACTIONS)[number];

const actionStep = z
  .strictObject({
    type: z.literal('action'),
    action: z.enum(ACTIONS),
    slot: id.optional(),
    value: z.string().optional(),
    topic: topicId.optional(),
    next: stepRef.optional(),
  })
  .superRefine((s, ctx) => {
    const need = (field: 'slot' | 'value' | 'topic') => {
      if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `action "${s.action}" needs "${field}"` });
    };
    if (s.action === 'answer_question') need('slot');
    if (s.action === 'answer_topic') need('topic');
    if (s.action === 'set_slot') (need('slot'), need('value'));
    if (s.action === 'set_language') need('value');
    if (s.action === 'feedback' && s.value !== 'yes' && s.value !== 'no') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'feedback value must be "yes" or "no"' });
    }
    // These actions decide where the conversation goes themselves.
    const decides = s.action === 'route' || s.action === 'forget';
    if (decides && s.next) ctx.addIssue({ code: 'custom', path: ['next'], message: `action "${s.action}" chooses the next step itself: remove "next"` });
    if (!decides && !s.next) ctx.addIssue({ code: 'custom', path: ['next'], message: `action "${s.action}" needs "next"` });
  });

const gotoStep = z.strictObject({ type: z.literal('goto'), to: stepRef });
/** Runs another flow from its start and comes back to `next` when that flow ends. */
const subflowStep = z.strictObject({ type: z.literal('subflow'), flow: id, next: stepRef });
const endStep = z.strictObject({ type: z.literal('end'), text: textKey.optional() });

export const stepSchema = z.discriminatedUnion('type', [messageStep, askStep, languageStep, actionStep, gotoStep, subflowStep, endStep], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'unknown step type: use message, ask, language, action, goto, subflow or end' : undefined,
});

export const flowSchema = z.strictObject({
  version: z.literal(FLOW_VERSION, { error: `this Ponte reads flow files of version ${FLOW_VERSION}` }),
  id,
  start: id,
  steps: z.record(id, stepSchema).refine((steps) => Object.keys(steps).length > 0, 'a flow needs at least one step'),
});

export type FlowFile = z.infer<typeof flowSchema>;
export type Step = z.infer<typeof stepSchema>;
export type FlowOption = z.infer<typeof optionSchema>;
