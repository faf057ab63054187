import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A secret-scanning signer of the test's own, as GitHub signs: ECDSA P-256 over SHA-256, base64 DER. */
export interface ScanningKey {
  keyId: string;
  privateKey: KeyObject;
  publicPem: string;
}

export const scanningKey = (keyId: string): ScanningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { keyId, privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

/** The headers GitHub sends with a report whose raw body is `body`, signed by `key`. */
export const signedHeaders = (key: ScanningKey, body: string): Record<string, string> => ({
  'Github-Public-Key-Identifier': key.keyId,
  'Github-Public-Key-Signature': sign('sha256', Buffer.from(body, 'utf8'), key.privateKey).toString('base64'),
});

/** A local stand-in for GitHub's key list: serves `keys` at `url` and counts the fetches. */
export interface KeyServer {
  url: string;
  fetches: () => number;
  close: () => Promise<void>;
}

export const serveKeys = async (keys: readonly ScanningKey[]): Promise<KeyServer> => {
  let fetches = 0;
  const server: Server = createServer((_, res) => {
    fetches++;
    const public_keys = keys.map((key) => ({ key_identifier: key.keyId, key: key.publicPem, is_current: true }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ public_keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/meta/public_keys/secret_scanning`,
    fetches: () => fetches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** The environment variables that hand the shared service's signing key to the e2e tests. */
const SIGNING_KEY_ENV = { id: 'LEAKS_TEST_KEY_ID', pem: 'LEAKS_TEST_KEY_PEM' } as const;

/**
 * For the global setup: GitHub's key list served locally, with a key generated for this run, whose private
 * half the e2e tests find through `standInKey()`.
 */
export const githubStandIn = async (): Promise<{ keysUrl: string; stop: () => Promise<void> }> => {
  const key = scanningKey(`test-run-${process.pid}`);
  const server = await serveKeys([key]);
  process.env[SIGNING_KEY_ENV.id] = key.keyId;
  process.env[SIGNING_KEY_ENV.pem] = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { keysUrl: server.url, stop: server.close };
};

/** The key the shared service's GitHub stand-in lists (set by the global setup). */
export const standInKey = (): ScanningKey => {
  const keyId = process.env[SIGNING_KEY_ENV.id];
  const pem = process.env[SIGNING_KEY_ENV.pem];
  if (!keyId || !pem) throw new Error('The jest global setup sets the GitHub stand-in key');
  const privateKey = createPrivateKey(pem);
  return {
    keyId,
    privateKey,
    publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
};
