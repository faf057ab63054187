import { call, createToken, newUser } from '../support/http';
import { daysFromNow, TOKEN_PATTERN } from '../support/contract';

const sorted = (values: readonly string[]): string[] => [...values].sort();

describe('POST /tokens (happy path)', () => {
  it('answers 201 with exactly id, name, scopes, token, createdAt, expiresAt, hint and description', async () => {
    const { session } = await newUser();
    const reply = await call('POST', '/tokens', {
      auth: session,
      body: { name: 'Zapier Integration', scopes: ['cases:read', 'invoices:write'] },
    });
    expect(reply.status).toBe(201);
    expect(Object.keys(reply.body).sort()).toEqual([
      'createdAt',
      'description',
      'expiresAt',
      'hint',
      'id',
      'name',
      'scopes',
      'token',
    ]);
    expect(reply.body.name).toBe('Zapier Integration');
    expect(sorted(reply.body.scopes)).toEqual(['cases:read', 'invoices:write']);
    expect(typeof reply.body.id).toBe('string');
    expect(reply.body.id.length).toBeGreaterThan(0);
  });

  it('issues a token of the form mp_test_<32-character secret><6-character checksum>', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    expect(created.token).toMatch(TOKEN_PATTERN);
  });

  it('issues a different token and id on every create', async () => {
    const { session } = await newUser();
    const first = await createToken(session);
    const second = await createToken(session);
    expect(second.token).not.toBe(first.token);
    expect(second.id).not.toBe(first.id);
  });

  it('trims the name', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: '   CI deploy \t ' });
    expect(created.name).toBe('CI deploy');
  });

  it('accepts a name of exactly 64 characters, counted after trimming', async () => {
    const { session } = await newUser();
    const name = 'n'.repeat(64);
    const created = await createToken(session, { name: `  ${name}  ` });
    expect(created.name).toBe(name);
  });

  it('accepts a one-character name', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'x' });
    expect(created.name).toBe('x');
  });

  it('answers expiresAt null when expiresAt is omitted', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { expiresAt: undefined });
    expect(created.expiresAt).toBeNull();
  });

  it('answers expiresAt null when expiresAt is null', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { expiresAt: null });
    expect(created.expiresAt).toBeNull();
  });

  it('answers the requested expiry instant as an ISO-8601 date-time', async () => {
    const { session } = await newUser();
    const expiresAt = daysFromNow(30);
    const created = await createToken(session, { expiresAt });
    expect(typeof created.expiresAt).toBe('string');
    expect(Date.parse(created.expiresAt ?? '')).toBe(Date.parse(expiresAt));
  });

  it('accepts an expiry written with a time-zone offset and keeps the same instant', async () => {
    const { session } = await newUser();
    const instant = new Date(Date.parse(daysFromNow(10)));
    instant.setUTCMilliseconds(0);
    // The same instant written as the wall-clock time of a zone two hours ahead of UTC.
    const local = new Date(instant.getTime() + 2 * 3_600_000).toISOString().replace('.000Z', '+02:00');
    const created = await createToken(session, { expiresAt: local });
    expect(Date.parse(created.expiresAt ?? '')).toBe(instant.getTime());
  });

  it('answers createdAt as the ISO-8601 time of creation', async () => {
    const { session } = await newUser();
    const before = Date.now();
    const created = await createToken(session);
    const createdAt = Date.parse(created.createdAt);
    expect(new Date(createdAt).toISOString()).toBe(created.createdAt);
    // The service runs on this machine: same clock, give or take a minute of slack.
    expect(createdAt).toBeGreaterThan(before - 60_000);
    expect(createdAt).toBeLessThan(Date.now() + 60_000);
  });

  it.each([['*:read'], ['*:write'], ['applicants:read'], ['cases:write'], ['invoices:read']])(
    'grants the single scope %s',
    async (scope) => {
      const { session } = await newUser();
      const created = await createToken(session, { scopes: [scope] });
      expect(created.scopes).toEqual([scope]);
    },
  );

  it('grants every scope asked for at once', async () => {
    const { session } = await newUser();
    const all = (await call('GET', '/scopes')).body.scopes as string[];
    const created = await createToken(session, { scopes: all });
    expect(sorted(created.scopes)).toEqual(sorted(all));
  });

  it('issues a token that works at once on the protected API and identifies its owner', async () => {
    const { userId, session } = await newUser();
    const created = await createToken(session, { scopes: ['cases:read'] });
    const reply = await call('GET', '/v1/whoami', { auth: created.token });
    expect(reply.status).toBe(200);
    expect(reply.body.userId).toBe(userId);
    expect(reply.body.tokenId).toBe(created.id);
  });

  it('lists the new token for its owner', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'Listed' });
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([created.id]);
  });
});
