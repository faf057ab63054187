import { AwsV4Signer } from 'aws4fetch';
import { Agent, request } from 'node:http';
import type { Db } from '../lib/storage/dynamodb';
import { LOCAL_REGION } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';

// The floor under any client: the same GetItem as the baseline, as JSON over a kept-alive socket, built once
// and not signed (DynamoDB Local reads the credential's name, not the signature). And the candidate client not
// taken: aws4fetch, which signs with WebCrypto and sends with fetch.

const JSON_1_0 = 'application/x-amz-json-1.0';
const GET_ITEM = 'DynamoDB_20120810.GetItem';

const post = (agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        response.statusCode === 200 ? resolve(text) : reject(new Error(`${response.statusCode}: ${text}`)),
      );
    });
    sent.on('error', reject);
    sent.end(body);
  });

/** The baseline's strongly consistent GetItem of the key item, as the JSON body DynamoDB reads. */
const keyRead = (db: Db, keyHash: string): string =>
  JSON.stringify({
    TableName: db.tableName,
    Key: { PK: { S: keys.key(keyHash).PK }, SK: { S: keys.key(keyHash).SK } },
    ConsistentRead: true,
  });

/** A GetItem of the key item on DynamoDB Local at `endpoint`, sent raw; answers DynamoDB's JSON text. */
export const rawGetItem = (endpoint: string, db: Db, keyHash: string) => {
  const agent = new Agent({ keepAlive: true });
  const url = new URL(endpoint);
  const body = keyRead(db, keyHash);
  const headers = {
    'content-type': JSON_1_0,
    'x-amz-target': GET_ITEM,
    authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
  };
  return { send: () => post(agent, url, headers, body), destroy: () => agent.destroy() };
};

/** The same GetItem signed by aws4fetch (WebCrypto) and sent with fetch: the lighter client the issue names first. */
export const aws4fetchGetItem = (endpoint: string, db: Db, keyHash: string) => {
  const body = keyRead(db, keyHash);
  const cache = new Map<string, ArrayBuffer>();
  return async (): Promise<string> => {
    const signed = await new AwsV4Signer({
      url: `${endpoint}/`,
      method: 'POST',
      body,
      headers: { 'content-type': JSON_1_0, 'x-amz-target': GET_ITEM },
      service: 'dynamodb',
      region: LOCAL_REGION,
      accessKeyId: 'local',
      secretAccessKey: 'local',
      cache,
    }).sign();
    const response = await fetch(signed.url, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status}: ${text}`);
    return text;
  };
};
