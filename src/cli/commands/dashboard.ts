import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCatalogue } from '../../content/catalogue.js';
import { parseOptions, validateOptions } from '../args.js';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_DASHBOARD_PORT, startDashboard } from '../../stats/dashboard/server.js';
import { openStatsStore } from '../../stats/store.js';

/** `ponte dashboard`: the coordinators' dashboard on 127.0.0.1 until Ctrl-C. */

/**
 * Topic ids with their Italian description from knowledge/topics.yaml, so that coordinators read what
 * "permesso-rinnovo" covers. Empty outside the project folder or when the file has problems (`ponte check`
 * reports those): the ids alone are still right.
 */
export function dashboardTopicNames(rootDir: string): Map<string, string> {
  if (!existsSync(join(rootDir, 'knowledge', 'topics.yaml'))) return new Map();
  const { value, problems } = loadCatalogue(rootDir);
  if (problems.length > 0) return new Map();
  return new Map(value.map((t) => [t.id, t.it]));
}

const optionsSchema = z.object({
  port: z.coerce
    .number({ error: '--port must be a number' })
    .int('--port must be a whole number')
    .min(0, '--port must be between 0 and 65535')
    .max(65535, '--port must be between 0 and 65535')
    .default(DEFAULT_DASHBOARD_PORT),
  host: z.string().trim().min(1, '--host must not be empty').default('127.0.0.1'),
});

export const dashboardCommand: CliCommand = {
  name: 'dashboard',
  summary: "serve the coordinators' statistics dashboard (127.0.0.1 unless DASHBOARD_TOKEN is set)",
  usage: `ponte dashboard [--port N] [--host H]   (default port ${DEFAULT_DASHBOARD_PORT}; another host than 127.0.0.1 needs DASHBOARD_TOKEN)`,
  async run(argv, io) {
    const { values } = parseOptions(argv, { port: { type: 'string' }, host: { type: 'string' } });
    const options = validateOptions(optionsSchema, values);

    const config = loadConfig(io.env);
    const token = config.DASHBOARD_TOKEN || undefined;
    const store = openStatsStore(config.dataDir);
    let dashboard;
    try {
      dashboard = await startDashboard({ store, port: options.port, host: options.host, token, topicNames: dashboardTopicNames(io.cwd) });
    } catch (error) {
      store.close();
      if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
        throw new UsageError(`port ${options.port} is in use: choose another with --port`);
      }
      throw error;
    }
    io.stdout.write(`dashboard: ${dashboard.url}\n`);
    if (token) io.stdout.write('open it once as that address followed by ?token=<DASHBOARD_TOKEN>, or send "Authorization: Bearer <DASHBOARD_TOKEN>"\n');
    io.stdout.write('stop it with Ctrl-C\n');

    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await dashboard.close();
    store.close();
    io.stdout.write('dashboard stopped\n');
    return 0;
  },
};
