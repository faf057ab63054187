import { generateToken } from '../../../../lib/tokens/format';
import { tokenHint } from '../../../../lib/tokens/hint';

describe('tokenHint', () => {
  it('shows the prefix, the environment and the last four characters', () => {
    expect(tokenHint('mp_live_abcdefghijklmnopqrstuvwxyz012345x9Qa')).toBe('mp_live_…x9Qa');
  });

  it('shows nothing of the secret: the last four characters are the checksum’s', () => {
    const token = generateToken({ prefix: 'acme', environment: 'test' });
    const hint = tokenHint(token);
    expect(hint).toMatch(/^acme_test_…[0-9A-Za-z]{4}$/);
    expect(token.endsWith(hint.slice(-4))).toBe(true);
    expect(hint.length).toBe('acme_test_…'.length + 4);
  });
});
