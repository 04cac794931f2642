import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import qrcode from 'qrcode-terminal';
import type { Engine } from '../../engine/engine.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { createWhatsAppClient, whatsappSessionDir } from './client.js';
import { WhatsAppChannel } from './whatsapp.js';

export interface LaunchWhatsAppOptions {
  engine: Pick<Engine, 'handle'>;
  /** PONTE_DATA_DIR, absolute. */
  dataDir: string;
  /** CHROMIUM_PATH. */
  chromiumPath: string;
  logger: Logger;
  /** Where the pairing QR code is drawn: the operator's terminal. */
  output: Writable;
}

/** Starts the WhatsApp channel with the system Chromium; `stop()` the returned channel to shut down. */
export function launchWhatsApp(options: LaunchWhatsAppOptions): WhatsAppChannel {
  if (!existsSync(options.chromiumPath)) {
    throw new ConfigError(`CHROMIUM_PATH: ${options.chromiumPath} does not exist: install Chromium for WhatsApp (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const sessionDir = whatsappSessionDir(options.dataDir);
  const channel = new WhatsAppChannel({
    client: createWhatsAppClient({ dataDir: options.dataDir, chromiumPath: options.chromiumPath }),
    engine: options.engine,
    logger: options.logger,
    sessionDir,
    showQr: (qr) => qrcode.generate(qr, { small: true }, (art) => options.output.write(`${art}\n`)),
  });
  channel.start();
  return channel;
}
