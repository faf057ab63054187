import { z } from 'zod';
import type { Config } from '../config';
import { DAY_MS } from '../time';
import { allScopes } from './scopes';

export const NAME_MAX_LENGTH = 64;

/** The body of `POST /tokens`, checked against the configured scopes and lifetime at `now`. */
export const createTokenSchema = (settings: Config['tokens'], now: Date) => {
  const scopes = allScopes(settings.modules);
  const maxLifetimeMs = settings.maxLifetimeDays === undefined ? undefined : settings.maxLifetimeDays * DAY_MS;
  return z.strictObject({
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`)
      // eslint-disable-next-line no-control-regex
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'must not contain control characters'),
    // An enum, so that the OpenAPI document lists the configured scopes.
    scopes: z
      .array(
        z.enum(scopes, {
          error: (issue) =>
            typeof issue.input === 'string'
              ? `unknown scope "${issue.input.slice(0, 40)}"; known scopes are ${scopes.join(', ')}`
              : 'must be strings',
        }),
        { error: 'must be an array of scopes' },
      )
      .min(1, 'at least one scope is required')
      .max(scopes.length, `at most ${scopes.length} scopes`),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone, or null' })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() > now.getTime(), 'must be in the future')
      .refine(
        (date) => maxLifetimeMs === undefined || date.getTime() - now.getTime() <= maxLifetimeMs,
        `must be at most ${settings.maxLifetimeDays} days from now`,
      )
      .nullable()
      .optional()
      .transform((date) => date ?? null)
      .refine(
        (date) => date !== null || maxLifetimeMs === undefined,
        `is required: tokens live at most ${settings.maxLifetimeDays} days`,
      ),
  });
};

export type CreateTokenInput = z.output<ReturnType<typeof createTokenSchema>>;
