import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newContext } from './browser';
import { type Platform, startPlatform } from './platform';

export interface PageOptions {
  /** Viewport width in CSS pixels (default 1280; 375 for a phone). */
  width?: number;
  height?: number;
  locale?: string;
}

export interface BrowserSuite {
  /** The running platform (set once beforeAll has run). */
  readonly platform: Platform;
  readonly browser: Browser;
  /**
   * A page in a fresh browser context (no session, no stored language), closed after the test.
   * Uncaught errors of the page's scripts are collected in `pageErrors(page)`.
   */
  newPage(options?: PageOptions): Promise<Page>;
  /** Uncaught exceptions the page's scripts threw so far. */
  pageErrors(page: Page): string[];
}

/**
 * Registers beforeAll/afterAll for one test file: the platform (database with the demo seed, Redis,
 * workers, mail sink, web build served on an ephemeral port) and one Chromium, both torn down after
 * the file; browser contexts opened by a test are closed after it.
 */
export function useBrowserSuite(options: { env?: Record<string, string> } = {}): BrowserSuite {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  const errors = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    platform = await startPlatform(options);
    browser = await launchChromium();
    if (process.env.SX_BROWSER_TIMINGS) console.log(`platform start-up (ms): ${JSON.stringify(platform.timings)}`);
  }, 180_000);

  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  });

  afterAll(async () => {
    const started = Date.now();
    await browser?.close().catch(() => undefined);
    await platform?.stop();
    if (process.env.SX_BROWSER_TIMINGS) console.log(`platform shut-down: ${Date.now() - started} ms`);
  }, 60_000);

  return {
    get platform() {
      if (!platform) throw new Error('The platform is not running (beforeAll failed?)');
      return platform;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running (beforeAll failed?)');
      return browser;
    },
    async newPage(pageOptions: PageOptions = {}) {
      if (!platform || !browser) throw new Error('The browser suite did not start (beforeAll failed?)');
      const context = await newContext(browser, platform.baseUrl, pageOptions);
      contexts.push(context);
      const page = await context.newPage();
      const pageErrors: string[] = [];
      errors.set(page, pageErrors);
      page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
      return page;
    },
    pageErrors(page: Page) {
      return errors.get(page) ?? [];
    },
  };
}
