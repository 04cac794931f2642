import { commands } from './commands/index.js';
import type { CliIO } from './command.js';
import { PonteError, UsageError } from '../errors.js';

/** `ponte <command> [...]`: the one entry point a person runs. The only place that catches errors. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`ponte: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ponte ${name}: ${error.message}\nusage:\n${indent(command.usage)}\n`);
      return 2;
    }
    if (error instanceof PonteError) {
      io.stderr.write(`ponte ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: ponte <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
