import type { CreatedToken } from '../lib/contract';
import type { Db } from '../lib/storage/dynamodb';
import { createToken, type TokenSettings } from '../lib/tokens/service';

/** A new token of the user that may read cases and never expires. */
export const createBenchToken = async (
  db: Db,
  settings: TokenSettings,
  userId: string,
  name: string,
): Promise<CreatedToken> => {
  const created = await createToken(
    db,
    settings,
    userId,
    { name, scopes: ['cases:read'], expiresAt: null },
    new Date(),
  );
  if (!created.ok) throw new Error(`token "${name}" of ${userId} not created: ${created.reason}`);
  return created.value;
};
