/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { signDevSession } from '../../local/dev-session';
import { call, createToken, getFrom, newUser } from '../support/http';
import { daysFromNow, expectError, MESSAGES, msFromNow, TOKEN_PATTERN, waitUntilPast } from '../support/contract';
import { emitDueNotices } from '../support/expiry-notices';
import { seedExpiredTokens, serviceDb } from '../support/seed-tokens';
import { nextAddress, postFrom } from '../support/post-from';
import { seedOldToken, seedSpikedToken, seedUsedToken } from './seed-history';
import {
  eventually,
  launchBrowser,
  openSettings,
  screenshot,
  signIn,
  type OpenedPage,
  type OpenOptions,
} from './browser';

// A browser test waits on the page and the usage pipeline: more than the API tests' 30 s.
jest.setTimeout(90_000);

// The table's columns, in order.
const COLUMN = { name: 0, hint: 1, scopes: 2, created: 3, lastUsed: 4, expires: 5, status: 6 } as const;

// The working tokens' table: the revoked tokens' table and the history name tokens too.
const tokenTable = (page: Page): Locator => page.locator('table', { has: page.locator('#token-table-caption') });

const tokenRow = (page: Page, name: string): Locator =>
  tokenTable(page)
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });

const cellText = async (row: Locator, column: number): Promise<string> =>
  ((await row.locator(':scope > td, :scope > th').nth(column).textContent()) ?? '').trim();

const counterText = async (page: Page): Promise<string | null> =>
  page.getByText(/\d+ of \d+ active tokens/).textContent();

const refresh = (page: Page): Promise<void> => page.getByRole('button', { name: 'Refresh', exact: true }).click();

const DAY_MS = 86_400_000;

const isFocused = (locator: Locator): Promise<boolean> => locator.evaluate((el) => el === document.activeElement);

/** Whether focus reaches `locator`: the page moves it once the list shows an action's outcome. */
const focusReaches = (locator: Locator): Promise<boolean> =>
  eventually(
    () => isFocused(locator),
    (focused) => focused,
  );

const noticeText = async (page: Page): Promise<string> =>
  ((await page.getByRole('status').filter({ hasText: /./ }).first().textContent()) ?? '').trim();

/** The vertical distance from the bottom of `above` to the top of `below`, in CSS pixels. */
const gapBetween = async (above: Locator, below: Locator): Promise<number> => {
  const [a, b] = [await above.boundingBox(), await below.boundingBox()];
  if (a === null || b === null) throw new Error('not shown');
  return b.y - (a.y + a.height);
};

const definition = async (page: Page, term: string): Promise<string> =>
  ((await page.locator(`dt:text-is("${term}") + dd`).textContent()) ?? '').trim();

let browser: Browser;
let opened: OpenedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  // Whatever went wrong in the page is part of the test that ran it.
  const problems = opened?.problems ?? [];
  await opened?.close();
  opened = undefined;
  // eslint-disable-next-line jest/no-standalone-expect -- runs after each test, and fails that test
  expect(problems).toEqual([]);
});

afterAll(async () => {
  await browser.close();
});

const open = async (options?: OpenOptions): Promise<Page> => {
  opened = await openSettings(browser, options);
  return opened.page;
};

