import type { CliCommand } from '../command.js';
import { askCommand } from './ask.js';
import { checkCommand } from './check.js';
import { dashboardCommand } from './dashboard.js';
import { evalCommand } from './eval.js';
import { flowsCommand } from './flows.js';
import { kbCommand } from './kb.js';
import { nearestCommand } from './nearest.js';
import { startCommand } from './start.js';
import { statsCommand } from './stats.js';

/** Every `ponte` command, in the order `ponte help` lists them. Add a command here and nowhere else. */
export const commands: CliCommand[] = [
  startCommand,
  checkCommand,
  askCommand,
  evalCommand,
  nearestCommand,
  kbCommand,
  flowsCommand,
  statsCommand,
  dashboardCommand,
];
