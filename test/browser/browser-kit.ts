// What every browser test needs: Debian's Chromium launched through playwright-core (which never
// downloads one), pages opened so that any script error, dialog or CSP report fails the test, the
// window.__xss canary, and the "no horizontal overflow" measure. Screenshots go to
// VENDORWATCH_SCREENSHOT_DIR (default: a temp dir).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Globals of the page, for the callbacks that page.evaluate runs inside the browser.
declare const window: any;
declare const document: any;

const chromiumPath = process.env.VENDORWATCH_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const screenshotDir =
  process.env.VENDORWATCH_SCREENSHOT_DIR ?? join(tmpdir(), 'vendorwatch-screenshots');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** The two widths and two colour schemes every page is checked at. */
export const viewports = [
  { name: 'desktop-light', width: 1280, height: 900, colorScheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 900, colorScheme: 'dark' },
  { name: 'phone-light', width: 390, height: 844, colorScheme: 'light' },
  { name: 'phone-dark', width: 390, height: 844, colorScheme: 'dark' },
] as const;

export function newContext(
  browser: Browser,
  options: { width: number; height: number; colorScheme: 'light' | 'dark'; timezoneId?: string },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width, height: options.height },
    timezoneId: options.timezoneId ?? 'UTC',
    colorScheme: options.colorScheme,
  });
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const problemsByPage = new WeakMap<Page, string[]>();

/** Opens a page that records any script error, dialog or console error (see problemsOf). */
export async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  problemsByPage.set(page, problems);
  await page.goto(url);
  return page;
}

export function problemsOf(page: Page): string[] {
  return problemsByPage.get(page) ?? [];
}

export async function canary(page: Page): Promise<unknown> {
  return page.evaluate(() => window.__xss as unknown);
}

/** The document's full width in CSS pixels: more than the viewport means sideways scrolling. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth as number);
}
