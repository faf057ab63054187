import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import local from '../infra/local.json';

interface KeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

const readKeyFile = (file: string): KeyFile => JSON.parse(readFileSync(file, 'utf8')) as KeyFile;

/**
 * The development session key of this machine, made on first use. It signs sessions for the
 * local stage only: the file is never committed and no deployed stage is configured to trust it.
 */
export const ensureDevSessionKey = async (file = local.sessionDevKeyFile): Promise<KeyFile> => {
  try {
    return readKeyFile(file);
  } catch {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const keyFile: KeyFile = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(keyFile), { flag: 'wx', mode: 0o600 });
      return keyFile;
    } catch {
      // Another process made it first: use theirs.
      return readKeyFile(file);
    }
  }
};

/** A user id the development sign-in accepts, as `npm run session` and the local page's sign-in take it. */
export const devUserId = z.string().trim().min(1).max(256);

/** A session JWT for `userId` with the local stage's issuer and audience, signed by `key`. */
export const signLocalSession = (key: KeyLike | Uint8Array, userId: string, expiresIn = '12h'): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(userId)
    .setIssuer(local.sessionIssuer)
    .setAudience(local.sessionAudience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);

/** A session JWT for `userId` that the local service accepts on the management routes. */
export const signDevSession = async (
  userId: string,
  options: { expiresIn?: string; file?: string } = {},
): Promise<string> => {
  const { privateJwk } = await ensureDevSessionKey(options.file);
  return signLocalSession(await importJWK(privateJwk, 'ES256'), userId, options.expiresIn);
};
