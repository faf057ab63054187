import * as z from 'zod';

/** The most tokens one report may carry. */
export const MAX_REPORTED_TOKENS = 500;
/** Longer than any token of the format: a longer string cannot be one, and is refused rather than hashed. */
export const REPORTED_TOKEN_MAX_LENGTH = 256;
const URL_MAX_LENGTH = 2048;
const LABEL_MAX_LENGTH = 256;
/** 500 matches with long URLs fit; the 16 KB of the management routes would not. */
export const LEAK_REPORT_MAX_BYTES = 1024 * 1024;

const candidate = z.string({ error: 'must be a string' }).max(REPORTED_TOKEN_MAX_LENGTH);
const url = z.string({ error: 'must be a string' }).max(URL_MAX_LENGTH);
const label = z.string({ error: 'must be a string' }).max(LABEL_MAX_LENGTH);
const count = { error: `must hold 1 to ${MAX_REPORTED_TOKENS} entries` };

/** `POST /leaks`. Messages never quote the input. */
export const leakReportSchema = z.object({
  tokens: z.array(candidate).min(1, count).max(MAX_REPORTED_TOKENS, count),
  url: url.optional(),
});

/** `POST /leaks/github`: GitHub's secret-scanning partner payload (older payloads lack `source`). */
export const githubReportSchema = z
  .array(z.object({ token: candidate, type: label.optional(), url: url.optional(), source: label.optional() }))
  .min(1, count)
  .max(MAX_REPORTED_TOKENS, count);

/** A token found in the wild, and where, when the reporter said. */
export interface FoundToken {
  token: string;
  url?: string;
}
