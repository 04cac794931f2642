import { resolve } from 'node:path';
import { z } from 'zod';
import { formatKbStatus, kbStatus } from '../../../knowledge/index.js';
import { parseOptions } from '../../args.js';
import type { CliIO } from '../../command.js';
import { parseWith } from './options.js';

const argsSchema = z.object({ format: z.enum(['table', 'csv']).default('table') });

/** `ponte kb status [--format table|csv]`: topic x language, each ok, outdated, unreviewed, invalid or missing. */
export async function runKbStatus(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, { format: { type: 'string' }, root: { type: 'string' } });
  const args = parseWith(argsSchema, values);
  const status = kbStatus(resolve(io.cwd, values.root ?? '.'));
  io.stdout.write(formatKbStatus(status, args.format));
  if (args.format === 'table') {
    const counts = new Map<string, number>();
    for (const row of status.rows) for (const cell of Object.values(row.cells)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
    io.stdout.write(`\n${[...counts].map(([cell, n]) => `${n} ${cell}`).join(', ')}\n`);
  }
  return 0;
}
