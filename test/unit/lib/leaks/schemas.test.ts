import { githubReportSchema, leakReportSchema, MAX_REPORTED_TOKENS } from '../../../../lib/leaks/schemas';

describe('leakReportSchema', () => {
  it('takes 1 to 500 strings and an optional url', () => {
    const tokens = Array.from({ length: MAX_REPORTED_TOKENS }, (_, i) => `t${i}`);
    expect(leakReportSchema.safeParse({ tokens }).success).toBe(true);
    expect(leakReportSchema.safeParse({ tokens: ['a'], url: 'https://x.test' }).success).toBe(true);
  });

  it.each([
    ['no tokens', { tokens: [] }],
    ['501 tokens', { tokens: Array.from({ length: 501 }, () => 'a') }],
    ['a number', { tokens: [7] }],
    ['a 257-character string', { tokens: ['a'.repeat(257)] }],
    ['a url that is not a string', { tokens: ['a'], url: 1 }],
  ])('refuses %s, with a message that quotes none of the input', (_, body) => {
    const result = leakReportSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((issue) => issue.message))).not.toMatch(/aaa|7/);
  });
});

describe('githubReportSchema', () => {
  it('takes GitHub’s partner payload, with or without source', () => {
    const match = { token: 'mp_test_x', type: 'mp_test', url: 'https://github.com/o/r' };
    expect(githubReportSchema.parse([match, { ...match, source: 'content' }])).toHaveLength(2);
  });

  it.each([
    ['an object', { token: 'x' }],
    ['an empty array', []],
    ['a match without a token', [{ type: 't' }]],
  ])('refuses %s', (_, body) => {
    expect(githubReportSchema.safeParse(body).success).toBe(false);
  });
});
