import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './engine.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Written to stdin, which is then closed (a pipe that ends, as `printf ... | ponte`). */
  input?: string;
  /** The environment: only PATH and HOME are inherited, so no setting of the machine leaks in. */
  env?: Record<string, string>;
  /** Working directory (a repository root with knowledge/); default: this repository. */
  cwd?: string;
}

/** tsx resolved from this repository, so that a child running in a temp dir finds it too. */
const TSX = import.meta.resolve('tsx');

/** `ponte ARGS` as a real child process, the way an operator or a pipe runs it. */
export function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli.ts'), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
