import { actionWords, actorWords, leakLink } from '../../../../web/src/audit-words';

describe('the settings page: history wording', () => {
  it.each([
    ['created', 'Created'],
    ['rolled', 'Rolled: replaced by a new token'],
    ['disabled', 'Disabled'],
    ['enabled', 'Enabled'],
    ['revoked', 'Revoked'],
    ['revoked_leaked', 'Revoked because it was reported as leaked'],
    ['expired', 'Expired'],
  ] as const)('says %s as %j', (action, words) => {
    expect(actionWords(action)).toBe(words);
  });

  it.each([
    ['leak-report', 'Leak report'],
    ['github-secret-scanning', 'GitHub secret scanning'],
    ['expiry', 'Automatic (expiry)'],
    ['user-0193a1b2', 'You'],
  ])('names the actor %s as %j', (actor, words) => {
    expect(actorWords(actor)).toBe(words);
  });

  it('links a leak only to a web address', () => {
    expect(leakLink({ url: 'https://github.com/acme/site/blob/main/.env' })).toBe(
      'https://github.com/acme/site/blob/main/.env',
    );
    expect(leakLink({ url: 'javascript:alert(1)' })).toBeNull();
    expect(leakLink({ url: 'not a url' })).toBeNull();
    expect(leakLink({})).toBeNull();
  });
});
