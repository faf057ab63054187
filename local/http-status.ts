import { get } from 'node:http';

/** The status of a GET, or undefined if nothing answers; no keep-alive, so no pooled socket outlives it. */
export const httpStatus = (url: string): Promise<number | undefined> =>
  new Promise((resolve) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', () => resolve(undefined));
  });
