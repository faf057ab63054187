import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, importJWK, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config';
import { ApiError } from '../errors';
import { bearerCredential } from './bearer';

type SessionSettings = Config['session'];

const ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const MAX_USER_ID_LENGTH = 256;
/** Leeway for the difference between the issuer's clock and ours, on `exp`, `nbf` and `iat`. */
export const SESSION_CLOCK_TOLERANCE_SECONDS = 30;

let cachedKeys: JWTVerifyGetKey | undefined;

const devKeys = (file: string): JWTVerifyGetKey => {
  const { publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as { publicJwk: JWK };
  const key = importJWK(publicJwk, 'ES256');
  return () => key;
};

// Built once per process, so that jose caches the fetched key set across invocations.
const verificationKeys = (settings: SessionSettings): JWTVerifyGetKey => {
  cachedKeys ??=
    settings.jwksUrl !== undefined ? createRemoteJWKSet(new URL(settings.jwksUrl)) : devKeys(settings.devKeyFile ?? '');
  return cachedKeys;
};

// jose checks the session's age (`maxTokenAge`); this refuses one issued to live longer than that at all.
const lifetimeWithin = ({ exp, iat }: JWTPayload, maxAgeSeconds: number): boolean =>
  exp !== undefined && iat !== undefined && exp - iat <= maxAgeSeconds;

/**
 * The signed-in user (`sub`) of a host-application session JWT in an Authorization header. The session must
 * carry `sub`, `iat` and `exp`, be issued by `now` and live at most `maxAgeSeconds`, give or take the clock tolerance.
 */
export const authenticateSession = async (
  settings: SessionSettings,
  authorization: string | undefined,
  now: Date = new Date(),
): Promise<string> => {
  const credential = bearerCredential(authorization);
  if (credential === undefined) throw new ApiError('session_required');
  try {
    const { payload } = await jwtVerify(credential, verificationKeys(settings), {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: settings.maxAgeSeconds,
      clockTolerance: SESSION_CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    });
    if (
      lifetimeWithin(payload, settings.maxAgeSeconds) &&
      typeof payload.sub === 'string' &&
      payload.sub.length > 0 &&
      payload.sub.length <= MAX_USER_ID_LENGTH
    )
      return payload.sub;
  } catch {
    // Any failure to verify is the same answer to the caller: no valid session.
  }
  throw new ApiError('session_required');
};
