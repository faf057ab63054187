import type { CreatedToken } from '../contract';
import { generateToken, hashToken, type TokenFormat } from './format';
import { tokenHint } from './hint';
import { newTokenId } from './ids';
import type { TokenRecord } from './types';

/** What a new token's owner chose, or what a roll carries over from the token it replaces. */
export type NewTokenFields = Pick<TokenRecord, 'userId' | 'name' | 'scopes' | 'expiresAt' | 'description'>;

/** A new token: the plain token, for the one answer that shows it, and the record that stores only its hash. */
export const newToken = (
  format: TokenFormat,
  fields: NewTokenFields,
  now: Date,
): { token: string; record: TokenRecord } => {
  const token = generateToken(format);
  return {
    token,
    record: {
      ...fields,
      id: newTokenId(now),
      createdAt: now.toISOString(),
      lastUsedAt: null,
      keyHash: hashToken(token),
      hint: tokenHint(token),
    },
  };
};

/** The answer that shows a new token, once: its record as the owner sees it, with the plain token. */
export const createdAnswer = ({ token, record }: { token: string; record: TokenRecord }): CreatedToken => ({
  id: record.id,
  name: record.name,
  scopes: record.scopes,
  token,
  createdAt: record.createdAt,
  expiresAt: record.expiresAt,
  hint: tokenHint(token),
  description: record.description ?? null,
});
