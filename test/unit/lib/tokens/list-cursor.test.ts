import { decodeListCursor, encodeListCursor } from '../../../../lib/tokens/list-cursor';

const position = { createdAt: '2026-01-02T03:04:05.678Z', id: '6f1c1d7e-52a4-4b59-9d0c-1f7d1c2b3a4e' };

describe('the GET /tokens cursor', () => {
  it('gives back the position it was made from, for the user it was made for', () => {
    expect(decodeListCursor('alice', encodeListCursor('alice', position))).toEqual(position);
    expect(decodeListCursor('alice', encodeListCursor('alice', 'first_expired'))).toBe('first_expired');
  });

  it("refuses another user's cursor", () => {
    expect(decodeListCursor('bob', encodeListCursor('alice', position))).toBeUndefined();
  });

  it('refuses a cursor whose position was edited, even into a well-formed one', () => {
    const [, check] = encodeListCursor('alice', position).split('.');
    const edited = Buffer.from(JSON.stringify(['2026-01-02T03:04:05.679Z', position.id])).toString('base64url');
    expect(decodeListCursor('alice', `${edited}.${check}`)).toBeUndefined();
  });

  it.each(['', '.', 'abc', 'abc.def', 'a.b.c', `${'A'.repeat(300)}.x`])('refuses %p', (cursor) => {
    expect(decodeListCursor('alice', cursor)).toBeUndefined();
  });
});
