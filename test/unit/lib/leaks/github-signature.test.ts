import { createPublicKey } from 'node:crypto';
import type { KeyLookup } from '../../../../lib/leaks/github-keys';
import { verifyGithubSignature } from '../../../../lib/leaks/github-signature';

// The sample of GitHub's secret scanning partner program documentation: its key, payload and signature.
const SAMPLE_KEY_ID = '90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a';
const SAMPLE_KEY = createPublicKey(
  [
    '-----BEGIN PUBLIC KEY-----',
    'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9MJJHnMfn2+H4xL4YaPDA4RpJqUq',
    'kCmRCBnYERxZanmcpzQSXs1X/AljlKkbJ8qpVIW4clayyef9gWhFbNHWAA==',
    '-----END PUBLIC KEY-----',
  ].join('\n'),
);
const SAMPLE_PAYLOAD = '[{"token":"some_token","type":"some_type","url":"some_url"}]';
const SAMPLE_SIGNATURE =
  'MEUCIQDKZokqnCjrRtw0tni+2Ltvl/uiMJ1EGumEsp1BsNr32AIgQY1YXD2nlj+XNfGK4rBfkMJ1JDOQcYXxa2sY8FNkrKc=';

const keyFor: KeyLookup = async (keyId) => (keyId === SAMPLE_KEY_ID ? SAMPLE_KEY : undefined);
const now = new Date('2026-11-23T12:00:00Z');
const check = (payload: string, keyId: string | undefined, signature: string | undefined) =>
  verifyGithubSignature(keyFor, { keyId, signature }, Buffer.from(payload), now);

describe('verifyGithubSignature', () => {
  it('accepts the signed sample of GitHub’s documentation', async () => {
    expect(await check(SAMPLE_PAYLOAD, SAMPLE_KEY_ID, SAMPLE_SIGNATURE)).toBe(true);
  });

  it.each([
    [
      'a payload changed by one character',
      SAMPLE_PAYLOAD.replace('some_url', 'some_uri'),
      SAMPLE_KEY_ID,
      SAMPLE_SIGNATURE,
    ],
    ['a payload with whitespace added', SAMPLE_PAYLOAD.replace(',', ', '), SAMPLE_KEY_ID, SAMPLE_SIGNATURE],
    ['an unknown key id', SAMPLE_PAYLOAD, 'another-key', SAMPLE_SIGNATURE],
    ['no key id', SAMPLE_PAYLOAD, undefined, SAMPLE_SIGNATURE],
    ['no signature', SAMPLE_PAYLOAD, SAMPLE_KEY_ID, undefined],
    ['a signature that is not DER', SAMPLE_PAYLOAD, SAMPLE_KEY_ID, Buffer.from('not der').toString('base64')],
  ])('refuses %s', async (_, payload, keyId, signature) => {
    expect(await check(payload, keyId, signature)).toBe(false);
  });
});
