// Every page at 1280 and 390 px, light and dark: nothing wider than the screen, a navigation that
// stays on two lines at most, incident cards that lead with their title, a filter form that
// leaves most of a phone's first screen to the results, no word broken in the middle, and
// badges whose words stay readable on their tint.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { incident, snapshot, update } from '../../src/store/test-support/harness.js';
import { createApp } from '../../src/web/app.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { notifyHarness, type NotifyHarness } from '../test-support/notify.js';
import {
  launchBrowser,
  newContext,
  open,
  problemsOf,
  screenshotDir,
  scrollWidth,
  until,
  viewports,
} from './browser-kit.js';
import { startWorld, type World } from './world.js';

// Globals of the page, for the callbacks that page.evaluate runs inside the browser.
declare const document: any;
declare const window: any;

const incidentId = 'balena-8gq2x9k1mlh4';
/** At most this share of a phone's first screen goes to a filter form. */
const maxFilterShare = 0.4;

let world: World;
let browser: Browser;
let harness: NotifyHarness;
let receiver: Receiver;
let deliveriesServer: RunningServer;

/** A second store with real deliveries: two targets, one failing, several event types. */
async function startDeliveriesServer(): Promise<RunningServer> {
  receiver = await startReceiver();
  receiver.respond((request) =>
    request.path.includes('slack') ? { status: 500 } : { status: 204 },
  );
  harness = await notifyHarness([
    { name: 'slackish-alerts', type: 'slack', url: receiver.url('/services/T/B/slackSecret') },
    { name: 'ops-webhook', type: 'webhook', url: receiver.url('/hook') },
  ]);
  const started = '2026-01-05T10:00:00.000Z';
  const title = 'Elevated error rates on the public API for customers in eu-west';
  await harness.record(snapshot([]));
  await harness.record(snapshot([incident('a', { title })]));
  await harness.record(
    snapshot([
      incident('a', {
        title,
        updates: [
          update('a-u1', 'investigating', started),
          update('a-u2', 'identified', '2026-01-05T10:20:00.000Z'),
        ],
      }),
    ]),
  );
  const dispatcher = await harness.dispatcher({}, { loop: false });
  await dispatcher.runOnce();
  const app = createApp({ db: harness.store.db, now: () => new Date().toISOString() });
  return startServer(app, { host: '127.0.0.1', port: 0 });
}

beforeAll(async () => {
  [world, browser, deliveriesServer] = await Promise.all([
    startWorld(),
    launchBrowser(),
    startDeliveriesServer(),
  ]);
  await until(
    'the first polls and the replayed incident',
    async () => {
      const response = await fetch(`${world.baseUrl}/api/v1/incidents/${incidentId}`);
      const vendors = await fetch(`${world.baseUrl}/api/v1/vendors`).then(
        (r) => r.json() as Promise<{ vendors: Array<{ lastSuccessAt: string | null }> }>,
      );
      return response.ok && vendors.vendors.every((vendor) => vendor.lastSuccessAt !== null);
    },
    30_000,
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await deliveriesServer?.close();
  await harness?.close();
  await receiver?.close();
  await world?.stop();
});

/** Every page the server renders, with what each holds. */
function everyPage(): Array<{ name: string; url: string; status?: number }> {
  const w = world.baseUrl;
  const d = deliveriesServer.url;
  return [
    { name: 'dashboard', url: `${w}/` },
    { name: 'dashboard filtered', url: `${w}/?q=acme&status=all` },
    { name: 'vendor', url: `${w}/vendors/balena` },
    { name: 'vendor with history', url: `${w}/vendors/acme` },
    { name: 'incidents', url: `${w}/incidents` },
    { name: 'incidents filtered', url: `${w}/incidents?vendor=acme&impact=minor&active=false` },
    { name: 'incidents none match', url: `${w}/incidents?q=nothing-matches-this` },
    { name: 'incident', url: `${w}/incidents/${incidentId}` },
    { name: 'hostile incident', url: `${w}/incidents/evil-x1` },
    { name: 'deliveries', url: `${d}/deliveries` },
    { name: 'deliveries filtered', url: `${d}/deliveries?status=failed` },
    { name: 'deliveries without targets', url: `${w}/deliveries` },
    { name: 'error', url: `${w}/no/such/page`, status: 404 },
  ];
}

/** The rows the navigation's links sit on (their distinct tops), and links split over lines. */
function navLayout(page: Page) {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll('.site-header nav a')] as any[];
    const tops = new Set(links.map((link) => Math.round(link.getBoundingClientRect().top)));
    const split = links
      .filter((link) => link.getClientRects().length > 1)
      .map((link) => link.textContent as string);
    return { rows: tops.size, split };
  });
}

