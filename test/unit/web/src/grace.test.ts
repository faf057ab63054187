import { DEFAULT_GRACE, GRACE_CHOICES, graceNote, graceSecondsOf } from '../../../../web/src/grace';
import { formatDateTime } from '../../../../web/src/format';

describe("the settings page: a roll's grace period", () => {
  it('offers none, an hour, a day and 7 days, the most the API takes', () => {
    expect(GRACE_CHOICES.map(({ value }) => graceSecondsOf(value))).toEqual([0, 3_600, 86_400, 604_800]);
    expect(DEFAULT_GRACE).toBe('1d');
  });

  it('says the old token stops at once without a grace, else until when it works', () => {
    expect(graceNote(0, '2026-11-23T15:00:00.000Z')).toBe('The old token no longer works.');
    expect(graceNote(3_600, '2026-11-23T15:00:00.000Z')).toBe(
      `The old token keeps working until ${formatDateTime('2026-11-23T16:00:00.000Z')}.`,
    );
  });
});
