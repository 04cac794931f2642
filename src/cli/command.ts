import type { Readable, Writable } from 'node:stream';

/** What a command may touch: its streams, the environment and the working directory, all injectable for tests. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `ponte help`. */
  summary: string;
  /** The forms of the command, shown on a usage error. */
  usage: string;
  /** Returns the process exit code. Throws UsageError for bad arguments, other PonteErrors for bad content. */
  run(argv: string[], io: CliIO): Promise<number>;
}
