import { call, createToken, newUser, type Reply } from '../support/http';
import { daysFromNow, expectError, MESSAGES, msFromNow, TOKEN_VIEW_FIELDS, waitUntilPast } from '../support/contract';
import { seedExpiredTokens, serviceDb } from '../support/seed-tokens';

interface ListBody {
  tokens: Array<Record<string, any>>;
  limit: number;
  active: number;
  next: string | null;
}

const list = async (session: string, query = '') => {
  const reply = await call('GET', `/tokens${query}`, { auth: session });
  expect(reply.status).toBe(200);
  return reply.body as ListBody;
};

/** Every page from the first, following `next` to the end. */
const allPages = async (session: string, pageSize?: number): Promise<ListBody[]> => {
  const size = pageSize === undefined ? '' : `pageSize=${pageSize}`;
  const pages = [await list(session, size && `?${size}`)];
  for (let next = pages[0]?.next; next; next = pages.at(-1)?.next) {
    pages.push(await list(session, `?cursor=${encodeURIComponent(next)}${size && `&${size}`}`));
    // A cursor that led nowhere would loop for ever: no user here has more than a few hundred tokens.
    if (pages.length > 200) throw new Error('GET /tokens never answered next: null');
  }
  return pages;
};

const ids = (pages: readonly ListBody[]): string[] => pages.flatMap((page) => page.tokens.map((token) => token.id));

/** Whether the answer's body holds `sent`, text of the request (an error body never may). */
const echoes = (reply: Reply, sent: string): boolean => sent.length > 0 && JSON.stringify(reply.body).includes(sent);

describe('GET /tokens', () => {
  it('answers exactly tokens, limit, active and next, with an empty list and no next page for a new user', async () => {
    const { session } = await newUser();
    const body = await list(session);
    expect(body).toEqual({ tokens: [], limit: 10, active: 0, next: null });
  });

  it('shows each token with exactly the TokenView fields', async () => {
    const { session } = await newUser();
    await createToken(session);
    const { tokens } = await list(session);
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0] ?? {}).sort()).toEqual(TOKEN_VIEW_FIELDS);
  });

  it('shows a fresh token as created: same id, name, scopes, createdAt and expiresAt, lastUsedAt null', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'Reporting', scopes: ['cases:read', 'invoices:write'] });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({
      id: created.id,
      name: 'Reporting',
      createdAt: created.createdAt,
      expiresAt: null,
      lastUsedAt: null,
    });
    expect([...(tokens[0]?.scopes ?? [])].sort()).toEqual([...created.scopes].sort());
  });

  it('lists the newest token first', async () => {
    const { session } = await newUser();
    const first = await createToken(session, { name: 'first' });
    const second = await createToken(session, { name: 'second' });
    const third = await createToken(session, { name: 'third' });
    const { tokens } = await list(session);
    expect(tokens.map((token) => token.id)).toEqual([third.id, second.id, first.id]);
  });

  it('shows a token that never expires as active with expiresInDays null', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: null });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({ status: 'active', expiresAt: null, expiresInDays: null });
  });

  it('shows a token expiring in more than 7 days as active with expiresInDays null', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: daysFromNow(8) });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({ status: 'active', expiresInDays: null });
  });

  it.each([
    [3, 3],
    [6.5, 7],
    [0.25, 1],
    [1.5, 2],
  ])('shows a token expiring %d days ahead as expiring with expiresInDays %d (rounded up)', async (days, shown) => {
    const { session } = await newUser();
    const expiresAt = daysFromNow(days);
    await createToken(session, { expiresAt });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({ status: 'expiring', expiresInDays: shown });
    expect(Date.parse(tokens[0]?.expiresAt)).toBe(Date.parse(expiresAt));
  });

  it('counts active and expiring tokens in active', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: null });
    await createToken(session, { expiresAt: daysFromNow(2) });
    await createToken(session, { expiresAt: daysFromNow(30) });
    const body = await list(session);
    expect(body.tokens.map((token) => token.status).sort()).toEqual(['active', 'active', 'expiring']);
    expect(body.active).toBe(3);
    expect(body.limit).toBe(10);
  });

  it('keeps listing an expired token, as expired, and no longer counts it in active', async () => {
    const { session } = await newUser();
    await createToken(session, { name: 'lasting' });
    const shortLived = await createToken(session, { name: 'short-lived', expiresAt: msFromNow(4_000) });
    expect((await call('GET', '/v1/whoami', { auth: shortLived.token })).status).toBe(200);

    await waitUntilPast(shortLived.expiresAt ?? '');
    expectError(
      await call('GET', '/v1/whoami', { auth: shortLived.token }),
      401,
      'token_expired',
      MESSAGES.tokenExpired,
    );
    const body = await list(session);
    expect(body.tokens.find((token) => token.id === shortLived.id)).toMatchObject({
      status: 'expired',
      expiresInDays: null,
    });
    expect(body.tokens).toHaveLength(2);
    expect(body.active).toBe(1);
  });

  it('never shows the plain token, nor its secret, in the list', async () => {
    const { session } = await newUser();
    const created = [
      await createToken(session, { scopes: ['*:write'] }),
      await createToken(session, { expiresAt: daysFromNow(3) }),
    ];
    const reply = await call('GET', '/tokens', { auth: session });
    const text = JSON.stringify(reply.body);
    for (const { token } of created) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice('mp_test_'.length));
    }
    for (const view of reply.body.tokens) expect(view).not.toHaveProperty('token');
  });

  it('does not list revoked tokens', async () => {
    const { session } = await newUser();
    const kept = await createToken(session, { name: 'kept' });
    const revoked = await createToken(session, { name: 'revoked' });
    expect((await call('DELETE', `/tokens/${revoked.id}`, { auth: session })).status).toBe(204);
    const body = await list(session);
    expect(body.tokens.map((token) => token.id)).toEqual([kept.id]);
    expect(body.active).toBe(1);
  });
});

