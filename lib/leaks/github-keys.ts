import { createPublicKey, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { ApiError } from '../errors';
import { logger } from '../log';

/** GitHub's key list is fetched again for an unknown key id, but at most this often. */
export const KEYS_REFETCH_MS = 60_000;
const FETCH_TIMEOUT_MS = 3_000;

const keyListSchema = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string(), key: z.string(), is_current: z.boolean().optional() })),
});

/** The public keys that sign secret-scanning reports, by key identifier. */
export type KeyLookup = (keyId: string, now: Date) => Promise<KeyObject | undefined>;

const fetchKeys = async (url: string): Promise<Map<string, KeyObject>> => {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`The key list answered ${response.status}`);
  const { public_keys: listed } = keyListSchema.parse(await response.json());
  const keys = new Map<string, KeyObject>();
  for (const { key_identifier: id, key } of listed) {
    try {
      keys.set(id, createPublicKey(key));
    } catch {
      logger.warn('Unreadable public key in the secret-scanning key list', { keyId: id });
    }
  }
  return keys;
};

/**
 * The keys listed at `url`, kept for the container's life: fetched on first use and again when a report
 * names a key id not in the list (GitHub rotates keys), at most once per KEYS_REFETCH_MS so that unsigned
 * noise cannot make the service hammer the list. A list that cannot be fetched is a 503 for that report.
 *
 * @example
 * const keyFor = githubKeyCache(config.leaks.githubKeysUrl);
 * const key = await keyFor(headerValue(headers, 'github-public-key-identifier') ?? '', new Date());
 */
export const githubKeyCache = (url: string): KeyLookup => {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;

  const refresh = async (): Promise<void> => {
    try {
      keys = await fetchKeys(url);
    } catch (error) {
      logger.warn('Secret-scanning public keys not fetched', error instanceof Error ? error : String(error));
      throw new ApiError('service_unavailable');
    }
  };

  return async (keyId, now) => {
    const known = keys.get(keyId);
    if (known !== undefined) return known;
    if (pending === undefined) {
      if (now.getTime() - fetchedAt < KEYS_REFETCH_MS) return undefined;
      fetchedAt = now.getTime();
      pending = refresh().finally(() => {
        pending = undefined;
      });
    }
    await pending;
    return keys.get(keyId);
  };
};
