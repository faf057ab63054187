import type { NoticeList, TokenNotice } from '../../lib/contract';
import { daysFromNow, expectError, msFromNow, waitUntilPast } from '../support/contract';
import { emitDueNotices } from '../support/expiry-notices';
import { call, createToken, newUser } from '../support/http';

const notices = async (session: string): Promise<TokenNotice[]> => {
  const reply = await call<NoticeList>('GET', '/notices', { auth: session });
  expect(reply.status).toBe(200);
  return reply.body.notices;
};

const of = (list: TokenNotice[], tokenId: string) => list.filter((notice) => notice.tokenId === tokenId);

describe('GET /notices', () => {
  it('shows the warning the emitter sent for a token created with a short expiry, once however often it runs', async () => {
    const { session } = await newUser();
    const token = await createToken(session, { name: 'Zapier', expiresAt: daysFromNow(2) });
    const before = Date.now();
    await emitDueNotices();
    await emitDueNotices();
    await Promise.all([emitDueNotices(), emitDueNotices()]);

    expect(of(await notices(session), token.id)).toEqual([
      {
        noticeId: `${token.id}:7`,
        kind: 'expiring',
        at: expect.any(String),
        tokenId: token.id,
        tokenName: 'Zapier',
        hint: token.hint,
        expiresAt: token.expiresAt,
        daysLeft: 2,
        threshold: 7,
      },
    ]);
    // The service's own schedule may have sent it first: either way, once, and not before the token was made.
    const [notice] = of(await notices(session), token.id);
    expect(Date.parse(notice?.at ?? '')).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('tells of a token that has expired, newest first', async () => {
    const { session } = await newUser();
    const token = await createToken(session, { name: 'Nightly import', expiresAt: msFromNow(1_500) });
    await emitDueNotices();
    await waitUntilPast(token.expiresAt ?? '');
    await emitDueNotices();
    const mine = of(await notices(session), token.id);
    expect(mine[0]).toMatchObject({ noticeId: `${token.id}:expired`, kind: 'expired', threshold: 0, daysLeft: 0 });
    // The 1-day warning too, unless a busy machine let the token expire before the first run: each notice once.
    expect(mine.slice(1).map((notice) => notice.noticeId)).toEqual(mine.length === 2 ? [`${token.id}:1`] : []);
  });

  it('shows a user only their own notices', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const alices = await createToken(alice.session, { expiresAt: daysFromNow(2) });
    const bobs = await createToken(bob.session, { expiresAt: daysFromNow(2) });
    await emitDueNotices();
    expect((await notices(alice.session)).map((notice) => notice.tokenId)).toEqual([alices.id]);
    expect((await notices(bob.session)).map((notice) => notice.tokenId)).toEqual([bobs.id]);
    expect(await notices((await newUser()).session)).toEqual([]);
  });

  it('needs a session, not an API token', async () => {
    const { session } = await newUser();
    const token = await createToken(session);
    expectError(await call('GET', '/notices'), 401, 'session_required');
    expectError(await call('GET', '/notices', { auth: token.token }), 401, 'session_required');
  });
});
