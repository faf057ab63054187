import { generateToken, hashToken, parseToken } from '../../../../lib/tokens/format';

const test_ = { prefix: 'mp', environment: 'test' } as const;
const live = { prefix: 'mp', environment: 'live' } as const;

/** Changes one character of the secret to another base62 character. */
const mistype = (token: string, at: number): string => {
  const swapped = token[at] === 'a' ? 'b' : 'a';
  return token.slice(0, at) + swapped + token.slice(at + 1);
};

describe('token format', () => {
  it('generates <prefix>_<environment>_<secret><checksum> with a 32-character base62 secret', () => {
    const token = generateToken(test_);
    expect(token).toMatch(/^mp_test_[0-9A-Za-z]{32}[0-9A-Za-z]{6}$/);
  });

  it('carries at least 160 random bits in the secret of a generated token', () => {
    const secret = generateToken(test_).slice('mp_test_'.length, -6);
    expect(secret).toMatch(/^[0-9A-Za-z]+$/);
    expect(secret.length * Math.log2(62)).toBeGreaterThanOrEqual(160);
  });

  it('never repeats a secret and uses the whole base62 alphabet', () => {
    const secrets = Array.from({ length: 2000 }, () => generateToken(test_).slice(8, 40));
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(new Set(secrets.join('')).size).toBe(62);
  });

  it('accepts the tokens it generates', () => {
    const token = generateToken(live);
    expect(parseToken(token, live)).toEqual({ ok: true, token });
  });

  it('refuses a token with any one character of its secret mistyped, by checksum alone', () => {
    const token = generateToken(test_);
    for (let at = 8; at < 40; at++) {
      expect(parseToken(mistype(token, at), test_)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('checks the checksum as the CRC32 of the rest in 6 base62 characters, and refuses any other', () => {
    // Computed outside this code base: CRC32 of the body is 0xe6a04d19, in base62 "4Dr2cr".
    const known = 'mp_test_0123456789ABCDEFGHIJKLMNOPQRSTUV4Dr2cr';
    expect(parseToken(known, test_)).toEqual({ ok: true, token: known });
    expect(parseToken(mistype(known, known.length - 1), test_)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a token of the other environment', () => {
    expect(parseToken(generateToken(live), test_)).toEqual({ ok: false, reason: 'wrong_environment' });
    expect(parseToken(generateToken(test_), live)).toEqual({ ok: false, reason: 'wrong_environment' });
  });

  it('refuses another prefix, other shapes and other characters', () => {
    const token = generateToken(test_);
    for (const candidate of [
      generateToken({ prefix: 'gh', environment: 'test' }),
      '',
      'mp_test_',
      token.slice(1),
      `${token}0`,
      token.replace('mp_test_', 'mp_prod_'),
      token.replace(/.$/, '-'),
      `${token.slice(0, 20)}é${token.slice(21)}`,
      'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln',
    ]) {
      expect(parseToken(candidate, test_)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('hashes with SHA-256 to 64 hex characters, the same token to the same hash', () => {
    const token = generateToken(test_);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(generateToken(test_)));
  });
});
