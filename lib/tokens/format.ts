import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { TokenEnvironment } from '../config';
import { randomBase62, toBase62 } from './base62';

/** 32 base62 characters carry 190 random bits, above the 160 the contract asks for. */
export const SECRET_LENGTH = 32;
/** CRC32 fits in 6 base62 characters (62^6 > 2^32). */
export const CHECKSUM_LENGTH = 6;

export interface TokenFormat {
  prefix: string;
  environment: TokenEnvironment;
}

export type ParsedToken = { ok: true; token: string } | { ok: false; reason: 'malformed' | 'wrong_environment' };

const SHAPE = new RegExp(
  `^([a-z][a-z0-9]*)_(live|test)_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

const checksum = (body: string): string => toBase62(crc32(body), CHECKSUM_LENGTH);

/** A new plain token: `<prefix>_<environment>_<secret><checksum>`. */
export const generateToken = ({ prefix, environment }: TokenFormat): string => {
  const body = `${prefix}_${environment}_${randomBase62(SECRET_LENGTH)}`;
  return body + checksum(body);
};

/**
 * Checks a presented token's shape, prefix, checksum and environment without any I/O,
 * so that mistyped and forged tokens cost no database read.
 */
export const parseToken = (candidate: string, { prefix, environment }: TokenFormat): ParsedToken => {
  const match = SHAPE.exec(candidate);
  if (!match || match[1] !== prefix) return { ok: false, reason: 'malformed' };
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== match[4]) return { ok: false, reason: 'malformed' };
  if (match[2] !== environment) return { ok: false, reason: 'wrong_environment' };
  return { ok: true, token: candidate };
};

/** SHA-256, hex: the only form of a token that is stored. A 190-bit secret needs no slow hash. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
