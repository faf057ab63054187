import { decodeAuditCursor, encodeAuditCursor } from '../../../../lib/audit/cursor';
import { encodeListCursor } from '../../../../lib/tokens/list-cursor';

const after = '2026-11-23T22:41:07.123Z#0b6f3c1e-9a1d-4c1e-8f1a-2b3c4d5e6f70';

describe('the GET /audit cursor', () => {
  it('gives back the sort key it was made from, for the user it was made for', () => {
    expect(decodeAuditCursor('alice', encodeAuditCursor('alice', after))).toBe(after);
  });

  it("refuses another user's cursor", () => {
    expect(decodeAuditCursor('bob', encodeAuditCursor('alice', after))).toBeUndefined();
  });

  it('refuses a GET /tokens cursor, even of the same user', () => {
    const tokenCursor = encodeListCursor('alice', { id: '019ab1c2-52a4-7b59-9d0c-1f7d1c2b3a4e' });
    expect(decodeAuditCursor('alice', tokenCursor)).toBeUndefined();
  });

  it('refuses a cursor whose position is not an audit sort key, even when correctly bound', () => {
    expect(decodeAuditCursor('alice', encodeAuditCursor('alice', 'AUDIT#bob'))).toBeUndefined();
    expect(decodeAuditCursor('alice', encodeAuditCursor('alice', `${after}x`))).toBeUndefined();
  });

  it.each(['', '.', 'abc', 'abc.def', 'a.b.c', `${'A'.repeat(300)}.x`])('refuses %p', (cursor) => {
    expect(decodeAuditCursor('alice', cursor)).toBeUndefined();
  });
});
