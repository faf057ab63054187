import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { serviceUrl, type Reply } from './http';

/** An answer with its exact text as well as its parsed body. */
export interface Answer extends Reply {
  text: string;
}

// Each test file loads this module afresh, in one of several jest processes, and a later file in the same
// process may run within the same rate window: each load takes a random block of 4,000 addresses (of 3,440
// blocks, from 127.40.0.0 up, clear of the 127.0.0.x addresses other tests use), not one per process.
const block = randomInt(3_440);
let addresses = 0;
/** A loopback source address of its own per call site: the per-address limit of one test never reaches another. */
export const nextAddress = (): string => {
  addresses++;
  const high = 40 + (block >> 4);
  const middle = ((block & 15) << 4) | (Math.floor(addresses / 250) % 16);
  return `127.${high}.${middle}.${1 + (addresses % 250)}`;
};

/** POST to the local service from a given loopback source address. */
export const postFrom = (localAddress: string, path: string, body: string, headers: Record<string, string> = {}) =>
  new Promise<Answer>((resolve, reject) => {
    const url = new URL(path, serviceUrl());
    const sent = request(
      url,
      { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const received = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') received.set(name, value);
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: response.statusCode ?? 0, headers: received, text, body: parsed });
        });
      },
    );
    sent.on('error', reject).end(body);
  });
