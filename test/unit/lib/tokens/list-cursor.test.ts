import { decodeListCursor, encodeListCursor } from '../../../../lib/tokens/list-cursor';

const position = { id: '019ab1c2-52a4-7b59-9d0c-1f7d1c2b3a4e' };

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
    const edited = Buffer.from(JSON.stringify([position.id.replace('019a', '019b')])).toString('base64url');
    expect(decodeListCursor('alice', `${edited}.${check}`)).toBeUndefined();
  });

  it.each(['', '.', 'abc', 'abc.def', 'a.b.c', `${'A'.repeat(300)}.x`])('refuses %p', (cursor) => {
    expect(decodeListCursor('alice', cursor)).toBeUndefined();
  });
});
