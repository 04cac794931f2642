import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/app/content.js';
import { formatProblem } from '../../src/errors.js';
import { contentCopy } from '../support/content.js';

let copy: ReturnType<typeof contentCopy>;
afterEach(() => copy?.remove());

/** Loads the copy and returns its problems as `ponte check` prints them. */
function problemsWith(file: string, text: string): string[] {
  copy = contentCopy();
  copy.write(file, text);
  return loadContent(copy.root).problems.map(formatProblem);
}

const HEADER = 'version: 1\nid: extra\nstart: first\nsteps:\n';

describe('flow files: every error names the file, the line and the path', () => {
  it('the repository flows load without a problem', () => {
    copy = contentCopy();
    expect(loadContent(copy.root).problems.filter((p) => p.file.startsWith('flows/'))).toEqual([]);
  });

  it('an unknown step', () => {
    const problems = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: ask\n    text: find.ask_place\n    slot: place\n    validate: place\n    next: fnd\n`);
    expect(problems).toContain('flows/extra.yaml:10: steps.first.next: unknown step "fnd"');
  });

  it('an unknown flow in a step reference', () => {
    const problems = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: goto\n    to: nowhere:main\n`);
    expect(problems).toContain('flows/extra.yaml:7: steps.first.to: unknown flow "nowhere"');
  });

  it('an unreachable step', () => {
    const problems = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: end\n  lonely:\n    type: end\n`);
    expect(problems).toContain('flows/extra.yaml:7: steps.lonely: unreachable step "lonely": nothing leads to it');
  });

  it('an option that leads nowhere', () => {
    const problems = problemsWith(
      'flows/extra.yaml',
      `${HEADER}  first:\n    type: message\n    text: menu.title\n    options:\n      - label: common.back\n        next: gone\n      - label: common.menu\n`,
    );
    // An option without a destination is a schema error, at its line.
    expect(problems).toContain('flows/extra.yaml:11: steps.first.options[1]: an option is either {label, next} or {topic}');
    // An option whose destination does not exist.
    const dangling = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: message\n    text: menu.title\n    options:\n      - label: common.back\n        next: gone\n`);
    expect(dangling).toContain('flows/extra.yaml:10: steps.first.options[0].next: unknown step "gone"');
  });

  it('an unknown step type', () => {
    const problems = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: jump\n`);
    expect(problems).toContain('flows/extra.yaml:6: steps.first.type: unknown step type: use message, ask, language, action, goto, subflow or end');
  });

  it('an unknown translation key and an unknown topic', () => {
    const problems = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: message\n    text: menu.nope\n    options:\n      - topic: pizza\n`);
    expect(problems).toContain('flows/extra.yaml:7: steps.first.text: unknown translation key "menu.nope" (not in locales/it)');
    expect(problems).toContain('flows/extra.yaml:9: steps.first.options[0].topic: unknown topic "pizza" (not in knowledge/topics.yaml)');
  });

  it('broken YAML', () => {
    const problems = problemsWith('flows/extra.yaml', `${HEADER}  first:\n    type: end\n   text: [oops\n`);
    expect(problems.some((p) => /^flows\/extra\.yaml:7: invalid YAML/.test(p))).toBe(true);
  });

  it('a wrong version is refused, not misread', () => {
    const problems = problemsWith('flows/extra.yaml', HEADER.replace('version: 1', 'version: 2') + '  first:\n    type: end\n');
    expect(problems).toContain('flows/extra.yaml:1: version: this Ponte reads flow files of version 1');
  });

  it('a step the engine needs must not be removed', () => {
    copy = contentCopy();
    copy.write('flows/answer.yaml', 'version: 1\nid: answer\nstart: thanks\nsteps:\n  thanks:\n    type: end\n');
    const problems = loadContent(copy.root).problems.map(formatProblem);
    expect(problems).toContain('flows/answer.yaml:4: steps: the engine needs step "feedback" (afterAnswer)');
  });
});
