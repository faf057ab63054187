import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 248 = 4 * 62: bytes at or above it are dropped so that every character is equally likely.
const UNBIASED_LIMIT = 248;

/** `length` characters of base62 from the CSPRNG, about 5.95 random bits each. */
export const randomBase62 = (length: number): string => {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
};

/** A non-negative integer in base62, left-padded with zeros to `width`. */
export const toBase62 = (value: number, width: number): string => {
  let out = '';
  let rest = value;
  do {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
};
