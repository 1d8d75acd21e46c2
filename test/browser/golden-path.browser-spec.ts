import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR, expectNoSeriousA11yViolations, loginAs, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { useBrowserSuite } from './support/suite';

/**
 * The golden path through the real UI: an agency drafts and submits a scenario, staff vet and publish
 * it, the matched vendor (诺力智能) is told and proposes, the deadline passes, a reviewer scores, staff
 * award, delivery and acceptance follow, and the scenario becomes a demonstration scenario on the
 * public list. One platform, steps in order sharing state; a step is skipped once an earlier one failed.
 */

const AGENCY = 'agency.admin@demo.huzhou.ai';
const STAFF = 'staff@demo.huzhou.ai';
const VENDOR = 'vendor.admin@demo.huzhou.ai';
const REVIEWER = 'reviewer@demo.huzhou.ai';
const REVIEWER_NAME = '陈志远';
const VENDOR_NAME = '诺力智能';

const TITLE = `长兴电池工厂成品库AGV无人叉车智能仓储改造（${Date.now().toString(36)}）`;
const DAY = 24 * 3600_000;

/** "YYYY-MM-DD HH:mm" in Asia/Shanghai (the browser contexts' time zone). */
function shanghai(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Picks an option of an antd Select (searchable or not) by its visible text. */
async function pick(page: Page, field: Locator, text: string, type = true): Promise<void> {
  await field.click();
  if (type) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-message').getByText(text).first().waitFor({ timeout: 20_000 });
}

describe('golden path: from an agency draft to a demonstration scenario (Chromium, real server)', () => {
  const suite = useBrowserSuite({ env: { MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY: '50' } });
  const started = Date.now();
  let failed: string | undefined;
  let scenarioId = '';
  let code = '';
  let deadline = new Date();
  let receiptHash = '';
  const pages: Page[] = [];
  /** A page in a fresh context (closed after the step); its uncaught script errors are logged. */
  const newPage = async () => {
    const page = await suite.newPage();
    pages.push(page);
    return page;
  };

  /** Runs a step unless an earlier one failed (then it fails at once, naming the first failure). */
  function step(name: string, body: () => Promise<void>, timeout = 120_000) {
    it(
      name,
      async () => {
        if (failed) throw new Error(`skipped: the earlier step "${failed}" failed`);
        const t0 = Date.now();
        try {
          await body();
        } catch (error) {
          failed = name;
          throw error;
        } finally {
          for (const page of pages.splice(0)) {
            const errors = suite.pageErrors(page);
            if (errors.length > 0)
              console.log(`[golden] ${name}: uncaught page errors on ${page.url()}:\n${errors.join('\n')}`);
          }
          console.log(`[golden] ${name}: ${failed === name ? 'FAILED' : 'ok'} in ${Date.now() - t0} ms`);
        }
      },
      timeout,
    );
  }

  afterAll(() => console.log(`[golden] total ${Date.now() - started} ms`));

  step('1. the agency drafts the scenario in the multi-step editor and submits it for vetting', async () => {
    const page = await newPage();
    await loginAs(page, AGENCY);
    await page.goto('/agency');
    await page.getByRole('link', { name: '新建场景' }).first().click();
    await page.waitForURL(/\/agency\/scenarios\/new/);

    // 基本信息
    await page.getByLabel('场景名称', { exact: true }).fill(TITLE);
    await pick(page, page.getByLabel('所属领域', { exact: true }), '智能制造');
    await pick(page, page.getByLabel('细分行业', { exact: true }), '物流装备');
    const caps = page.getByLabel('所需AI能力', { exact: true });
    for (const cap of ['移动机器人与无人叉车', '智能仓储', '智能排产排程']) await pick(page, caps, cap);
    await page.keyboard.press('Escape');
    await pick(page, page.getByLabel('所在区县', { exact: true }), '长兴县');
    await page
      .getByLabel('场景简介', { exact: true })
      .fill('长兴蓄电池工厂成品库引入激光SLAM无人叉车与AGV多车调度，实现成品入库、出库与线边配送的无人化智能仓储。');
    await page
      .getByLabel('需求详细描述', { exact: true })
      .fill(
        '## 背景\n\n长兴某蓄电池工厂成品库目前依靠人工叉车搬运，夜班人手紧张，库位管理依赖纸质单据。\n\n' +
          '## 建设内容\n\n- 部署激光SLAM无人叉车与潜伏式AGV，完成成品入库、出库搬运\n- 建设WMS/WCS仓储调度系统，支持与MES对接的多车协同调度\n' +
          '- 库位数字化管理与立体库改造\n\n## 验收要求\n\n按关键指标逐项测试，连续运行一个月无重大事故。',
      );
    await page.getByRole('button', { name: '下一步' }).click();

    // 需求与指标
    await page
      .getByLabel('现状与痛点', { exact: true })
      .fill('成品库搬运全部依靠人工叉车，夜班人手不足，出入库差错和等待时间较多，线边缺料时有发生。');
    await pick(page, page.getByLabel('实施场地', { exact: true }), '需求方现场', false);
    await page.getByRole('button', { name: '添加指标' }).click();
    await page.getByLabel('指标名称', { exact: true }).first().fill('搬运人工减少比例');
    await page.getByLabel('现状值', { exact: true }).first().fill('0');
    await page.getByLabel('目标值', { exact: true }).first().fill('60');
    await page.getByLabel('单位', { exact: true }).first().fill('%');
    await pick(page, page.getByLabel('技术成熟度要求', { exact: true }), 'TRL 7 级', false);
    await pick(page, page.getByLabel('数据安全级别', { exact: true }), '一般数据', false);
    await page.getByRole('button', { name: '下一步' }).click();

    // 预算与时间: the deadline a few days ahead (real time: publishing uses the real clock).
    await page.getByLabel('预算下限', { exact: true }).fill('2000000');
    await page.getByLabel('预算上限', { exact: true }).fill('3000000');
    await pick(page, page.getByLabel('资金来源', { exact: true }), '单位自有预算', false);
    deadline = new Date(Math.ceil((Date.now() + 4 * DAY) / 3600_000) * 3600_000);
    const picker = page.getByLabel('揭榜截止时间', { exact: true });
    await picker.click();
    await picker.fill(shanghai(deadline));
    await picker.press('Enter');
    await page.getByLabel('预计实施周期', { exact: true }).fill('6');
    await page.getByRole('button', { name: '下一步' }).click();

    // 联系人与提交
    await page.getByLabel('联系人姓名', { exact: true }).fill('孙建华');
    await page.getByLabel('联系电话', { exact: true }).fill('0572-2345678');
    await page.getByLabel('联系邮箱', { exact: true }).fill('agency.admin@demo.huzhou.ai');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(/\/agency\/scenarios\/[0-9a-f-]{36}(\?.*)?$/, { timeout: 30_000 });
    await page.getByText('待审核').first().waitFor();

    const rows = await suite.platform.sql<{ id: string; status: string; deadline: Date; capabilities: string[] }>(
      `SELECT id, status, proposal_deadline AS deadline, capability_codes AS capabilities FROM scenario WHERE title = $1`,
      [TITLE],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('submitted');
    // The deadline typed in the date picker (Asia/Shanghai) is the one stored.
    expect(new Date(rows[0].deadline).toISOString()).toBe(deadline.toISOString());
    expect([...rows[0].capabilities].sort()).toEqual(['amr_agv', 'production_scheduling', 'smart_warehousing']);
    scenarioId = rows[0].id;
  });

  step('2. staff approve it in vetting and publish it in a batch', async () => {
    const page = await newPage();
    await loginAs(page, STAFF);
    await page.goto(`/staff/vetting/${scenarioId}`);
    await page.getByRole('radio', { name: '通过', exact: true }).check();
    await page.getByRole('button', { name: '确认通过' }).click();
    await toast(page, '已审核通过，可编入批次发布');

    await page.goto('/staff/batches');
    await page.getByRole('button', { name: '新建批次' }).click();
    await toast(page, /已新建/);
    await pick(page, page.getByLabel('审核通过、待发布的场景'), TITLE.slice(0, 12));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '加入批次' }).click();
    await toast(page, '已加入批次');
    await page.getByRole('button', { name: '立即发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await toast(page, '批次已发布');

    const [row] = await suite.platform.sql<{ status: string; code: string }>(
      `SELECT status, code FROM scenario WHERE id = $1`,
      [scenarioId],
    );
    expect(row.status).toBe('published');
    code = row.code;
    await suite.platform.waitForWorkers(60_000);
  });

  step('3. the vendor sees it among its recommendations with reasons, and is notified', async () => {
    // The public list and detail first (fresh visitor).
    const visitor = await newPage();
    await visitor.goto('/');
    await visitor.getByRole('heading', { level: 1, name: '场景机会清单' }).waitFor();
    await visitor.getByRole('link', { name: TITLE }).first().waitFor();
    await screenshot(visitor, 'golden-public-list');
    await visitor.getByRole('link', { name: TITLE }).first().click();
    await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await visitor.getByText(code).first().waitFor();
    await screenshot(visitor, 'golden-scenario-detail');

    const page = await newPage();
    await loginAs(page, VENDOR);
    await page.goto('/vendor/recommendations');
    await page.getByRole('heading', { level: 1, name: '推荐场景' }).waitFor();
    const card = page.getByTestId('recommendation').filter({ hasText: TITLE });
    await eventually(
      async () => {
        if ((await card.count()) === 0) {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: '推荐场景' }).waitFor();
          await page.getByTestId('recommendation').first().waitFor();
        }
        expect(await card.count()).toBe(1);
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    await card.getByRole('button', { name: '查看匹配原因' }).click();
    const breakdown = card.getByTestId('score-breakdown');
    await breakdown.getByRole('heading', { name: '匹配原因' }).waitFor();
    expect(await breakdown.locator('li[data-component=capability]').innerText()).toMatch(
      /移动机器人与无人叉车|智能仓储/,
    );
    await screenshot(page, 'golden-vendor-recommendations');
    await expectNoSeriousA11yViolations(page);

    // The in-app notification about the match: the unread badge in the header, then the inbox.
    await eventually(
      async () =>
        expect(Number(await page.getByTestId('unread-badge').locator('sup').getAttribute('title'))).toBeGreaterThan(0),
      {
        timeoutMs: 10_000,
        intervalMs: 250,
      },
    );
    await page.goto('/account/inbox');
    await eventually(async () => expect(await page.locator('main').innerText()).toContain(TITLE), {
      timeoutMs: 20_000,
      intervalMs: 500,
    });
  });

  step('4. the vendor writes and submits a proposal and downloads the receipt', async () => {
    const page = await newPage();
    await loginAs(page, VENDOR);
    await page.goto(`/vendor/proposals/new?scenario=${scenarioId}`);
    await page.waitForURL(/\/vendor\/proposals\/[0-9a-f-]{36}/);
    await page.getByRole('heading', { level: 1, name: '揭榜方案' }).waitFor();

    await page
      .getByLabel('技术方案（支持 Markdown）')
      .fill('## 总体方案\n\n采用诺力激光SLAM无人叉车10台与多车协同调度平台，对接工厂MES与WMS，实现成品库无人化搬运。');
    await page.getByLabel('实现方式').nth(0).fill('无人叉车替代夜班人工搬运，调度平台统一派单');
    await page.getByLabel('承诺值').nth(0).fill('65');
    await page.getByRole('button', { name: '添加团队成员' }).click();
    await page.getByLabel('姓名', { exact: true }).last().fill('陈浩然');
    await page.getByLabel('角色', { exact: true }).last().fill('项目经理');
    await page.getByLabel('总报价（元）').fill('2500000');
    await page.getByRole('button', { name: '添加明细' }).click();
    await page.getByLabel('费用项目').last().fill('无人叉车及调度平台');
    await page.getByLabel('金额（元）').last().fill('2500000');
    await page.getByTestId('price-sum').getByText('明细合计与总报价一致').waitFor();
    await page.getByRole('button', { name: '添加里程碑' }).click();
    await page.getByLabel('里程碑名称').last().fill('设备到场与系统联调');
    const due = page.getByLabel('完成日期').last();
    await due.click();
    await due.fill('2027-03-31');
    await due.press('Enter');
    await page.getByLabel('交付物').last().fill('联调报告');

    await page.getByRole('button', { name: '提交方案' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await toast(page, '方案已提交，回执已生成');
    await page.getByRole('heading', { name: '提交回执' }).waitFor();
    receiptHash = (await page.getByTestId('receipt-hash').innerText()).trim();
    expect(receiptHash).toMatch(/[0-9a-f]{64}/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载回执' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^receipt-.*\.json$/);
    const path = await download.path();
    const content = readFileSync(path, 'utf8');
    expect(content).toContain(receiptHash.match(/[0-9a-f]{64}/)![0]);
  });

  step('5. the deadline passes: the sweep closes the scenario and the proposals are opened', async () => {
    suite.platform.setServerNow(new Date(deadline.getTime() + 60_000));
    expect(await suite.platform.closeOverdueScenarios()).toBeGreaterThanOrEqual(1);
    await suite.platform.waitForWorkers(60_000);
    const [row] = await suite.platform.sql<{ status: string }>(`SELECT status FROM scenario WHERE id = $1`, [
      scenarioId,
    ]);
    expect(row.status).toBe('closed');
    const proposals = await suite.platform.sql<{ status: string }>(
      `SELECT status FROM proposal WHERE scenario_id = $1`,
      [scenarioId],
    );
    expect(proposals).toEqual([{ status: 'opened' }]);
    const visitor = await newPage();
    await visitor.goto(`/scenarios/${code}`);
    await visitor.getByText('已截止').first().waitFor();
  });

  step('6. staff set up the evaluation: rubric, panel with the reviewer, open scoring', async () => {
    const page = await newPage();
    await loginAs(page, STAFF);
    await page.goto(`/staff/scenarios/${scenarioId}?tab=evaluation`);
    const min = page.getByLabel('每个方案最少评审专家数');
    await min.fill('1');
    await page.getByRole('button', { name: '保存评分细则' }).click();
    await toast(page, '评分细则已保存');
    await pick(page, page.getByLabel('指派评审专家'), REVIEWER_NAME);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '加入专家组' }).click();
    await toast(page, '已加入专家组');
    await page.getByRole('button', { name: '开始评分' }).click();
    await page.getByRole('button', { name: '确认开始' }).click();
    await toast(page, '已开始评分');
    await suite.platform.waitForWorkers(60_000);
  });

  step('7. the reviewer declares no conflict and scores through the scoring form', async () => {
    const [evaluation] = await suite.platform.sql<{ id: string }>(`SELECT id FROM evaluation WHERE scenario_id = $1`, [
      scenarioId,
    ]);
    const page = await newPage();
    await loginAs(page, REVIEWER);
    await page.goto(`/reviewer/evaluations/${evaluation.id}`);
    await page.getByRole('heading', { name: '利益冲突声明' }).waitFor();
    await page.getByRole('radio', { name: '无利益冲突' }).first().check();
    await page.getByRole('button', { name: '提交声明' }).click();
    await toast(page, '声明已提交');
    await page
      .getByRole('link', { name: /^评分：/ })
      .first()
      .or(page.getByRole('button', { name: /^评分：/ }).first())
      .click();
    await page.getByRole('heading', { name: '评分表' }).waitFor();
    const values = page.getByLabel(/（0–\d+ 分）$/);
    const n = await values.count();
    expect(n).toBe(3); // the default rubric staff saved: 技术方案 / 报价合理性 / 团队与案例
    for (let i = 0; i < n; i++) {
      const max = Number(await values.nth(i).getAttribute('aria-valuemax'));
      expect(max).toBeGreaterThan(1);
      await values.nth(i).fill(String(max - 1));
    }
    const comments = page.getByLabel(/评语/);
    for (let i = 0; i < (await comments.count()); i++) {
      await comments.nth(i).fill('方案成熟，无人叉车案例与本场景高度吻合。');
    }
    await screenshot(page, 'golden-scoring-form');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: '提交评分' }).click();
    await toast(page, /评分已提交/);
    const scores = await suite.platform.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM score s JOIN evaluation e ON e.id = s.evaluation_id WHERE e.scenario_id = $1`,
      [scenarioId],
    );
    expect(scores[0].n).toBe(3); // one score per criterion
  });

  step("8. staff close the panel and award the vendor's proposal", async () => {
    const page = await newPage();
    await loginAs(page, STAFF);
    await page.goto(`/staff/scenarios/${scenarioId}?tab=evaluation`);
    await page.getByRole('button', { name: '关闭评审组' }).click();
    await page.getByRole('button', { name: '确认关闭' }).click();
    await toast(page, '评审组已关闭');

    await page.goto(`/staff/scenarios/${scenarioId}?tab=consensus`);
    await page.getByRole('radio', { name: '授予', exact: true }).check();
    await page.getByLabel('授予金额（元）').first().fill('2500000');
    await page.getByLabel('决定理由').fill('评审得分最高，方案与场景需求高度吻合，报价在预算范围内。');
    await page.getByLabel('公示理由摘要').fill('诺力智能方案综合得分第一。');
    await page.getByRole('button', { name: '记录授予决定' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await toast(page, '授予决定已记录，异议期开始');
    const [decision] = await suite.platform.sql<{ outcome: string; status: string; lead: string }>(
      `SELECT d.outcome, p.status, o.name_zh AS lead FROM award_decision d
         JOIN proposal p ON p.scenario_id = d.scenario_id JOIN organisation o ON o.id = p.lead_organisation_id
        WHERE d.scenario_id = $1 AND d.superseded_at IS NULL`,
      [scenarioId],
    );
    expect(decision).toEqual({ outcome: 'award', status: 'awarded', lead: '诺力智能装备股份有限公司' });
    await suite.platform.waitForWorkers(60_000);
  });

  step('9. the vendor sees the award notice', async () => {
    const page = await newPage();
    await loginAs(page, VENDOR);
    await page.goto('/vendor/proposals');
    await page.getByRole('button', { name: '查看评审结果' }).first().click();
    await page.getByRole('heading', { name: '中榜公示' }).first().waitFor();
    await page.getByText('恭喜，贵单位方案中榜。').first().waitFor();
    expect(await page.getByTestId('award-notice').first().innerText()).toContain(VENDOR_NAME);
  });

  step('10. after the standstill staff start delivery; agency and staff record verdicts; staff accept', async () => {
    const staff = await newPage();
    await loginAs(staff, STAFF);
    // While the standstill runs, the server refuses and the page says why.
    await staff.goto(`/staff/scenarios/${scenarioId}?tab=delivery`);
    await staff.getByRole('button', { name: '启动实施' }).click();
    await staff.getByRole('button', { name: '确认启动' }).click();
    await staff.getByText('异议期尚未结束，不能启动实施').first().waitFor();

    suite.platform.advanceServerClock(10 * DAY + 60_000);
    await staff.reload();
    await staff.getByRole('button', { name: '启动实施' }).click();
    await staff.getByRole('button', { name: '确认启动' }).click();
    await toast(staff, '已启动实施');

    const agency = await newPage();
    await loginAs(agency, AGENCY);
    await agency.goto(`/agency/scenarios/${scenarioId}?tab=acceptance`);
    await agency.getByText('达标', { exact: true }).first().click();
    await agency.getByRole('button', { name: '提交验收结论' }).click();
    await toast(agency, /验收结论已提交/);

    await staff.reload();
    await staff.getByRole('radio', { name: '达到要求', exact: true }).check();
    await staff.getByRole('button', { name: '提交验收意见' }).click();
    await toast(staff, '验收意见已提交');
    await staff.getByRole('button', { name: '确认验收' }).click();
    await staff.getByRole('button', { name: '确认通过验收' }).click();
    await toast(staff, '场景已通过验收');
    const [row] = await suite.platform.sql<{ status: string }>(`SELECT status FROM scenario WHERE id = $1`, [
      scenarioId,
    ]);
    expect(row.status).toBe('accepted');
  });

  step('11. staff designate it a demonstration scenario; the public list shows the tag', async () => {
    const staff = await newPage();
    await loginAs(staff, STAFF);
    await staff.goto(`/staff/scenarios/${scenarioId}?tab=delivery`);
    await staff.getByLabel('认定说明').fill('无人叉车成品库改造成效显著，可在全市制造企业复制推广。');
    await staff.getByRole('button', { name: '认定为示范场景' }).click();
    await toast(staff, '已认定为示范场景');
    const [row] = await suite.platform.sql<{ status: string }>(`SELECT status FROM scenario WHERE id = $1`, [
      scenarioId,
    ]);
    expect(row.status).toBe('demonstration');

    await staff.goto('/staff');
    await staff.getByRole('heading', { level: 1 }).first().waitFor();
    await staff.waitForLoadState('networkidle');
    await screenshot(staff, 'golden-staff-dashboard');
    await expectNoSeriousA11yViolations(staff);

    const visitor = await newPage();
    await visitor.goto('/');
    const item = visitor.getByRole('list', { name: '场景列表' }).getByRole('listitem').filter({ hasText: TITLE });
    await item.first().waitFor();
    expect(await item.first().innerText()).toContain('示范场景');
    await item.first().screenshot({ path: `${ARTIFACTS_DIR}/golden-public-list-demonstration-item.png` });
    await screenshot(visitor, 'golden-public-list-demonstration');
  });
});
