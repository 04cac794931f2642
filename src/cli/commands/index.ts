import type { CliCommand } from '../command.js';
import { askCommand } from './ask.js';
import { evalCommand } from './eval.js';

/** Every `ponte` command, in the order `ponte help` lists them. Add a command here and nowhere else. */
export const commands: CliCommand[] = [
  askCommand,
  evalCommand,
];
