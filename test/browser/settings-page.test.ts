/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { signDevSession } from '../../local/dev-session';
import { call, createToken, getFrom, newUser } from '../support/http';
import { daysFromNow, expectError, MESSAGES, msFromNow, TOKEN_PATTERN, waitUntilPast } from '../support/contract';
import { seedExpiredTokens, serviceDb } from '../support/seed-tokens';
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
const COLUMN = { name: 0, scopes: 1, created: 2, lastUsed: 3, expires: 4, status: 5 } as const;

const tokenRow = (page: Page, name: string): Locator =>
  page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });

const cellText = async (row: Locator, column: number): Promise<string> =>
  ((await row.locator(':scope > td, :scope > th').nth(column).textContent()) ?? '').trim();

const counterText = async (page: Page): Promise<string | null> =>
  page.getByText(/\d+ of \d+ active tokens/).textContent();

const refresh = (page: Page): Promise<void> => page.getByRole('button', { name: 'Refresh', exact: true }).click();

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
    await page.getByText('No API tokens yet.').waitFor();

    await page.getByRole('button', { name: 'Generate New Token' }).click();
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
    await page.getByRole('heading', { name: 'Usage for Zapier Integration' }).waitFor();
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
    await screenshot(page, 'usage');
  });

  it('flags a token that was never used as a candidate to revoke', async () => {
    const { userId, session } = await newUser();
    await createToken(session, { name: 'Nightly import script' });
    const page = await open();
    await signIn(page, userId);
    await page.getByRole('button', { name: 'Usage for Nightly import script' }).click();
    await page.getByText('This token has never been used. If nothing needs it, consider revoking it.').waitFor();
    expect(await definition(page, 'Last 30 days')).toBe('0');
    expect(await cellText(tokenRow(page, 'Nightly import script'), COLUMN.lastUsed)).toContain(
      'Unused: consider revoking',
    );
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
    const rows = page.locator('tbody > tr');
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
    expect(await loadMore.count()).toBe(0);
    expect(await cellText(rows.nth(61), COLUMN.name)).toContain(oldest);
    expect(await counterText(page)).toBe('2 of 10 active tokens');
    await screenshot(page, 'load-more');
  });

  it('revokes only after confirmation, and the token stops working at once', async () => {
    const { userId, session } = await newUser();
    const token = await createToken(session, { name: 'Mailchimp sync' });
    const page = await open();
    await signIn(page, userId);
    const row = tokenRow(page, 'Mailchimp sync');

    await page.getByRole('button', { name: 'Revoke Mailchimp sync' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke "Mailchimp sync"?' });
    expect(await confirm.textContent()).toContain('Any integration using this token will stop working immediately.');
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await screenshot(page, 'revoke-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await row.count()).toBe(1);
    expect((await call('GET', '/v1/whoami', { auth: token.token })).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke Mailchimp sync' }).click();
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await counterText(page)).toBe('0 of 10 active tokens');
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