/** Words (up to 20 characters) whose letters lie on more than one line. */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main'), 4);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.visually-hidden, [hidden]')) continue;
      const text: string = node.textContent;
      // Words of up to 20 characters; a line may still break after a hyphen or slash in one.
      for (const token of text.matchAll(/\S+/g)) {
        if (token[0].length > 20) continue;
        for (const match of token[0].matchAll(/[^/-]+[-/]?/g)) {
          const word = match[0];
          const start = token.index + match.index;
          if (word.length < 2) continue;
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + word.length);
          const tops = new Set(
            [...range.getClientRects()]
              .filter((rect: any) => rect.width > 0)
              .map((rect: any) => Math.round(rect.top)),
          );
          if (tops.size > 1) broken.push(word);
        }
      }
    }
    return broken;
  });
}

/** Each incident card (or row): the text that comes first on screen. */
function leadingTexts(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.incident-table tbody tr')].map((row: any) => {
      const cells = [...row.children].filter((cell: any) => cell.getClientRects().length > 0);
      cells.sort((a: any, b: any) => {
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        return Math.round(ra.top) - Math.round(rb.top) || ra.left - rb.left;
      });
      const title = row.querySelector('a[href^="/incidents/"]')?.textContent;
      return { first: cells[0]?.innerText.trim(), title };
    }),
  );
}

/** Badges whose text is below 4.5:1 against their own background. */
function faintBadges(page: Page): Promise<string[]> {
  return page.evaluate((): string[] => {
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const linear = [r, g, b].map((v) => {
        const c = v! / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
    };
    /** The first ancestor (or itself) with an opaque background. */
    const background = (element: any): number[] => {
      for (let e = element; e; e = e.parentElement) {
        const rgba = channels(window.getComputedStyle(e).backgroundColor);
        if (rgba.length === 3 || (rgba.length === 4 && rgba[3]! > 0.5)) return rgba;
      }
      return channels(window.getComputedStyle(document.body).backgroundColor);
    };
    return [...document.querySelectorAll('.badge')]
      .filter((badge: any) => badge.getClientRects().length > 0)
      .filter((badge: any) => {
        const fg = luminance(channels(window.getComputedStyle(badge).color));
        const bg = luminance(background(badge));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        return ratio < 4.5;
      })
      .map((badge: any) => badge.textContent as string);
  });
}

describe('every page at 1280 and 390 px, light and dark', () => {
  for (const viewport of viewports) {
    it(`fits and reads well: ${viewport.name}`, async () => {
      const context: BrowserContext = await newContext(browser, viewport);
      try {
        for (const { name, url, status } of everyPage()) {
          const page = await open(context, url);
          const where = `${name} at ${viewport.name}`;
          if (status) expect(await page.locator('h1').innerText(), where).toBe('Page not found');
          const findings: string[] = [];
          const width = await scrollWidth(page);
          if (width > viewport.width) findings.push(`${width}px wide`);

          const nav = await navLayout(page);
          if (nav.rows > 2) findings.push(`navigation on ${nav.rows} rows`);
          if (nav.split.length > 0)
            findings.push(`navigation links split: ${nav.split.join(', ')}`);

          for (const card of await leadingTexts(page)) {
            // The title comes first; flag badges may follow it in the same cell.
            if (!card.title || !card.first?.startsWith(card.title))
              findings.push(`a card leads with "${card.first}"`);
          }

          const filters = page.locator('form.filters');
          if (viewport.width < 600 && (await filters.count()) > 0) {
            const { height } = (await filters.first().boundingBox())!;
            if (height > viewport.height * maxFilterShare) {
              findings.push(`filter form ${Math.round(height)}px high`);
            }
          }

          const broken = await brokenWords(page);
          if (broken.length > 0) findings.push(`words broken mid-word: ${broken.join(', ')}`);
          const faint = await faintBadges(page);
          if (faint.length > 0) findings.push(`badges under 4.5:1: ${faint.join(', ')}`);
          // The error page's own 404 is the one resource failure expected.
          const expected = `status of ${status ?? 0} `;
          findings.push(...problemsOf(page).filter((problem) => !problem.includes(expected)));
          expect.soft(findings.join(' | '), where).toBe('');
          if (viewport.width < 600) {
            const file = `every-${name.replace(/ /g, '-')}-${viewport.name}.png`;
            await page.screenshot({ path: join(screenshotDir, file), fullPage: true });
          }
          await page.close();
        }
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