describe('the API Tokens settings page', () => {
  it('signs in, shows a new token once, and shows its use under Last Used and in the usage panel', async () => {
    const page = await open();
    const userId = `browser-${randomUUID()}`;
    await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
    await screenshot(page, 'sign-in');
    await signIn(page, userId);
    expect(await counterText(page)).toBe('0 of 10 active tokens');
    const empty = page.getByRole('region', { name: 'No API tokens yet' });
    expect(await empty.textContent()).toContain('call the API as you, with only the access you give it');
    await screenshot(page, 'empty');

    await empty.getByRole('button', { name: 'Generate your first token' }).click();
    const form = page.getByRole('dialog', { name: 'Generate New Token' });
    await form.getByLabel('Token name').fill('Zapier Integration');
    expect(await form.getByLabel('Read-only, all modules').isChecked()).toBe(true);
    expect(await form.getByLabel('30 days').isChecked()).toBe(true);
    await screenshot(page, 'generate-form');
    await form.getByRole('button', { name: 'Generate token' }).click();

    const created = page.getByRole('dialog', { name: 'Token created' });
    const token = await created.getByLabel('Your new API token').inputValue();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(await created.textContent()).toContain('it will not be shown again');
    await created.getByRole('button', { name: 'Copy token' }).click();
    await created.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'token-created');
    await created.getByRole('button', { name: 'Done' }).click();
    await created.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(token);

    const row = tokenRow(page, 'Zapier Integration');
    await row.waitFor();
    // Focus lands on the new row, and the page says what happened.
    expect(await focusReaches(row.locator('td').first())).toBe(true);
    expect(await noticeText(page)).toBe('Token "Zapier Integration" created.');
    expect(await counterText(page)).toBe('1 of 10 active tokens');
    expect(await cellText(row, COLUMN.scopes)).toContain('All modules: read');
    expect(await cellText(row, COLUMN.lastUsed)).toContain('Never');

    // The token the page showed works on the protected API: once from 127.0.0.1, once from 127.0.0.9.
    const whoami = await call('GET', '/v1/whoami', { auth: token });
    expect(whoami.status).toBe(200);
    expect(whoami.body.userId).toBe(userId);
    expect(await getFrom('127.0.0.9', '/v1/cases', token)).toBe(200);

    const lastUsed = await eventually(
      async () => {
        await refresh(page);
        return cellText(row, COLUMN.lastUsed);
      },
      (text) => !text.includes('Never'),
    );
    expect(lastUsed).not.toContain('Never');

    await page.getByRole('button', { name: 'Usage for Zapier Integration' }).click();
    const panel = page.getByRole('region', { name: 'Usage for Zapier Integration' });
    await panel.waitFor();
    // The panel opens right under its row, its heading focused.
    expect(await gapBetween(row, panel)).toBeLessThan(20);
    expect(await focusReaches(panel.getByRole('heading', { name: 'Usage for Zapier Integration' }))).toBe(true);
    expect(await page.getByRole('button', { name: 'Usage for Zapier Integration' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    const dayCount = await eventually(
      async () => {
        await refresh(page);
        await page.locator('dt:text-is("Last 24 hours") + dd').waitFor();
        return definition(page, 'Last 24 hours');
      },
      (text) => text === '2',
    );
    expect(dayCount).toBe('2');
    expect(await definition(page, 'Last 7 days')).toBe('2');
    expect(await definition(page, 'Last 30 days')).toBe('2');
    const addresses = page.getByRole('table', { name: 'Source IP addresses' });
    expect(await cellText(addresses.getByRole('row').filter({ hasText: '127.0.0.9' }), 1)).toBe('1');
    expect(await cellText(addresses.getByRole('row').filter({ hasText: '127.0.0.1' }), 1)).toBe('1');
    await page.getByRole('img', { name: 'Requests per day over the last 30 days, 2 in total' }).waitFor();
    // Alerts come first; the chart has a labelled axis, and its values are a table for keyboards and screen readers.
    const headings = await panel.getByRole('heading').allTextContents();
    expect(headings.indexOf('Alerts')).toBe(1);
    expect(headings.indexOf('Alerts')).toBeLessThan(headings.indexOf('Requests per day'));
    expect(await panel.locator('.chart-y-axis').textContent()).toBe('012');
    expect(await panel.locator('.chart-axis-title').textContent()).toBe('Requests');
    const showValues = panel.getByText('Requests per day as a table');
    await showValues.focus();
    await page.keyboard.press('Enter');
    const values = panel.getByRole('table', { name: /Requests per day, last 30 days/ });
    await values.waitFor();
    expect(await values.getByRole('row').count()).toBe(31);
    expect(await cellText(values.getByRole('row').nth(1), 1)).toBe('2');
    await screenshot(page, 'usage');

    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await isFocused(page.getByRole('button', { name: 'Usage for Zapier Integration' }))).toBe(true);
  });

  it('flags a token that was never used only once it is more than a day old', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Mobile app' });
    await seedOldToken(userId, 'Nightly import script', 2 * DAY_MS);
    const page = await open();
    await signIn(page, userId);
    const fresh = tokenRow(page, 'Mobile app');
    const old = tokenRow(page, 'Nightly import script');
    expect(await cellText(old, COLUMN.lastUsed)).toContain('Unused: consider revoking');
    expect(await cellText(old, COLUMN.created)).toContain('2 days ago');
    expect(await cellText(fresh, COLUMN.lastUsed)).toBe('Never');

    await page.getByRole('button', { name: 'Usage for Nightly import script' }).click();
    await page.getByText('This token has never been used. If nothing needs it, consider revoking it.').waitFor();
    expect(await definition(page, 'Last 30 days')).toBe('0');
    await page.getByRole('button', { name: 'Usage for Mobile app' }).click();
    await page.getByRole('heading', { name: 'Usage for Mobile app' }).waitFor();
    await page.locator('dt:text-is("Last 30 days") + dd').waitFor();
    expect(await page.getByText('This token has never been used.').count()).toBe(0);
  });

  it('shows alerts on the row itself, first in its usage, and recent use in the revoke dialog', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Mobile app' });
    const spiked = await seedSpikedToken(userId, 'Zapier Integration');
    expect(spiked.alerts.map(({ kind }) => kind).sort()).toEqual(['new_ip', 'volume_spike']);
    const page = await open();
    await signIn(page, userId);
    const row = tokenRow(page, 'Zapier Integration');
    const alerts = row.getByRole('list', { name: 'Alerts' });
    await alerts.waitFor();
    expect((await alerts.getByRole('listitem').allTextContents()).map((text) => text.split(' ')[0])).toEqual([
      'Spike',
      'New',
    ]);
    expect(await row.getAttribute('class')).toContain('row-trouble');
    expect(await tokenRow(page, 'Mobile app').getByRole('list', { name: 'Alerts' }).count()).toBe(0);
    expect(await tokenRow(page, 'Mobile app').getAttribute('class')).not.toContain('row-trouble');
    await screenshot(page, 'row-alerts');

    await page.getByRole('button', { name: 'Usage for Zapier Integration' }).click();
    const panel = page.getByRole('region', { name: 'Usage for Zapier Integration' });
    const firstAlert = panel.locator('.usage-alert').first();
    await firstAlert.waitFor();
    expect(await firstAlert.textContent()).toMatch(/^\d+ requests in the hour from/);
    expect(await panel.locator('.usage-alert').nth(1).textContent()).toContain('First use from 203.0.113.7');
    expect(await definition(page, 'Last 24 hours')).toBe('130');
    await screenshot(page, 'usage-alerts');

    await page.getByRole('button', { name: 'Revoke Zapier Integration' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke "Zapier Integration"?' });
    const recent = confirm.locator('#revoke-recent-use');
    expect(await recent.textContent()).toMatch(/^Used \d+ min ago, 130 requests in the last 24 hours\.$/);
    expect(await confirm.getAttribute('aria-describedby')).toContain('revoke-recent-use');
    await screenshot(page, 'revoke-recent-use');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
  });

  it('gives relative times with the exact time on hover and on keyboard focus', async () => {
    const { userId } = await newUser();
    const token = await seedOldToken(userId, 'Nightly import script', 3 * DAY_MS);
    const page = await open();
    await signIn(page, userId);
    const row = tokenRow(page, 'Nightly import script');
    const created = row.locator('time').first();
    expect(await created.locator('[aria-hidden="true"]').textContent()).toBe('3 days ago');
    const exact = await page.evaluate(
      (at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
      token.createdAt,
    );
    expect(await created.getAttribute('title')).toBe(exact);
    expect(await created.locator('.visually-hidden').textContent()).toBe(`3 days ago, ${exact}`);
    expect(await created.getAttribute('datetime')).toBe(token.createdAt);

    await row.locator('td').first().focus();
    await page.keyboard.press('Tab');
    expect(await isFocused(created)).toBe(true);
    expect(await created.evaluate((el) => getComputedStyle(el, '::after').content)).toBe(JSON.stringify(exact));
  });

  it('shows the limit error next to the form, and at 10 active tokens explains why Generate is disabled', async () => {
    const { userId, session } = await newUser();
    for (let i = 1; i <= 9; i += 1) await createToken(session, { name: `Integration ${i}` });
    const page = await open();
    await signIn(page, userId);
    expect(await counterText(page)).toBe('9 of 10 active tokens');

    await page.getByRole('button', { name: 'Generate New Token' }).click();
    const form = page.getByRole('dialog', { name: 'Generate New Token' });
    await form.getByLabel('Token name').fill('Mailchimp sync');
    // Someone else takes the last place before this form is sent.
    await createToken(session, { name: 'Mobile app' });
    await form.getByRole('button', { name: 'Generate token' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(MESSAGES.tokenLimitReached);
    expect(await form.getByLabel('Token name').inputValue()).toBe('Mailchimp sync');
    await screenshot(page, 'limit-error');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'hidden' });

    await refresh(page);
    expect(
      await eventually(
        () => counterText(page),
        (text) => text === '10 of 10 active tokens',
      ),
    ).toBe('10 of 10 active tokens');
    const generate = page.getByRole('button', { name: 'Generate New Token' });
    expect(await generate.isDisabled()).toBe(true);
    const explanationId = await generate.getAttribute('aria-describedby');
    expect(explanationId).toBeTruthy();
    const explanation = page.locator(`[id="${explanationId}"]`);
    expect(await explanation.isVisible()).toBe(true);
    expect(await explanation.textContent()).toContain('You have reached the limit of 10 active tokens.');
    await screenshot(page, 'limit');
  });

  it('badges a token expiring within 7 days in yellow and an expired token in red', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Zapier Integration', expiresAt: null });
    await createToken(session, { name: 'Mobile app', expiresAt: daysFromNow(3) });
    const shortLived = await createToken(session, { name: 'Old import script', expiresAt: msFromNow(2_000) });
    await createToken(session, { name: 'Mailchimp sync', expiresAt: daysFromNow(90) });
    await waitUntilPast(shortLived.expiresAt ?? '');

    const page = await open();
    await signIn(page, userId);
    const expiring = tokenRow(page, 'Mobile app').locator('.badge');
    expect(await expiring.textContent()).toBe('Expires in 3d');
    expect(await expiring.getAttribute('class')).toContain('badge-expiring');
    const expired = tokenRow(page, 'Old import script').locator('.badge');
    expect(await expired.textContent()).toBe('Expired');
    expect(await expired.getAttribute('class')).toContain('badge-expired');
    expect(await cellText(tokenRow(page, 'Zapier Integration'), COLUMN.expires)).toBe('Never');
    expect(await cellText(tokenRow(page, 'Mailchimp sync'), COLUMN.status)).toBe('Active');
    expect(await counterText(page)).toBe('3 of 10 active tokens');
    await screenshot(page, 'token-list');
  });

  it('shows the working tokens first and loads the older expired ones on demand with Load more', async () => {
    const { userId, session } = await newUser();
    // 60 expired tokens, older than the two working ones: more than the first page of 50 holds.
    const expired = await seedExpiredTokens(serviceDb(), userId, 60);
    await createToken(session, { name: 'Zapier Integration', expiresAt: null });
    await createToken(session, { name: 'Mobile app', expiresAt: daysFromNow(3) });
    const page = await open();
    await signIn(page, userId);
    const rows = tokenTable(page).locator('tbody > tr');
    await tokenRow(page, 'Zapier Integration').waitFor();
    expect(await rows.count()).toBe(50);
    expect(await cellText(rows.nth(0), COLUMN.name)).toContain('Mobile app');
    expect(await cellText(rows.nth(1), COLUMN.name)).toContain('Zapier Integration');
    expect(await counterText(page)).toBe('2 of 10 active tokens');
    const oldest = expired.at(-1)?.name ?? '';
    expect(await tokenRow(page, oldest).count()).toBe(0);

    const loadMore = page.getByRole('button', { name: 'Load more', exact: true });
    await loadMore.click();
    await tokenRow(page, oldest).waitFor();
    expect(await rows.count()).toBe(62);
    expect(await noticeText(page)).toBe('Loaded 12 more tokens.');
    expect(await focusReaches(rows.nth(50).locator('td').first())).toBe(true);
    expect(await loadMore.count()).toBe(0);
    expect(await cellText(rows.nth(61), COLUMN.name)).toContain(oldest);
    expect(await counterText(page)).toBe('2 of 10 active tokens');
    await screenshot(page, 'load-more');
  });

  it('revokes only after confirmation, and the token stops working at once', async () => {
    const { userId, session } = await newUser();
    const token = await createToken(session, { name: 'Mailchimp sync' });
    await createToken(session, { name: 'Mobile app' });
    const page = await open();
    await signIn(page, userId);
    const row = tokenRow(page, 'Mailchimp sync');

    await page.getByRole('button', { name: 'Revoke Mailchimp sync' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke "Mailchimp sync"?' });
    expect(await confirm.textContent()).toContain('Any integration using this token will stop working immediately.');
    await confirm.locator('#revoke-recent-use').getByText('Never used.', { exact: true }).waitFor();
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await screenshot(page, 'revoke-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await row.count()).toBe(1);
    expect((await call('GET', '/v1/whoami', { auth: token.token })).status).toBe(200);

    // Used twice (once above): the dialog asks for the token's usage afresh, without a Refresh of the page.
    expect((await call('GET', '/v1/whoami', { auth: token.token })).status).toBe(200);
    const recent = await eventually(
      async () => {
        const fresh = page.waitForResponse((response) => response.url().endsWith(`/tokens/${token.id}/usage`));
        await page.getByRole('button', { name: 'Revoke Mailchimp sync' }).click();
        await (await fresh).finished();
        await page.evaluate(() => new Promise((shown) => requestAnimationFrame(shown)));
        const text = (await confirm.locator('#revoke-recent-use').textContent()) ?? '';
        await confirm.getByRole('button', { name: 'Cancel' }).click();
        return text;
      },
      (text) => text.includes('2 requests'),
    );
    expect(recent).toMatch(/^Used (just now|\d+ min ago), 2 requests in the last 24 hours\.$/);

    // Mobile app, the newer token, is listed first: after revoking it focus moves on to the next row.
    await page.getByRole('button', { name: 'Revoke Mobile app' }).click();
    await page
      .getByRole('alertdialog', { name: 'Revoke "Mobile app"?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await tokenRow(page, 'Mobile app').waitFor({ state: 'detached' });
    expect(await focusReaches(row.locator('td').first())).toBe(true);
    expect(await noticeText(page)).toBe('Token "Mobile app" revoked.');

    await page.getByRole('button', { name: 'Revoke Mailchimp sync' }).click();
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await counterText(page)).toBe('0 of 10 active tokens');
    // The last one gone: focus moves to the empty list's heading.
    const emptyHeading = page.getByRole('heading', { name: 'No API tokens yet' });
    expect(await focusReaches(emptyHeading)).toBe(true);
    expect(await noticeText(page)).toBe('Token "Mailchimp sync" revoked.');
    expectError(await call('GET', '/v1/whoami', { auth: token.token }), 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('refuses an empty name next to the field without calling the API', async () => {
    const page = await open();
    await signIn(page, `browser-${randomUUID()}`);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/tokens')) posts.push(request.url());
    });
    await page.getByRole('button', { name: 'Generate New Token' }).click();
    const form = page.getByRole('dialog', { name: 'Generate New Token' });
    await form.getByRole('button', { name: 'Generate token' }).click();
    const name = form.getByLabel('Token name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(
      describedBy.split(/\s+/).map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(described.join(' ')).toContain('Enter a name for the token.');

    await form.getByLabel('Only chosen modules').check();
    await name.fill('Case sync');
    await form.getByRole('button', { name: 'Generate token' }).click();
    await form.getByText('Choose at least one module.').waitFor();
    expect(posts).toEqual([]);

    await form.getByLabel('cases').selectOption({ label: 'Read and write' });
    await form.getByLabel('Never').check();
    await form.getByRole('button', { name: 'Generate token' }).click();
    const created = page.getByRole('dialog', { name: 'Token created' });
    await created.getByRole('button', { name: 'Done' }).click();
    const row = tokenRow(page, 'Case sync');
    await row.waitFor();
    expect(await cellText(row, COLUMN.scopes)).toContain('cases: read & write');
    expect(await cellText(row, COLUMN.expires)).toBe('Never');
    expect(posts).toHaveLength(1);
  });

  it('asks to sign in again when the session has expired', async () => {
    const userId = `browser-${randomUUID()}`;
    const page = await open();
    await signIn(page, userId);
    // Swap the stored session for one of the same user that has already expired, and reload.
    // Expired a minute ago: beyond the 30 s the service allows for the issuer's clock.
    const expiredSession = await signDevSession(userId, { expiresIn: '1 minute ago' });
    await page.evaluate((replacement) => {
      for (const key of Object.keys(sessionStorage)) {
        const value = sessionStorage.getItem(key) ?? '';
        sessionStorage.setItem(key, value.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/, replacement));
      }
    }, expiredSession);
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'Your session has expired. Sign in again.' });
    await alert.waitFor();
    await page.getByLabel('User id').waitFor();
    await signIn(page, userId);
    expect(await counterText(page)).toBe('0 of 10 active tokens');
  });

  it('works with the keyboard alone on a phone-width screen', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Zapier Integration', expiresAt: daysFromNow(2) });
    const page = await open({ viewport: { width: 375, height: 740 } });
    await page.getByLabel('User id').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(userId);
    await page.keyboard.press('Enter');
    await page.getByText(/\d+ of \d+ active tokens/).waitFor();

    const generate = page.getByRole('button', { name: 'Generate New Token' });
    await generate.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'Generate New Token' });
    await form.waitFor();
    expect(await form.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
    expect(await generate.evaluate((button) => button === document.activeElement)).toBe(true);

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await tokenRow(page, 'Zapier Integration').locator('.badge').textContent()).toBe('Expires in 2d');
    await screenshot(page, 'phone');

    // Usage opens under its row, not below the whole list.
    const usage = page.getByRole('button', { name: 'Usage for Zapier Integration' });
    await usage.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Usage for Zapier Integration' });
    await panel.locator('dt:text-is("Last 24 hours")').waitFor();
    expect(await gapBetween(tokenRow(page, 'Zapier Integration'), panel)).toBeLessThan(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'phone-usage');
  });

  it('tells tokens apart by their hint and description, and edits the description', async () => {
    const page = await open();
    await signIn(page, `browser-${randomUUID()}`);
    await page.getByRole('button', { name: 'Generate New Token' }).click();
    const form = page.getByRole('dialog', { name: 'Generate New Token' });
    await form.getByLabel('Token name').fill('Nightly import');
    await form.getByLabel('Description (optional)').fill('Billing team export');
    await form.getByRole('button', { name: 'Generate token' }).click();
    const created = page.getByRole('dialog', { name: 'Token created' });
    const token = await created.getByLabel('Your new API token').inputValue();
    const hint = `mp_test_…${token.slice(-4)}`;
    expect(await created.locator('code.token-hint').textContent()).toBe(hint);
    await created.getByRole('button', { name: 'Done' }).click();

    const row = tokenRow(page, 'Nightly import');
    await row.waitFor();
    expect(await cellText(row, COLUMN.hint)).toBe(hint);
    expect(await row.locator('.token-description').textContent()).toBe('Billing team export');
    await screenshot(page, 'hint-and-description');

    await page.getByRole('button', { name: 'Edit Nightly import' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit "Nightly import"' });
    expect(await edit.getByLabel('Description (optional)').inputValue()).toBe('Billing team export');
    await edit.getByLabel('Description (optional)').fill('Finance team export');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    expect(await focusReaches(row.locator('td').first())).toBe(true);
    expect(await noticeText(page)).toBe('Token "Nightly import" updated.');
    expect(await row.locator('.token-description').textContent()).toBe('Finance team export');
  });

  it('renames a token, refusing next to the field a name another working token has', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Zapier' });
    await createToken(session, { name: 'Mailchimp sync' });
    const page = await open();
    await signIn(page, userId);

    await page.getByRole('button', { name: 'Edit Mailchimp sync' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit "Mailchimp sync"' });
    const name = edit.getByLabel('Token name');
    await name.fill('Zapier');
    await edit.getByRole('button', { name: 'Save' }).click();
    const refusal = edit.getByText('Another working token already has this name. Choose another.');
    await refusal.waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe(await refusal.getAttribute('id'));
    expect(await focusReaches(name)).toBe(true);
    await screenshot(page, 'rename-taken');

    await name.fill('Mailchimp audience sync');
    await edit.getByRole('button', { name: 'Save' }).click();
    const row = tokenRow(page, 'Mailchimp audience sync');
    await row.waitFor();
    expect(await focusReaches(row.locator('td').first())).toBe(true);
    expect(await noticeText(page)).toBe('Token "Mailchimp audience sync" updated.');
    expect(await tokenRow(page, 'Mailchimp sync').count()).toBe(0);
  });

  it('disables a token at once, shows it as Disabled, and enables it again', async () => {
    const { userId, session } = await newUser();
    const token = await createToken(session, { name: 'Suspicious script' });
    const page = await open();
    await signIn(page, userId);
    const row = tokenRow(page, 'Suspicious script');
    expect(await cellText(row, COLUMN.status)).toContain('Active');

    await page.getByRole('button', { name: 'Disable Suspicious script' }).click();
    await page.getByRole('button', { name: 'Enable Suspicious script' }).waitFor();
    expect(await cellText(row, COLUMN.status)).toContain('Disabled');
    expect(await focusReaches(row.locator('td').first())).toBe(true);
    expect(await noticeText(page)).toBe('Token "Suspicious script" disabled.');
    expectError(await call('GET', '/v1/whoami', { auth: token.token }), 401, 'token_disabled');
    await screenshot(page, 'disabled');

    await page.getByRole('button', { name: 'Enable Suspicious script' }).click();
    await page.getByRole('button', { name: 'Disable Suspicious script' }).waitFor();
    expect(await cellText(row, COLUMN.status)).toContain('Active');
    expect(await noticeText(page)).toBe('Token "Suspicious script" enabled.');
    expect((await call('GET', '/v1/whoami', { auth: token.token })).status).toBe(200);
  });

  it('shows revoked tokens on demand, with use after revocation on the row and in their usage', async () => {
    const { userId, session } = await newUser();
    const leaked = await createToken(session, { name: 'Old CI job' });
    await createToken(session, { name: 'Mobile app' });
    expect(await getFrom('127.0.0.4', '/v1/whoami', leaked.token)).toBe(200);
    expect((await call('DELETE', `/tokens/${leaked.id}`, { auth: session })).status).toBe(204);
    expect(await getFrom('127.0.0.4', '/v1/whoami', leaked.token)).toBe(401);
    const kinds = await eventually(
      async () => {
        const usage = await call('GET', `/tokens/${leaked.id}/usage`, { auth: session });
        return (usage.body.alerts as { kind: string }[]).map(({ kind }) => kind);
      },
      (found) => found.includes('revoked_use'),
    );
    expect(kinds).toContain('revoked_use');

    const page = await open();
    await signIn(page, userId);
    await tokenRow(page, 'Mobile app').waitFor();
    expect(await tokenRow(page, 'Old CI job').count()).toBe(0);

    await page.getByLabel('Show revoked tokens').check();
    const revoked = page.getByRole('table', { name: 'Revoked tokens' });
    const row = revoked.getByRole('row').filter({ has: page.getByText('Old CI job', { exact: true }) });
    await row.waitFor();
    expect(await noticeText(page)).toBe('Showing 1 revoked token.');
    expect(await cellText(row, COLUMN.status)).toContain('Revoked');
    expect(await cellText(row, COLUMN.hint)).toBe(leaked.hint);
    await row.getByRole('list', { name: 'Alerts' }).getByText('Used while revoked').waitFor();
    expect(await row.getByRole('button', { name: 'Revoke Old CI job' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Disable Old CI job' }).count()).toBe(0);

    await row.getByRole('button', { name: 'Usage for Old CI job' }).click();
    const panel = page.getByRole('region', { name: 'Usage for Old CI job' });
    await panel.locator('.usage-alert').first().waitFor();
    expect((await panel.locator('.usage-alert').allTextContents()).join(' ')).toMatch(/revoked/i);
    expect(await gapBetween(row, panel)).toBeLessThan(20);
    await screenshot(page, 'revoked-tokens');

    // Revoking a working token while the filter is on moves it to the revoked list.
    await page.getByRole('button', { name: 'Revoke Mobile app' }).click();
    await page
      .getByRole('alertdialog', { name: 'Revoke "Mobile app"?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await revoked
      .getByRole('row')
      .filter({ has: page.getByText('Mobile app', { exact: true }) })
      .waitFor();
  });

  it('tells of a token a leak report revoked: a notice at the top, its revoked row, first in its usage, with where it was found', async () => {
    const { userId, session } = await newUser();
    const leaked = await createToken(session, { name: 'Pasted in a gist' });
    const url = 'https://gist.github.com/someone/abc';
    const reported = await postFrom(nextAddress(), '/leaks', JSON.stringify({ tokens: [leaked.token], url }));
    expect(reported.status).toBe(202);

    const page = await open();
    await signIn(page, userId);
    const notice = page.getByRole('region', { name: 'Notices' }).getByRole('listitem');
    await notice.waitFor();
    expect((await notice.locator('.token-notice-text').innerText()).trim()).toMatch(
      new RegExp(
        `^“Pasted in a gist” \\(${leaked.hint}\\) was revoked because it was reported as leaked \\(Leak report, just now`,
      ),
    );
    expect(await notice.getByRole('link', { name: url }).getAttribute('href')).toBe(url);
    await screenshot(page, 'leak-notice');

    await page.getByLabel('Show revoked tokens').check();
    const row = page
      .getByRole('table', { name: 'Revoked tokens' })
      .getByRole('row')
      .filter({ has: page.getByText('Pasted in a gist', { exact: true }) });
    await row.getByRole('list', { name: 'Alerts' }).getByText('Reported leaked').waitFor();

    await row.getByRole('button', { name: 'Usage for Pasted in a gist' }).click();
    const first = page.getByRole('region', { name: 'Usage for Pasted in a gist' }).locator('.usage-alert').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/^Reported leaked by Leak report and revoked\. Found at https:\/\/gist/);
    expect(await first.getByRole('link', { name: url }).getAttribute('href')).toBe(url);
  });

  it('shows the history in words, newest first, with the leak report and its url, and loads more on demand', async () => {
    const { userId, session } = await newUser();
    const leaked = await createToken(session, { name: 'Old CI job' });
    const paused = await createToken(session, { name: 'Nightly import' });
    // 25 pauses and resumes: with the two creations and the leak, 53 events, more than a page of 50 holds.
    for (let i = 0; i < 25; i++) {
      for (const disabled of [true, false]) {
        const reply = await call('PATCH', `/tokens/${paused.id}`, { auth: session, body: { disabled } });
        expect(reply.status).toBe(200);
      }
    }
    const url = 'https://github.com/acme/site/blob/main/.env';
    // From an address of its own, as the leak tests send theirs: the per-source limit is not shared with them.
    const report = await postFrom(nextAddress(), '/leaks', JSON.stringify({ tokens: [leaked.token], url }));
    expect(report.status).toBe(202);

    const page = await open();
    await signIn(page, userId);
    const history = page.getByRole('region', { name: 'History' });
    const rows = history.locator('tbody > tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    const newest = rows.first();
    expect(await newest.locator('.history-action').textContent()).toBe('Revoked because it was reported as leaked');
    expect(await newest.locator('.leak-source').textContent()).toBe(`Found at ${url}`);
    expect(await newest.getByRole('link', { name: url }).getAttribute('href')).toBe(url);
    expect(await cellText(newest, 2)).toBe('Old CI job');
    expect(await cellText(newest, 3)).toBe('Leak report');
    expect(await cellText(rows.nth(1), 1)).toBe('Enabled');
    expect(await cellText(rows.nth(1), 3)).toBe('You');
    expect(await cellText(rows.nth(1), 4)).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect(await cellText(rows.nth(2), 1)).toBe('Disabled');
    // The time is relative, with the exact time for hover and screen readers.
    const when = newest.locator('time');
    expect(await when.getAttribute('title')).toMatch(/\d/);
    expect(await when.locator('[aria-hidden="true"]').textContent()).toBe('just now');
    await screenshot(page, 'history');

    await history.getByRole('button', { name: 'Load more history' }).click();
    await rows.nth(52).waitFor();
    expect(await rows.count()).toBe(53);
    expect(await noticeText(page)).toBe('Loaded 3 more events of history.');
    expect(await focusReaches(rows.nth(50).locator('td').first())).toBe(true);
    expect(await cellText(rows.nth(51), 1)).toBe('Created');
    expect(await cellText(rows.nth(51), 2)).toBe('Nightly import');
    expect(await cellText(rows.nth(52), 2)).toBe('Old CI job');
    expect(await history.getByRole('button', { name: 'Load more history' }).count()).toBe(0);
  });

  it('adds each action of the page to the history at once', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Mailchimp sync' });
    const page = await open();
    await signIn(page, userId);
    const rows = page.getByRole('region', { name: 'History' }).locator('tbody > tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Disable Mailchimp sync' }).click();
    await rows.nth(1).waitFor();
    expect(await cellText(rows.first(), 1)).toBe('Disabled');
    expect(await cellText(rows.first(), 2)).toBe('Mailchimp sync');
  });

  it('rolls a token with a chosen grace period, shows the new one once, and keeps the old one working meanwhile', async () => {
    const { userId, session } = await newUser();
    const old = await createToken(session, { name: 'Nightly import', scopes: ['cases:read'] });
    const page = await open();
    await signIn(page, userId);

    await page.getByRole('button', { name: 'Roll Nightly import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll "Nightly import"' });
    const grace = dialog.getByRole('group', { name: 'Keep the old token working for' });
    expect(await grace.getByLabel('1 day').isChecked()).toBe(true);
    await grace.getByLabel('1 hour').check();
    await screenshot(page, 'roll');
    await dialog.getByRole('button', { name: 'Roll token' }).click();

    const shown = page.getByRole('dialog', { name: 'Token rolled' });
    const token = await shown.getByLabel('Your new API token').inputValue();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(await shown.locator('.one-time-note').textContent()).toMatch(/^The old token keeps working until .+\.$/);
    expect(await shown.locator('code.token-hint').textContent()).toBe(`mp_test_…${token.slice(-4)}`);
    await screenshot(page, 'token-rolled');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'hidden' });

    // Both work during the grace period: the hint tells the new one from the old.
    const row = tokenRow(page, 'Nightly import').filter({ hasText: `mp_test_…${token.slice(-4)}` });
    await row.waitFor();
    expect(await tokenRow(page, 'Nightly import').count()).toBe(2);
    expect(await focusReaches(row.locator('td').first())).toBe(true);
    expect(await noticeText(page)).toBe('Token "Nightly import" rolled.');
    expect((await call('GET', '/v1/whoami', { auth: old.token })).status).toBe(200);
    expect((await call('GET', '/v1/whoami', { auth: token })).status).toBe(200);
    // The old row says it was replaced and until when it works; revoking is all it offers.
    const oldRow = tokenRow(page, 'Nightly import').filter({ hasText: `mp_test_…${old.token.slice(-4)}` });
    expect(await cellText(oldRow, COLUMN.status)).toMatch(/^Replaced\s*Works until in (59 min|60 min|1 h)/);
    expect(await cellText(row, COLUMN.status)).toMatch(/^Active/);
    expect(await oldRow.getByRole('button').allTextContents()).toEqual(['Usage', 'Revoke']);
    await screenshot(page, 'token-replaced');
    await page
      .getByRole('region', { name: 'History' })
      .getByText('Rolled: replaced by a new token', { exact: true })
      .waitFor();

    // Without a grace period the replaced token stops working at once.
    await row.getByRole('button', { name: 'Roll Nightly import' }).click();
    await grace.getByLabel('None: it stops working at once').check();
    await dialog.getByRole('button', { name: 'Roll token' }).click();
    expect(await shown.locator('.one-time-note').textContent()).toBe('The old token no longer works.');
    await shown.getByRole('button', { name: 'Done' }).click();
    expectError(await call('GET', '/v1/whoami', { auth: token }), 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it("takes the host application's session when the host provides one, and offers no sign-in", async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Zapier Integration' });
    // The host's script: its own session store, which the test can empty as a signed-out host would.
    const page = await open({
      hostScript: `window.hostSession = ${JSON.stringify(session)};
        window.apiTokensHost = { getSession: async () => window.hostSession };`,
    });
    await tokenRow(page, 'Zapier Integration').waitFor();
    expect(await counterText(page)).toBe('1 of 10 active tokens');
    expect(await page.getByLabel('User id').count()).toBe(0);
    expect(await page.getByText(userId).count()).toBe(0);

    await page.evaluate(() => {
      (window as unknown as { hostSession: string | null }).hostSession = 'not-a-session';
    });
    await refresh(page);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your session has expired. Sign in to the application again.' })
      .waitFor();

    await page.evaluate((renewed) => {
      (window as unknown as { hostSession: string | null }).hostSession = renewed;
    }, session);
    await page.getByRole('button', { name: 'Try again' }).click();
    await tokenRow(page, 'Zapier Integration').waitFor();
  });
});

describe('the usage chart, hour by hour', () => {
  const HOUR_MS = 3_600_000;
  const hourStart = (at: number): string => new Date(Math.floor(at / HOUR_MS) * HOUR_MS).toISOString();

  /** Presses Tab until `target` has focus, as a keyboard user would reach it. */
  const tabTo = async (page: Page, target: Locator): Promise<void> => {
    for (let i = 0; i < 30 && !(await isFocused(target)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(target)).toBe(true);
  };

  it('switches to the last 24 hours with the keyboard and lists each hour’s requests in a table', async () => {
    const { userId } = await newUser();
    const now = Date.now();
    const uses = [
      ...Array.from({ length: 3 }, (_, i) => now - 60_000 + i),
      ...Array.from({ length: 5 }, (_, i) => now - 2 * HOUR_MS + i),
      now - 22 * HOUR_MS,
      // The hour 24 hours before the current one: kept by the aggregator, outside the last 24 hours.
      ...Array.from({ length: 4 }, (_, i) => now - 24 * HOUR_MS + i),
    ];
    await seedUsedToken(userId, 'Nightly import script', uses);
    const page = await open();
    await signIn(page, userId);
    await page.getByRole('button', { name: 'Usage for Nightly import script' }).click();
    const panel = page.getByRole('region', { name: 'Usage for Nightly import script' });
    const daily = panel.getByRole('button', { name: 'Last 30 days', exact: true });
    const hourly = panel.getByRole('button', { name: 'Last 24 hours', exact: true });
    await daily.waitFor();
    // The page opens on the days, as it always has.
    expect(await daily.getAttribute('aria-pressed')).toBe('true');
    expect(await hourly.getAttribute('aria-pressed')).toBe('false');
    expect(await focusReaches(panel.getByRole('heading', { name: 'Usage for Nightly import script' }))).toBe(true);

    await tabTo(page, hourly);
    await page.keyboard.press('Space');
    expect(await hourly.getAttribute('aria-pressed')).toBe('true');
    expect(await daily.getAttribute('aria-pressed')).toBe('false');
    expect(await isFocused(hourly)).toBe(true);
    await panel.getByRole('heading', { name: 'Requests per hour' }).waitFor();
    expect(await panel.getByRole('figure', { name: 'Requests per hour' }).count()).toBe(1);
    expect(await panel.locator('.chart-y-axis').textContent()).toBe('05');
    expect(await panel.locator('.chart-hour-ticks span').count()).toBe(4);
    expect(await panel.locator('.chart-hour-title').textContent()).toBe('Hour (your time)');

    await tabTo(page, panel.getByText('Requests per hour as a table'));
    await page.keyboard.press('Enter');
    const values = panel.getByRole('table', { name: 'Requests per hour, last 24 hours' });
    await values.waitFor();
    const rows = values.locator('tbody tr');
    expect(await rows.count()).toBe(24);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('time')?.getAttribute('datetime') ?? '', tr.querySelector('td')?.textContent]),
    );
    // Newest first: the current hour on top, each row an hour before the one above it.
    const starts = shown.map(([hour]) => Date.parse(hour ?? ''));
    expect(starts.every((start, i) => i === 0 || (starts[i - 1] ?? 0) - start === HOUR_MS)).toBe(true);
    expect(Date.now() - (starts[0] ?? 0)).toBeLessThan(2 * HOUR_MS);
    const listed = new Set(shown.map(([hour]) => hour));
    const expected = new Map<string, number>();
    for (const at of uses) {
      const hour = hourStart(at);
      if (listed.has(hour)) expected.set(hour, (expected.get(hour) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThanOrEqual(2);
    expect(expected.has(hourStart(now - 24 * HOUR_MS))).toBe(false);
    expect(Object.fromEntries(shown)).toEqual(
      Object.fromEntries(shown.map(([hour]) => [hour, String(expected.get(hour ?? '') ?? 0)])),
    );
    const total = [...expected.values()].reduce((sum, n) => sum + n, 0);
    expect(await definition(page, 'Last 24 hours')).toBe(String(total));
    await page.getByRole('img', { name: `Requests per hour over the last 24 hours, ${total} in total` }).waitFor();
    await screenshot(page, 'usage-hourly');

    await tabTo(page, daily);
    await page.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Requests per day' }).waitFor();
    expect(await hourly.getAttribute('aria-pressed')).toBe('false');
  });
});

describe('the expiry notices of the settings page', () => {
  it('shows the notices the emitter sent near the top, hides a revoked token’s, and takes the user to a row', async () => {
    const { userId, session } = await newUser();
    const zapier = await createToken(session, { name: 'Zapier', expiresAt: msFromNow(7 * DAY_MS + 3_600_000) });
    const nightly = await createToken(session, { name: 'Nightly import', expiresAt: msFromNow(1_500) });
    const revoked = await createToken(session, { name: 'Old CI job', expiresAt: msFromNow(3 * DAY_MS) });
    await emitDueNotices();
    await waitUntilPast(nightly.expiresAt ?? '');
    await emitDueNotices();
    expect((await call('DELETE', `/tokens/${revoked.id}`, { auth: session })).status).toBe(204);

    const page = await open();
    await signIn(page, userId);
    const notices = page.getByRole('region', { name: 'Notices' });
    const items = notices.getByRole('listitem');
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    // What is on screen: the relative time's full words are for screen readers.
    const shown = (await items.locator('.token-notice-text').allInnerTexts()).map((text) => text.trim());
    expect(shown[0]).toMatch(/^“Nightly import” \(mp_test_….{4}\) expired on [^(]+ \(just now/);
    expect(shown[1]).toMatch(/^“Zapier” \(mp_test_….{4}\) expires in 7 days/);
    expect(shown[1]).toContain(zapier.hint);
    expect(await notices.textContent()).not.toContain('Old CI job');
    // Above the list, where it is seen first.
    expect(await gapBetween(notices, tokenTable(page))).toBeGreaterThanOrEqual(0);
    // The relative time carries the exact time, as the rest of the page's times do.
    expect(await items.nth(1).locator('time').getAttribute('title')).toMatch(/\d/);
    await screenshot(page, 'expiry-notices');

    await notices.getByRole('button', { name: 'Show token Zapier' }).click();
    expect(await focusReaches(tokenRow(page, 'Zapier').locator('td').first())).toBe(true);
  });
});
