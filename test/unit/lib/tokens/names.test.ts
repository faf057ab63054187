import { nameClaimKey } from '../../../../lib/tokens/names';

describe('nameClaimKey', () => {
  it('ignores case', () => {
    expect(nameClaimKey('Zapier')).toBe(nameClaimKey('ZAPIER'));
    expect(nameClaimKey('Zapier')).toBe(nameClaimKey('zapier'));
  });

  it('treats composed and decomposed forms alike', () => {
    expect(nameClaimKey('Caf\u00e9')).toBe(nameClaimKey('Cafe\u0301'));
    expect(nameClaimKey('CAF\u00c9')).toBe(nameClaimKey('cafe\u0301'));
  });

  it('keeps names that differ by more than case apart', () => {
    expect(nameClaimKey('Zapier')).not.toBe(nameClaimKey('Zapier 2'));
    expect(nameClaimKey('Zapier')).not.toBe(nameClaimKey('Zapiér'));
  });
});
