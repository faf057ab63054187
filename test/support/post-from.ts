import { request } from 'node:http';
import { serviceUrl, type Reply } from './http';

/** An answer with its exact text as well as its parsed body. */
export interface Answer extends Reply {
  text: string;
}

let addresses = 0;
/** A loopback source address of its own per call site: the per-address limit of one test never reaches another. */
export const nextAddress = (): string => {
  addresses++;
  return `127.${40 + (process.pid % 200)}.${Math.floor(addresses / 250)}.${1 + (addresses % 250)}`;
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
