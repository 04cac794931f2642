import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { contentCopy } from '../support/content.js';
import { tempDir } from '../support/engine.js';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

/** `ponte start` as a real child process with the given stdin, as `printf ... | npm start -s` runs it. */
function runStart(input: string, env: Record<string, string> = {}, args: string[] = []) {
  return runCli(['start', ...args], { input, env: { HOME: dir.path, PONTE_DATA_DIR: dir.path, ...env } });
}

describe('the terminal channel in a pipe', () => {
  it('prints the conversation and exits 0 at the end of input, without ANSI codes or stack traces', async () => {
    dir = tempDir();
    const { code, stdout, stderr } = await runStart('/start\n2\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Ciao! Sono Ponte');
    expect(stdout).toContain('  2. English');
    expect(stdout).toContain('How can I help you?');
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('keeps the conversation across runs (sessions in the data dir) and creates the secret once', async () => {
    dir = tempDir();
    await runStart('/start\n1\n');
    const second = await runStart('/menu\n');
    expect(second.stdout).toContain('Come posso aiutarti?');
    expect(second.stdout).not.toContain('In che lingua');
  });

  it('offers the terminal language first (LANG)', async () => {
    dir = tempDir();
    const { stdout } = await runStart('/start\n', { LANG: 'uk_UA.UTF-8' });
    expect(stdout).toContain('  1. Українська');
  });

  it('the whole "find a sportello" conversation on the real directory: comune, CAP, shared CAP, location, outside Lombardy', async () => {
    dir = tempDir();
    const { code, stdout } = await runStart('/start\n1\n3\nBreno\n/menu\n3\n20121\n/menu\n3\n20021\n/location 45.95 10.30\n/location 41.9 12.49\n');
    expect(code).toBe(0);
    const [breno, milano, shared, located, rome] = stdout.split(/\n> (?:Breno|20121|20021|\/location 45\.95 10\.30|\/location 41\.9 12\.49)\n/).slice(1);
    expect(breno).toContain('più vicin');
    expect(breno).toContain('ASP Valcamonica');
    expect(breno).toContain('☎ 0364 22693');
    expect(milano).toMatch(/più vicin[io] a Milano/);
    // 20021 is shared by several comuni: Ponte asks which one.
    expect(shared).toContain('Quale di questi Comuni?');
    expect(shared).toContain('2. Baranzate (MI)');
    expect(located).toContain('ASP Valcamonica');
    expect(rome).toContain('Ponte conosce gli sportelli della Lombardia');
  });

  it('choosing one of the comuni of a shared CAP shows the services near it', async () => {
    dir = tempDir();
    const { stdout } = await runStart('/start\n1\n3\n20021\n2\n');
    const chosen = stdout.split('\n> 2\n').at(-1)!;
    expect(chosen).toMatch(/più vicin[io] a Baranzate/);
    expect(chosen).not.toContain('Dove ti trovi?');
  });

  it('a bad environment value is one clear line, exit 1', async () => {
    dir = tempDir();
    const { code, stderr } = await runStart('', { PONTE_SECRET: 'short' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('ponte start: PONTE_SECRET: must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  });

  it('broken content is refused with file:line, exit 1', async () => {
    dir = tempDir();
    const copy = contentCopy();
    try {
      copy.write('flows/menu.yaml', 'version: 1\nid: menu\nstart: main\nsteps:\n  main:\n    type: message\n    text: menu.title\n    next: nowhere\n');
      const { code, stdout, stderr } = await runStart('', {}, ['--root', copy.root]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('flows/menu.yaml:8: steps.main.next: unknown step "nowhere"');
      expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      copy.remove();
    }
  });
});
