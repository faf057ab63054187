import { keys } from '../../../../lib/storage/keys';

describe('the key layout', () => {
  it('reads back the token hash of a key item and the token id of a usage item', () => {
    expect(keys.keyHashOf(keys.key('ab12').PK)).toBe('ab12');
    expect(keys.tokenIdOfUsage(keys.usageSummary('tok-1').PK)).toBe('tok-1');
    expect(keys.tokenIdOfUsage(keys.usageDay('tok-1', '2026-03-10').PK)).toBe('tok-1');
    expect(keys.usageSummary('tok-1').PK).toBe(keys.usage('tok-1'));
  });

  it('tells a usage summary from a day bucket, and reads the day back', () => {
    const summary = keys.usageSummary('tok-1');
    const day = keys.usageDay('tok-1', '2026-03-10');
    expect(keys.isUsageSummary(summary.SK)).toBe(true);
    expect(keys.isUsageSummary(day.SK)).toBe(false);
    expect(keys.dayOfUsage(day.SK)).toBe('2026-03-10');
    expect(keys.dayOfUsage(summary.SK)).toBeUndefined();
  });

  it('recognises use events by their partition, and no other item', () => {
    expect(keys.isUseEvent(keys.useEvent('ab12', new Date(0), 'req').PK)).toBe(true);
    for (const other of [keys.key('ab12'), keys.usageSummary('ab12'), keys.token('u', 't'), keys.activeSet('u')]) {
      expect(keys.isUseEvent(other.PK)).toBe(false);
    }
  });

  it('reads back the expiry an active set member carries, none for a token that never expires', () => {
    expect(keys.expiryOfActiveMember(keys.activeMember('tok-1', '2026-03-10T22:30:00.000Z'))).toBe(
      Date.parse('2026-03-10T22:30:00.000Z'),
    );
    expect(keys.expiryOfActiveMember(keys.activeMember('tok-1', null))).toBeUndefined();
  });

  it('decodes nothing from another item or a value that is not a string', () => {
    expect(keys.keyHashOf(keys.usageSummary('tok-1').PK)).toBeUndefined();
    expect(keys.tokenIdOfUsage(keys.key('ab12').PK)).toBeUndefined();
    expect(keys.keyHashOf(undefined)).toBeUndefined();
    expect(keys.dayOfUsage(42)).toBeUndefined();
  });

  it('gives every item of the layout a key of its own', () => {
    const all = [
      keys.token('u', 't'),
      keys.activeSet('u'),
      keys.key('t'),
      keys.useEvent('t', new Date(0), 'r'),
      keys.usageSummary('t'),
      keys.usageDay('t', '2026-03-10'),
    ].map(({ PK, SK }) => `${PK} ${SK}`);
    expect(new Set(all).size).toBe(all.length);
  });
});
