import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS } from '../../lib/contract';
import { expectError, mistype, neverIssuedToken } from '../support/contract';
import { call, createToken, newUser } from '../support/http';
import { scanningKey, signedHeaders, standInKey } from '../support/leaks';
import { nextAddress, postFrom, type Answer } from '../support/post-from';

const report = (tokens: unknown, address = nextAddress()) => postFrom(address, '/leaks', JSON.stringify({ tokens }));

/** What a caller can compare between two answers: status, body and every header but the per-request ones. */
const PER_REQUEST = new Set(['date', 'x-amzn-requestid', 'x-amz-apigw-id', 'x-amzn-trace-id']);
const observable = ({ status, headers, text }: Answer) => {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!PER_REQUEST.has(name)) kept[name] = value;
  });
  return { status, text, headers: kept };
};

describe('POST /leaks', () => {
  it('revokes a reported token at once: the authorizer refuses it on the next request, the list drops it', async () => {
    const { session } = await newUser();
    const { token, id } = await createToken(session, { name: 'Leaked' });
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(200);

    const answer = await report([token]);
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.text)).toEqual({ received: 1 });

    expectError(await call('GET', '/v1/whoami', { auth: token }), 401, 'token_invalid', ERRORS.token_invalid.message);
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens.map((listed: { id: string }) => listed.id)).not.toContain(id);
  });

  it('answers valid, unknown, malformed, revoked and other-environment tokens alike', async () => {
    const { session } = await newUser();
    const valid = (await createToken(session, { name: 'Valid' })).token;
    const revoked = (await createToken(session, { name: 'Revoked' })).token;
    await report([revoked]);
    const kinds = [valid, neverIssuedToken(), mistype(valid), revoked, neverIssuedToken('live'), 'hello', ''];
    const answers = [];
    for (const token of kinds) answers.push(observable(await report([token])));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 202, text: '{"received":1}' });
  });

  it('takes 500 tokens in one report, and refuses 501 with 400 invalid_request, revoking none', async () => {
    const { session } = await newUser();
    const { token } = await createToken(session, { name: 'In a big report' });
    const tooMany = [token, ...Array.from({ length: 500 }, () => neverIssuedToken())];
    const refused = await report(tooMany);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toEqual({
      code: 'invalid_request',
      message: 'tokens: must hold 1 to 500 entries',
    });
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(200);

    const accepted = await report(tooMany.slice(0, 500));
    expect(JSON.parse(accepted.text)).toEqual({ received: 500 });
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(401);
  });

  it.each([
    ['a body that is not JSON', '{"tokens":'],
    ['no tokens', '{}'],
    ['an empty list', '{"tokens":[]}'],
    ['a token that is not a string', '{"tokens":[42]}'],
    ['a string longer than any token', JSON.stringify({ tokens: ['mp_test_'.padEnd(300, 'a')] })],
    ['a list instead of an object', '["mp_test_x"]'],
  ])('refuses %s with 400 invalid_request, quoting none of it', async (_, body) => {
    const answer = await postFrom(nextAddress(), '/leaks', body);
    expect(answer.status).toBe(400);
    const parsed = JSON.parse(answer.text);
    expect(parsed.code).toBe('invalid_request');
    expect(answer.text).not.toContain('mp_test');
    expect(answer.text).not.toContain('42');
  });

  it('limits each source address to 10 reports a minute: 429 rate_limited with Retry-After, nothing revoked', async () => {
    const address = nextAddress();
    const { session } = await newUser();
    const { token } = await createToken(session, { name: 'Behind the limit' });
    // The windows are whole minutes: start early in one, so that all eleven reports fall in it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await sleep(60_000 - intoMinute + 500);
    for (let i = 0; i < 10; i++) expect((await report([neverIssuedToken()], address)).status).toBe(202);

    const refused = await report([token], address);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toEqual({ code: 'rate_limited', message: ERRORS.rate_limited.message });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(200);

    expect((await report([token])).status).toBe(202);
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(401);
  }, 90_000);
});

describe('POST /leaks/github (keys from the stand-in key list the global setup serves)', () => {
  const body = (token: string) =>
    JSON.stringify([{ token, type: 'mp_test', url: 'https://github.com/o/r/blob/main/.env', source: 'content' }]);

  it('accepts a signed report: the token is refused at once', async () => {
    const { session } = await newUser();
    const { token } = await createToken(session, { name: 'Found by GitHub' });
    const raw = body(token);
    const answer = await postFrom(nextAddress(), '/leaks/github', raw, signedHeaders(standInKey(), raw));
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.text)).toEqual({ received: 1 });
    expectError(await call('GET', '/v1/whoami', { auth: token }), 401, 'token_invalid');
  });

  it('tells the owner: a leak_reported alert first in the revoked token’s usage, and a notice, naming GitHub and the url', async () => {
    const { session } = await newUser();
    const { token, id } = await createToken(session, { name: 'Leaked on GitHub' });
    const raw = body(token);
    expect((await postFrom(nextAddress(), '/leaks/github', raw, signedHeaders(standInKey(), raw))).status).toBe(202);

    const revoked = await call('GET', '/tokens?status=revoked', { auth: session });
    expect(revoked.body.tokens).toEqual([expect.objectContaining({ id, status: 'revoked' })]);
    const usage = await call('GET', `/tokens/${id}/usage`, { auth: session });
    expect(usage.status).toBe(200);
    expect(usage.body.alerts[0]).toEqual({
      kind: 'leak_reported',
      at: revoked.body.tokens[0].revokedAt,
      message: 'Reported leaked by github-secret-scanning; revoked',
      details: { reporter: 'github-secret-scanning', url: 'https://github.com/o/r/blob/main/.env' },
    });
    const notices = await call('GET', '/notices', { auth: session });
    expect(notices.body.notices).toEqual([
      expect.objectContaining({
        kind: 'revoked_leaked',
        tokenId: id,
        at: revoked.body.tokens[0].revokedAt,
        reporter: 'github-secret-scanning',
        url: 'https://github.com/o/r/blob/main/.env',
      }),
    ]);
  });

  it.each([
    ['no signature headers', () => ({})],
    ['a key id the list does not hold', (raw: string) => signedHeaders(scanningKey('no-such-key'), raw)],
    ['a body changed after signing', (raw: string) => signedHeaders(standInKey(), raw.replace('.env', 'x.env'))],
  ])('refuses a report with %s: 401 signature_invalid, the token still works', async (_, sign) => {
    const { session } = await newUser();
    const { token } = await createToken(session, { name: 'Not reported' });
    const raw = body(token);
    const answer = await postFrom(nextAddress(), '/leaks/github', raw, sign(raw));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual({ code: 'signature_invalid', message: ERRORS.signature_invalid.message });
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(200);
  });
});