describe('GET /tokens pages', () => {
  // Working and expired tokens created in turn: A, C and E expire a few seconds after they are made.
  let owner: { userId: string; session: string };
  const made: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string> = { a: '', b: '', c: '', d: '', e: '', f: '' };

  beforeAll(async () => {
    owner = await newUser();
    const soon = msFromNow(3_000);
    made.a = (await createToken(owner.session, { name: 'A', expiresAt: soon })).id;
    made.b = (await createToken(owner.session, { name: 'B', expiresAt: null })).id;
    made.c = (await createToken(owner.session, { name: 'C', expiresAt: soon })).id;
    made.d = (await createToken(owner.session, { name: 'D', expiresAt: daysFromNow(30) })).id;
    made.e = (await createToken(owner.session, { name: 'E', expiresAt: soon })).id;
    made.f = (await createToken(owner.session, { name: 'F', expiresAt: daysFromNow(2) })).id;
    await waitUntilPast(soon);
  });

  it('lists the tokens that still work first, newest first, then the expired ones, newest first', async () => {
    const body = await list(owner.session);
    expect(body.tokens.map((token) => token.id)).toEqual([made.f, made.d, made.b, made.e, made.c, made.a]);
    expect(body.tokens.map((token) => token.status)).toEqual([
      'expiring',
      'active',
      'active',
      'expired',
      'expired',
      'expired',
    ]);
    expect(body).toMatchObject({ limit: 10, active: 3, next: null });
  });

  it('holds every working token on the first page even with pageSize=1, then one expired token a page', async () => {
    const pages = await allPages(owner.session, 1);
    expect(pages.map((page) => page.tokens.map((token) => token.name))).toEqual([['F', 'D', 'B'], ['E'], ['C'], ['A']]);
    for (const page of pages) expect(page).toMatchObject({ limit: 10, active: 3 });
    expect(pages.map((page) => page.next === null)).toEqual([false, false, false, true]);
  });

  it('fills the first page up to pageSize with expired tokens after the working ones', async () => {
    const pages = await allPages(owner.session, 4);
    expect(pages.map((page) => page.tokens.map((token) => token.name))).toEqual([
      ['F', 'D', 'B', 'E'],
      ['C', 'A'],
    ]);
  });

  it('answers no next page when the last page is exactly full', async () => {
    const pages = await allPages(owner.session, 6);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.next).toBeNull();
  });

  it('takes pageSize 1 and 100, the bounds', async () => {
    expect((await list(owner.session, '?pageSize=1')).tokens).toHaveLength(3);
    expect((await list(owner.session, '?pageSize=100')).tokens).toHaveLength(6);
  });

  it.each(['0', '101', 'abc', '1.5', '-1', '', ' 5', '1e1', '0x10', '007000'])(
    'refuses pageSize=%p with 400 invalid_request',
    async (value) => {
      const reply = await call('GET', `/tokens?pageSize=${encodeURIComponent(value)}`, { auth: owner.session });
      expectError(reply, 400, 'invalid_request');
      expect(echoes(reply, value.trim().length > 1 ? value : '')).toBe(false);
    },
  );

  it('refuses an unknown query parameter, and one given twice, with 400 invalid_request', async () => {
    for (const query of ['page=2', 'status=everything']) {
      const reply = await call('GET', `/tokens?${query}`, { auth: owner.session });
      expectError(reply, 400, 'invalid_request');
      expect(echoes(reply, query)).toBe(false);
    }
    expectError(await call('GET', '/tokens?pageSize=1&pageSize=2', { auth: owner.session }), 400, 'invalid_request');
  });

  it('refuses a malformed or tampered cursor with 400 invalid_request, echoing none of it', async () => {
    // The second page's next: a position after a token, not the start of the expired ones.
    const [, second] = await allPages(owner.session, 1);
    const next = second?.next ?? '';
    const [payload = '', check = ''] = next.split('.');
    const flip = (text: string, at: number): string =>
      `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    // Another of the user's token ids in the position: a well-formed cursor the service did not make.
    const [token] = (await list(owner.session)).tokens;
    const moved = Buffer.from(JSON.stringify([token?.id])).toString('base64url');
    const bad = [
      'not-a-cursor',
      '',
      flip(payload, 3),
      `${payload}.${flip(check, 0)}`,
      `${moved}.${check}`,
      `${next}.${check}`,
      payload,
      'x'.repeat(5_000),
    ];
    for (const cursor of bad) {
      const reply = await call('GET', `/tokens?cursor=${encodeURIComponent(cursor)}`, { auth: owner.session });
      expectError(reply, 400, 'invalid_request');
      expect(echoes(reply, cursor.length > 3 ? cursor : '')).toBe(false);
    }
  });

  it("refuses another user's cursor with 400 invalid_request, showing none of either user's tokens", async () => {
    const theirs = (await list(owner.session, '?pageSize=1')).next ?? '';
    expect(theirs).not.toBe('');
    const other = await newUser();
    await createToken(other.session, { name: 'mine', expiresAt: null });
    const reply = await call('GET', `/tokens?cursor=${encodeURIComponent(theirs)}`, { auth: other.session });
    expectError(reply, 400, 'invalid_request');
    expect(echoes(reply, theirs)).toBe(false);
    expect(JSON.stringify(reply.body)).not.toMatch(/"tokens"/);
  });

  it('pages 10 working tokens and 130 expired ones to the end: each once, in order, 50 on the first page', async () => {
    const { userId, session } = await newUser();
    const working: string[] = [];
    for (let i = 0; i < 10; i += 1) working.unshift((await createToken(session, { name: `W${i}` })).id);
    const expired = await seedExpiredTokens(serviceDb(), userId, 130);

    const byDefault = await allPages(session);
    expect(byDefault.map((page) => page.tokens.length)).toEqual([50, 50, 40]);
    expect(ids(byDefault)).toEqual([...working, ...expired.map((token) => token.id)]);
    for (const page of byDefault) expect(page.active).toBe(10);

    const small = await allPages(session, 7);
    expect(small[0]?.tokens).toHaveLength(10);
    expect(small.slice(1, -1).every((page) => page.tokens.length === 7)).toBe(true);
    expect(ids(small)).toEqual(ids(byDefault));
  });
});
