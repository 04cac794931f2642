import type { CliCommand } from '../command.js';
import { checkCommand } from './check.js';
import { flowsCommand } from './flows.js';
import { kbCommand } from './kb.js';
import { startCommand } from './start.js';

/** Every `ponte` command, in the order `ponte help` lists them. Add a command here and nowhere else. */
export const commands: CliCommand[] = [startCommand, checkCommand, kbCommand, flowsCommand];
