#!/usr/bin/env node
import type { CliIO } from './cli/command.js';
import { main } from './cli/main.js';
import { loadDotEnv } from './config.js';

loadDotEnv();
const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected failure: one line for the person, the stack only when asked for.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ponte: unexpected error: ${message}\n`);
    if (process.env.PONTE_LOG_LEVEL === 'debug' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
