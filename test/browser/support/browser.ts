import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { PageGlobals } from './dom';
import { DEMO_PASSWORD } from './platform';

/** Debian's Chromium (never a downloaded browser); `SX_CHROMIUM` may point elsewhere. */
export const CHROMIUM = process.env.SX_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = resolve(__dirname, '..', 'artifacts');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A fresh context (no stored session or language), Chinese like a visitor from Huzhou, desktop size unless told. */
export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/**
 * Logs in through the real login page (labels 邮箱 / 密码, button 登录) and waits until the app has
 * left it (it goes to the role's workspace, or to `next`). Demo accounts share DEMO_PASSWORD.
 */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * The text a screen reader reads as the field's description (the elements its aria-describedby
 * names): where Ant Design puts a Form.Item's error and help, so "the message next to the field".
 * Empty when the field has no description.
 */
export async function fieldDescription(field: Locator): Promise<string> {
  const ids = await field.getAttribute('aria-describedby');
  if (!ids) return '';
  return field.page().evaluate((list) => {
    const { document } = globalThis as unknown as PageGlobals;
    return list
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  }, ids);
}

export interface AxeViolationSummary {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core (its default rule set: WCAG 2.x A/AA and best practices) on the page as it is now and
 * fails on any violation of serious or critical impact, listing each rule, its help and the offending
 * elements. `exclude`: selectors left out (say why where you use it).
 */
export async function expectNoSeriousA11yViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  // Legacy mode runs axe.run() in the page itself: the default (runPartial per frame, then finishRun in
  // a new blank page) takes 5–6 times as long and the app has no cross-origin frames to reach.
  // Only violations are needed, not the details of every pass.
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const serious: AxeViolationSummary[] = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => {
        // The reason axe gives for this node (for colour contrast: the colours and the ratio).
        const why = (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
        const html = n.html.length > 120 ? `${n.html.slice(0, 120)}…` : n.html;
        return `${n.target.join(' ')} ${html}${why ? ` — ${why}` : ''}`;
      }),
    }));
  if (serious.length > 0) {
    const lines = serious.map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n    ${v.targets.slice(0, 12).join('\n    ')}` +
        (v.targets.length > 12 ? `\n    … and ${v.targets.length - 12} more` : ''),
    );
    throw new Error(
      `axe-core found ${serious.length} serious/critical violation(s) on ${page.url()}:\n${lines.join('\n')}`,
    );
  }
}

/** The page scrolls no wider than `width` CSS pixels (no horizontal scrolling on a phone). */
export async function expectFitsWidth(page: Page, width: number): Promise<void> {
  const measured = await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const doc = document.documentElement;
    // The widest elements, to say what overflows when it does.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .slice(0, 5)
      .map((el) => {
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        return `${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(el.getBoundingClientRect().right)})`;
      });
    return { scrollWidth: doc.scrollWidth, wide };
  });
  if (measured.scrollWidth > width) {
    throw new Error(
      `The page is ${measured.scrollWidth}px wide at a ${width}px viewport (${page.url()}); overflowing:\n  ${measured.wide.join('\n  ')}`,
    );
  }
}

/** Saves a full-page PNG as test/browser/artifacts/<name>.png (gitignored; CI keeps it as an artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
