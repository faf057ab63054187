import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
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
