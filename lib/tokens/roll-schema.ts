import * as z from 'zod';
import { MAX_GRACE_SECONDS } from './grace';

/** The body of `POST /tokens/{id}/roll`: how long the old token keeps working, none by default. */
export const rollTokenSchema = z.strictObject({
  graceSeconds: z
    .int({ error: `must be a whole number of seconds from 0 to ${MAX_GRACE_SECONDS}` })
    .min(0, 'must not be negative')
    .max(MAX_GRACE_SECONDS, `must be at most ${MAX_GRACE_SECONDS} (7 days)`)
    .optional()
    .default(0),
});

export type RollTokenInput = z.output<typeof rollTokenSchema>;
