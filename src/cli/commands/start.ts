import { channelsToStart, runUntilStopped, type RunningChannel } from '../../app/channels.js';
import { createRuntime } from '../../app/runtime.js';
import { runConsole } from '../../channels/console/console.js';
import { loadConfig } from '../../config.js';
import { hasEvents, shortSummary } from '../../stats/index.js';
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
    const channels = channelsToStart(config);
    const runtime = createRuntime(config, values.root ?? io.cwd, logger);
    try {
      if (channels.includes('console')) {
        // Ctrl-C in the terminal: write what is in memory (statistics) before leaving.
        const leave = (signal: NodeJS.Signals) => {
          runtime.close();
          process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.once('SIGINT', leave);
        process.once('SIGTERM', leave);
        try {
          const interactive = 'isTTY' in io.stdin && Boolean((io.stdin as { isTTY?: boolean }).isTTY) && Boolean((io.stdout as { isTTY?: boolean }).isTTY);
          await runConsole(runtime.engine, { input: io.stdin, output: io.stdout, interactive, langHint: io.env.LANG });
          return 0;
        } finally {
          process.off('SIGINT', leave);
          process.off('SIGTERM', leave);
        }
      }
      const running: RunningChannel[] = [];
      try {
        // Platform code is loaded only when its channel runs.
        if (channels.includes('telegram')) {
          const { startTelegram, telegramSettings } = await import('../../channels/telegram/telegram.js');
          const stats = runtime.stats;
          const summary = stats ? (now: Date) => (hasEvents(stats) ? shortSummary(stats, now.getTime()) : undefined) : undefined;
          running.push(await startTelegram({ ...telegramSettings(config), engine: runtime.engine, translator: runtime.content.translator, logger, ...(summary ? { stats: summary } : {}) }));
        }
        if (channels.includes('whatsapp')) {
          const { launchWhatsApp } = await import('../../channels/whatsapp/launch.js');
          const whatsapp = launchWhatsApp({ engine: runtime.engine, dataDir: config.dataDir, chromiumPath: config.CHROMIUM_PATH, logger, output: io.stdout });
          // WhatsApp reconnects by itself: it runs until stopped.
          running.push({ name: 'whatsapp', done: new Promise(() => {}), stop: () => whatsapp.stop() });
        }
      } catch (error) {
        await Promise.allSettled(running.map((c) => c.stop()));
        throw error;
      }
      return await runUntilStopped(running, logger);
    } finally {
      runtime.close();
    }
  },
};
