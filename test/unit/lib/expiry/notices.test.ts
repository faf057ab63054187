import { parseConfig } from '../../../../lib/config';
import { calendarDays, calendarEntryExpiry, dueNotice, EXPIRED_LOOKBACK_DAYS } from '../../../../lib/expiry/notices';
import { DAY_MS, HOUR_MS } from '../../../../lib/time';

const EXPIRES = new Date('2027-03-10T12:00:00Z');
const before = (ms: number) => new Date(EXPIRES.getTime() - ms);
const THRESHOLDS = [30, 7, 1];

describe('the notice due for a token', () => {
  it.each([
    ['31 days before', before(31 * DAY_MS), undefined],
    ['just outside 30 days', before(30 * DAY_MS + 1), undefined],
    ['exactly 30 days before', before(30 * DAY_MS), { kind: 30, daysLeft: 30 }],
    ['29.5 days before, rounded up', before(29.5 * DAY_MS), { kind: 30, daysLeft: 30 }],
    ['8 days before', before(8 * DAY_MS), { kind: 30, daysLeft: 8 }],
    ['exactly 7 days before', before(7 * DAY_MS), { kind: 7, daysLeft: 7 }],
    ['2 days before', before(2 * DAY_MS), { kind: 7, daysLeft: 2 }],
    ['23 hours before', before(23 * HOUR_MS), { kind: 1, daysLeft: 1 }],
    ['a millisecond before', before(1), { kind: 1, daysLeft: 1 }],
    ['at the expiry instant', EXPIRES, { kind: 'expired', daysLeft: 0 }],
    ['a week after', before(-7 * DAY_MS), { kind: 'expired', daysLeft: 0 }],
  ])('%s', (_, now, due) => {
    expect(dueNotice(EXPIRES, THRESHOLDS, now)).toEqual(due);
  });

  it('takes thresholds in any order, and only the expiry when there are none it is within', () => {
    expect(dueNotice(EXPIRES, [1, 60, 7], before(45 * DAY_MS))).toEqual({ kind: 60, daysLeft: 45 });
    expect(dueNotice(EXPIRES, [1], before(2 * DAY_MS))).toBeUndefined();
  });
});

describe('the calendar days an emitter run reads', () => {
  it('spans the lookback for late expired notices and the largest threshold ahead, one UTC day each', () => {
    const days = calendarDays(new Date('2027-03-10T23:30:00Z'), THRESHOLDS);
    expect(days).toHaveLength(EXPIRED_LOOKBACK_DAYS + 1 + 30);
    expect(days[0]).toBe('2027-03-03');
    expect(days.at(-1)).toBe('2027-04-09');
    expect(new Set(days).size).toBe(days.length);
  });

  it('keeps an entry until the emitter no longer reads its day, even for a token expiring at midnight', () => {
    const lastRead = new Date('2027-03-17T23:59:59.999Z');
    expect(calendarDays(lastRead, THRESHOLDS)[0]).toBe('2027-03-10');
    expect(calendarDays(new Date('2027-03-18T00:00:00Z'), THRESHOLDS)).not.toContain('2027-03-10');
    for (const expiresAt of [EXPIRES, new Date('2027-03-10T00:00:00Z')])
      expect(calendarEntryExpiry(expiresAt).getTime()).toBeGreaterThan(lastRead.getTime());
  });
});

describe('EXPIRY_WARNING_DAYS and EXPIRY_EVENT_BUS', () => {
  const env = { TABLE_NAME: 't', SESSION_ISSUER: 'i', SESSION_AUDIENCE: 'a', SESSION_JWKS_URL: 'https://id.test/jwks' };

  it('default to 30, 7 and 1 days and no bus (events are logged)', () => {
    expect(parseConfig(env).expiry).toEqual({ warningDays: [30, 7, 1], eventBus: undefined });
  });

  it('read a list of days, largest first without repeats, and a bus name', () => {
    const config = parseConfig({ ...env, EXPIRY_WARNING_DAYS: '7, 60,30,7', EXPIRY_EVENT_BUS: 'default' });
    expect(config.expiry).toEqual({ warningDays: [60, 30, 7], eventBus: 'default' });
  });

  it.each([['0'], ['x'], ['1.5'], ['-7']])('refuse the day list %p', (days) => {
    expect(() => parseConfig({ ...env, EXPIRY_WARNING_DAYS: days })).toThrow('EXPIRY_WARNING_DAYS');
  });

  it('refuses a bus ARN: the IAM policy is written for a bus name', () => {
    const arn = 'arn:aws:events:eu-west-1:123456789012:event-bus/default';
    expect(() => parseConfig({ ...env, EXPIRY_EVENT_BUS: arn })).toThrow('EXPIRY_EVENT_BUS');
  });
});
