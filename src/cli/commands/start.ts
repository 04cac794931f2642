import { channelsToStart } from '../../app/channels.js';
import { createRuntime } from '../../app/runtime.js';
import { untilShutdownSignal } from '../../app/shutdown.js';
import { runConsole } from '../../channels/console/console.js';
import { launchWhatsApp } from '../../channels/whatsapp/launch.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { parseOptions } from '../args.js';
import type { CliCommand } from '../command.js';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the bot on every channel whose credentials are set; with none, chat in the terminal',
  usage: 'ponte start [--root DIR]',
  async run(argv, io) {
    const { values } = parseOptions(argv, { root: { type: 'string' } });
    const config = loadConfig(io.env);
    const logger = createLogger(config.PONTE_LOG_LEVEL, (line) => io.stderr.write(line + '\n'));
    const runtime = createRuntime(config, values.root ?? io.cwd, logger);
    const running: { stop(): Promise<void> }[] = [];
    try {
      const channels = channelsToStart(config);
      if (channels.includes('console')) {
        const interactive = 'isTTY' in io.stdin && Boolean((io.stdin as { isTTY?: boolean }).isTTY) && Boolean((io.stdout as { isTTY?: boolean }).isTTY);
        await runConsole(runtime.engine, { input: io.stdin, output: io.stdout, interactive, langHint: io.env.LANG });
        return 0;
      }
      if (channels.includes('whatsapp')) {
        running.push(launchWhatsApp({ engine: runtime.engine, dataDir: config.dataDir, chromiumPath: config.CHROMIUM_PATH, logger, output: io.stdout }));
      }
      const signal = await untilShutdownSignal();
      logger.info(`${signal}: shutting down`);
      return 0;
    } finally {
      await Promise.all(running.map((channel) => channel.stop()));
      runtime.close();
    }
  },
};
