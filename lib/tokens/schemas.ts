import * as z from 'zod';
import type { Config } from '../config';
import { DAY_MS } from '../time';
import { allScopes } from './scopes';

export const NAME_MAX_LENGTH = 64;

// C0, DEL and C1 controls, and the line and paragraph separators: none belongs in a one-line label.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Embeddings, overrides and isolates, and the marks that steer them: they reorder what a reader sees.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const LONE_SURROGATE = /\p{Cs}/u;
// Anything but what renders as nothing on its own: spaces, zero-width and other default-ignorable
// characters, combining marks without a base, format, private-use and unassigned code points, the braille blank.
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\p{C}\u2800]/u;

/** One-line text a person typed: NFC-normalised and trimmed before its length is checked and it is stored. Messages never quote it. */
const label = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .normalize('NFC')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !LONE_SURROGATE.test(text), 'must be valid Unicode text')
    .refine((text) => !CONTROL.test(text), 'must not contain control characters')
    .refine((text) => !BIDI.test(text), 'must not contain bidirectional control characters')
    .refine((text) => VISIBLE.test(text), 'must contain a visible character');

/** A token's name. */
const tokenName = label(NAME_MAX_LENGTH);

export const DESCRIPTION_MAX_LENGTH = 200;

/** A token's description (purpose, owner team): the name's rules, longer. */
const tokenDescription = label(DESCRIPTION_MAX_LENGTH);

/** The body of `POST /tokens`, checked against the configured scopes and lifetime at `now`. */
export const createTokenSchema = (settings: Config['tokens'], now: Date) => {
  const scopes = allScopes(settings.modules);
  const maxLifetimeMs = settings.maxLifetimeDays === undefined ? undefined : settings.maxLifetimeDays * DAY_MS;
  return z.strictObject({
    name: tokenName,
    description: tokenDescription.optional(),
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

/** The body of `PATCH /tokens/{id}`: any of name, description (null clears it) and disabled, at least one. */
export const updateTokenSchema = z
  .strictObject({
    name: tokenName.optional(),
    description: tokenDescription.nullable().optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of name, description and disabled');

export type UpdateTokenInput = z.output<typeof updateTokenSchema>;
