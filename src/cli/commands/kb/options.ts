import { z } from 'zod';

/** `--timeout SECONDS` for fetching a page: 1 to 300, default 20. */
export const timeoutSeconds = z.coerce
  .number({ error: 'a number of seconds' })
  .min(1, 'at least 1 second')
  .max(300, 'at most 300 seconds')
  .default(20);

export { parseWith } from '../../args.js';
