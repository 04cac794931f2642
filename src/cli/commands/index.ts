import type { CliCommand } from '../command.js';
import { dashboardCommand } from './dashboard.js';
import { statsCommand } from './stats.js';

/** Every `ponte` command, in the order `ponte help` lists them. Add a command here and nowhere else. */
export const commands: CliCommand[] = [
  statsCommand,
  dashboardCommand,
];
