import { verify } from 'node:crypto';
import type { KeyLookup } from './github-keys';

/** The headers GitHub signs a secret-scanning report with. */
export interface GithubSignature {
  keyId: string | undefined;
  /** Base64 of an ASN.1 DER ECDSA P-256 signature over the SHA-256 of the raw body. */
  signature: string | undefined;
}

/** Whether `body` (the exact bytes received) is signed by the listed key that `keyId` names. */
export const verifyGithubSignature = async (
  keyFor: KeyLookup,
  { keyId, signature }: GithubSignature,
  body: Buffer,
  now: Date,
): Promise<boolean> => {
  if (!keyId || !signature) return false;
  const key = await keyFor(keyId, now);
  if (key === undefined) return false;
  try {
    return verify('sha256', body, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};
