import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serviceUrl } from '../support/http';
import { chromiumExecutable } from './chromium';

// The flags keep the browser off this machine's closed network and let it run as root; --no-zygote is
// @sparticuz/chromium's advice for headless. Its other flags (--single-process, --disable-web-security) are left
// out: they would change what the page is tested under.
const FLAGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--no-pings',
  '--no-first-run',
];

/** Headless Chromium: CHROMIUM_PATH, Debian's, or the build inside @sparticuz/chromium (see chromium.ts). */
export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({ executablePath: await chromiumExecutable(), args: FLAGS });

/** Where the tests leave pictures of the page's main states; the README links to them. */
export const SCREENSHOT_DIR = 'docs/screenshots';

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Dialogs fade in: finish that first, so the picture shows them as they settle.
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true, animations: 'disabled' });
};

// The page's own files, the development sign-in, and the contract's management routes: nothing else.
const PAGE_PATHS = [
  /^\/$/,
  /^\/app\.(js|css)$/,
  /^\/dev\/session$/,
  /^\/scopes$/,
  /^\/tokens$/,
  /^\/tokens\/[0-9a-f-]{36}(\/usage|\/roll)?$/,
  /^\/audit$/,
  /^\/notices$/,
];

export interface OpenedPage {
  page: Page;
  /** Requests the page made to anywhere but the service, and errors it logged or threw. */
  problems: string[];
  close: () => Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs in the page before its scripts, as a host application's own script would. */
  hostScript?: string;
}

/** A fresh browser context (no stored session) on the settings page. */
export const openSettings = async (browser: Browser, options: OpenOptions = {}): Promise<OpenedPage> => {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1200, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  if (options.hostScript !== undefined) await page.addInitScript(options.hostScript);
  const origin = new URL(serviceUrl()).origin;
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin || !PAGE_PATHS.some((path) => path.test(url.pathname)))
      problems.push(`request to ${request.method()} ${request.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused call (401, 404, 409) is logged by the browser itself; the page shows those to the user.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin}/`);
  return { page, problems, close: () => context.close() };
};

/** Signs in with the development sign-in and waits for the token list. */
export const signIn = async (page: Page, userId: string): Promise<void> => {
  await page.getByLabel('User id').fill(userId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/\d+ of \d+ active tokens/).waitFor();
};

/** Reads `read` until `accept` holds or the time is up, and returns the last value read. */
export const eventually = async <T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await sleep(250);
  }
};
