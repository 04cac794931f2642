import type { CliCommand } from '../command.js';
import { nearestCommand } from './nearest.js';

/** Every `ponte` command, in the order `ponte help` lists them. Add a command here and nowhere else. */
export const commands: CliCommand[] = [nearestCommand];
