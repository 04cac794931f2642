import type { StepRef } from '../engine/types.js';

/**
 * The steps the engine itself jumps to (on a command, after an answer, when a location arrives).
 * `ponte check` fails when a flow file removes one of them.
 */
export const ENTRY = {
  welcome: { flow: 'welcome', step: 'hello' },
  chooseLanguage: { flow: 'welcome', step: 'choose_language' },
  menu: { flow: 'menu', step: 'main' },
  afterAnswer: { flow: 'answer', step: 'feedback' },
  findNearest: { flow: 'find', step: 'start' },
  mediator: { flow: 'mediator', step: 'start' },
  emergency: { flow: 'emergency', step: 'numbers' },
  privacy: { flow: 'privacy', step: 'info' },
} as const satisfies Record<string, StepRef>;
