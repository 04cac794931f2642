import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { flowToMermaid, italianTexts } from '../../src/flows/graph.js';
import { loadFlows } from '../../src/flows/loader.js';
import { loadLocales } from '../../src/i18n/locales.js';
import { fixture, ROOT, runCli, tempDir } from './support.js';

const FIXTURE_ROOT = fixture('flows-root');
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.remove());

describe('ponte flows graph', () => {
  it('draws a known flow as a Mermaid flowchart: every kind of step, option labels in Italian, cross-flow nodes', async () => {
    const { code, stdout, stderr } = await runCli(['flows', 'graph', 'visit', '--root', FIXTURE_ROOT]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'flowchart TD',
        '  %% flow "visit" (flows/visit.yaml), drawn by: ponte flows graph visit',
        '  classDef external stroke-dasharray: 4 3',
        '  start_visit(("visit"))',
        '  s_hello["hello · message<br/>Ciao! Sono Ponte: ti aiuto a trovare lo sportel…"]',
        '  s_pick_language[/"pick_language · language<br/>In che lingua?"/]',
        '  s_choose["choose · message<br/>Cosa ti serve? Scegli #quot;dove#quot; o #35;aiuto #lt;subito#gt;"]',
        '  s_ask_place[/"ask_place · ask place (place)<br/>Scrivi il Comune"/]',
        '  s_remember{{"remember · action set_slot area=health"}}',
        '  s_search{{"search · action find_nearest"}}',
        '  s_detour[["detour · subflow help"]]',
        '  s_again[["again · goto"]]',
        '  s_bye(["bye · end<br/>Ciao!"])',
        '  f_answer__feedback("answer:feedback"):::external',
        '  f_help__start("help:start"):::external',
        '  start_visit --> s_hello',
        '  s_hello --> s_pick_language',
        '  s_pick_language --> s_choose',
        '  s_choose -->|"Dove andare"| s_ask_place',
        '  s_choose -->|"topic: codice-fiscale"| f_answer__feedback',
        '  s_choose -->|"Aiuto"| f_help__start',
        '  s_choose -->|"Ancora"| s_again',
        '  s_ask_place -.->|"invalid"| s_ask_place',
        '  s_ask_place --> s_remember',
        '  s_remember --> s_search',
        '  s_search --> s_detour',
        '  s_detour ==>|"subflow"| f_help__start',
        '  s_detour -->|"then"| s_bye',
        '  s_again -.->|"goto"| s_choose',
        '',
      ].join('\n'),
    );
  });

  it('with no FLOW draws every flow, sorted, the same way each time; --format markdown wraps each in a block', async () => {
    const first = await runCli(['flows', 'graph', '--root', FIXTURE_ROOT]);
    const second = await runCli(['flows', 'graph', '--root', FIXTURE_ROOT]);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.match(/^flowchart TD$/gm)).toHaveLength(2);
    expect(first.stdout.indexOf('flow "help"')).toBeLessThan(first.stdout.indexOf('flow "visit"'));
    expect(first.stdout).toContain('  s_done{{"done · action answer_topic emergenze"}}\n');

    const markdown = await runCli(['flows', 'graph', 'help', '--format', 'markdown', '--root', FIXTURE_ROOT]);
    expect(markdown.stdout).toMatch(/^## help\n\n```mermaid\nflowchart TD\n[\s\S]*\n```\n$/);
  });

  it('draws the real find flow with its steps and Italian texts', async () => {
    const { code, stdout } = await runCli(['flows', 'graph', 'find']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^flowchart TD\n/);
    expect(stdout).toContain('  s_start[/"start · ask place (place)<br/>Dove ti trovi? Condividi la tua posizione, oppu…"/]\n');
    expect(stdout).toContain('  s_search{{"search · action find_nearest"}}\n');
    expect(stdout).toContain('  s_done(["done · end"])\n');
    expect(stdout).toContain('  start_find --> s_start\n  s_start -.->|"invalid"| s_start\n  s_start --> s_search\n  s_search --> s_done\n');
  });

  it('the menu flow links to the other flows by flow:step nodes', async () => {
    const { stdout } = await runCli(['flows', 'graph', 'menu']);
    expect(stdout).toContain('  s_main -->|"Sportello vicino a me"| f_find__start\n');
    expect(stdout).toContain('  f_find__start("find:start"):::external\n');
    expect(stdout).toContain('  s_answer_question --> f_answer__feedback\n');
  });

  it('an unknown flow or format is a usage error (exit 2); a flow file that does not load: file:line, exit 1', async () => {
    const unknown = await runCli(['flows', 'graph', 'nope', '--root', FIXTURE_ROOT]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ponte flows: unknown flow "nope"; the flows are: help, visit\n/);
    const format = await runCli(['flows', 'graph', '--format', 'svg', '--root', FIXTURE_ROOT]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^ponte flows: --format: mermaid \(the diagram\) or markdown/);
    expect((await runCli(['flows', 'draw'])).code).toBe(2);

    dir = tempDir();
    cpSync(FIXTURE_ROOT, dir.path, { recursive: true });
    writeFileSync(join(dir.path, 'flows', 'help.yaml'), 'version: 1\nid: help\nstart: start\nsteps:\n  start:\n    type: mesage\n    text: help.text\n');
    const broken = await runCli(['flows', 'graph', '--root', dir.path]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toBe('ponte flows: flows/help.yaml:6: steps.start.type: unknown step type: use message, ask, language, action, goto, subflow or end\n');
    writeFileSync(join(dir.path, 'flows', 'help.yaml'), 'version: 1\nid: help\nsteps: [\n');
    const yaml = await runCli(['flows', 'graph', 'help', '--root', dir.path]);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(/^ponte flows: flows\/help\.yaml:\d+: invalid YAML/);
    // The other flow still draws: its reference to the broken one is shown, not fatal.
    const other = await runCli(['flows', 'graph', 'visit', '--root', dir.path]);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('f_help__start("help:start"):::external');
  });
});

describe('the diagram in the README', () => {
  it('is what `ponte flows graph answer` prints today (regenerate it when flows/answer.yaml changes)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1];
    const { flows } = loadFlows(ROOT);
    expect(block).toBe(flowToMermaid(flows.flows.get('answer')!, flows, italianTexts(loadLocales(ROOT))));
  });
});
