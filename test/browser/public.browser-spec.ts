import type { Page } from 'playwright-core';
import { expectFitsWidth, expectNoSeriousA11yViolations, screenshot } from './support/browser';
import type { PageGlobals } from './support/dom';
import { eventually } from './support/eventually';
import { useBrowserSuite } from './support/suite';

const htmlLang = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang);

/** The demo scenario a search for 童装 must find (apps/cli/src/seed/demo-scenarios.ts). */
const KIDSWEAR = '织里童装面料瑕疵AI视觉检测';
/** A published demo scenario that has nothing to do with kidswear. */
const HUYANG = '湖羊智慧养殖个体识别与健康监测';

/** The list of results on the opportunity list (a list named 场景列表), once it has rendered. */
async function resultList(page: Page) {
  const list = page.getByRole('list', { name: '场景列表' });
  await list.getByRole('listitem').first().waitFor();
  return list;
}

describe('public pages in Chromium (real server, demo data)', () => {
  const suite = useBrowserSuite();
  let kidswear: { code: string; agency: string };
  let published: number;

  beforeAll(async () => {
    [kidswear] = await suite.platform.sql<{ code: string; agency: string }>(
      `SELECT s.code, o.name_zh AS agency FROM scenario s JOIN organisation o ON o.id = s.agency_organisation_id
        WHERE s.title = $1 AND s.copied_from_id IS NULL`,
      [KIDSWEAR],
    );
    [{ published }] = await suite.platform.sql<{ published: number }>(
      `SELECT count(*)::int AS published FROM scenario WHERE status = 'published'`,
    );
  });

  it('finds the kidswear scenario by the Chinese keyword 童装 and opens its detail', async () => {
    const page = await suite.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '场景机会清单' }).waitFor();
    let list = await resultList(page);
    // Unfiltered, the list shows the open scenarios among others (the unrelated one too).
    await list.getByRole('link', { name: HUYANG }).waitFor();
    const before = await list.getByRole('listitem').count();
    expect(before).toBeGreaterThanOrEqual(Math.min(published, 10));

    await page.getByLabel('搜索场景').fill('童装');
    await page.getByLabel('搜索场景').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '童装');
    list = await resultList(page);
    // The best match first; the unrelated scenario gone; fewer results than before.
    await eventually(async () => {
      const first = list.getByRole('listitem').first();
      expect(await first.getByRole('heading', { level: 3 }).innerText()).toBe(KIDSWEAR);
      expect(await list.getByRole('link', { name: HUYANG }).count()).toBe(0);
      expect(await list.getByRole('listitem').count()).toBeLessThan(before);
    });
    // The keyword is highlighted in the title.
    expect(await list.getByRole('listitem').first().locator('mark').first().innerText()).toBe('童装');
    await screenshot(page, 'public-search-kidswear');

    await list.getByRole('link', { name: KIDSWEAR }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${kidswear.code}`);
    await page.getByRole('heading', { level: 1, name: KIDSWEAR }).waitFor();
    const main = page.locator('#main');
    await main.getByText(kidswear.agency).first().waitFor();
    await main.getByText(kidswear.code).first().waitFor();
    // Anonymous visitors are invited to log in to take it up (the scenario is open).
    const loginToPropose = page.getByRole('link', { name: '登录后揭榜' });
    await loginToPropose.waitFor();
    expect(await loginToPropose.getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`/scenarios/${kidswear.code}`)}`,
    );
    expect(suite.pageErrors(page)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the list and on a scenario detail', async () => {
    const page = await suite.newPage();
    await page.goto('/');
    await resultList(page);
    await expectNoSeriousA11yViolations(page);

    await page.goto(`/scenarios/${kidswear.code}`);
    await page.getByRole('heading', { level: 1, name: KIDSWEAR }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it('draws the statistics charts with the numbers as tables for screen readers, without axe violations', async () => {
    const page = await suite.newPage();
    await page.goto('/statistics');
    await page.getByRole('heading', { level: 1, name: '场景统计' }).waitFor();
    // Each chart is an image with a name, drawn as SVG, followed by its numbers as a table.
    await page.locator('figure [role="img"] svg').first().waitFor();
    expect(await page.getByRole('img', { name: /按领域统计/ }).count()).toBeGreaterThan(0);
    // The first number column is "published", as the API counts it.
    const stats = (await page.evaluate(() => fetch('/api/v1/public/statistics').then((r) => r.json()))) as {
      byDomain: { domain: string; published: number }[];
    };
    const manufacturing = stats.byDomain.find((d) => d.domain === 'manufacturing');
    expect(manufacturing?.published).toBeGreaterThan(0);
    const row = page.getByRole('table', { name: /按领域统计/ }).getByRole('row', { name: /智能制造/ });
    expect(await row.getByRole('cell').first().textContent()).toBe(String(manufacturing?.published));
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'public-statistics');
  });

  it('fits a 375 px phone screen: the list and a detail without horizontal scrolling', async () => {
    const page = await suite.newPage({ width: 375, height: 812 });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '场景机会清单' }).waitFor();
    const list = await resultList(page);
    await list.getByRole('link', { name: HUYANG }).waitFor();
    // The search is there on a phone too.
    await page.getByLabel('搜索场景').waitFor();
    await expectFitsWidth(page, 375);
    await screenshot(page, 'public-list-375');

    await page.goto(`/scenarios/${kidswear.code}`);
    await page.getByRole('heading', { level: 1, name: KIDSWEAR }).waitFor();
    await expectFitsWidth(page, 375);
    await screenshot(page, 'public-detail-375');
    expect(suite.pageErrors(page)).toEqual([]);
  });

  it('switches the interface to English with the header button and back to Chinese', async () => {
    const page = await suite.newPage();
    await page.goto('/');
    // The site header (banner) and its menu; pages may have navigation landmarks of their own.
    const nav = page.getByRole('banner').getByRole('navigation');
    await nav.getByRole('link', { name: '机会清单', exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: '场景机会清单' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');

    await page.getByRole('button', { name: 'English' }).click();
    await nav.getByRole('link', { name: 'Opportunities', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: '机会清单', exact: true }).count()).toBe(0);
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('link', { name: 'Log in', exact: true }).waitFor();
    // The page itself too, not only the header.
    await page.getByRole('heading', { level: 1, name: 'Scenario opportunity list' }).waitFor();

    // The choice is remembered across a reload.
    await page.reload();
    await nav.getByRole('link', { name: 'Opportunities', exact: true }).waitFor();

    await page.getByRole('button', { name: '中文' }).click();
    await nav.getByRole('link', { name: '机会清单', exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: '场景机会清单' }).waitFor();
    await eventually(async () => expect(await htmlLang(page)).toBe('zh-CN'));
    expect(await page.getByRole('link', { name: '登录', exact: true }).count()).toBe(1);
    expect(suite.pageErrors(page)).toEqual([]);
  });

  // Last: it closes scenarios (this file's own database).
  it('shows a scenario closed once its proposal deadline has passed on the server clock (deadline sweep)', async () => {
    const platform = suite.platform;
    const [{ deadline }] = await platform.sql<{ deadline: Date }>(
      `SELECT proposal_deadline AS deadline FROM scenario WHERE code = $1`,
      [kidswear.code],
    );
    const page = await suite.newPage();
    await page.goto(`/scenarios/${kidswear.code}`);
    const status = page.locator('#main').getByText('征集中', { exact: true }).first();
    await status.waitFor();
    await page.getByRole('link', { name: '登录后揭榜' }).waitFor();

    // Nothing is due by the real clock (the demo deadlines are weeks ahead).
    expect(await platform.closeOverdueScenarios()).toBe(0);
    try {
      platform.setServerNow(new Date(deadline.getTime() + 60_000));
      expect(platform.serverNow().getTime()).toBeGreaterThan(deadline.getTime());
      expect(await platform.closeOverdueScenarios()).toBeGreaterThanOrEqual(1);
      // Closing opens the sealed proposals (a worker handler of scenario.transitioned).
      await platform.waitForWorkers();
    } finally {
      platform.resetServerClock();
    }
    expect(await platform.sql(`SELECT status FROM scenario WHERE code = $1`, [kidswear.code])).toEqual([
      { status: 'closed' },
    ]);

    // A visitor arriving now (a fresh browser: the public detail is cacheable for 60 s, so the first
    // page's browser may keep showing what it fetched a moment ago).
    const later = await suite.newPage();
    await later.goto(`/scenarios/${kidswear.code}`);
    await later.getByRole('heading', { level: 1, name: KIDSWEAR }).waitFor();
    await later.locator('#main').getByText('已截止', { exact: true }).first().waitFor();
    expect(await later.getByRole('link', { name: '登录后揭榜' }).count()).toBe(0);
    expect(await later.locator('#main').getByText('征集中', { exact: true }).count()).toBe(0);
    expect(suite.pageErrors(later)).toEqual([]);
  });
});
