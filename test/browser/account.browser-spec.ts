import { USCC_ALPHABET } from '@app/identity';
import { GOOD_PASSWORD, randomUscc } from '../support/fixtures';
import { expectNoSeriousA11yViolations, fieldDescription, loginAs, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { useBrowserSuite } from './support/suite';

describe('account pages in Chromium (real server, demo data)', () => {
  const suite = useBrowserSuite();

  it('refuses an empty login form with Chinese messages next to each field, then a wrong password', async () => {
    const page = await suite.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();

    await page.getByRole('button', { name: '登录', exact: true }).click();
    const email = page.getByLabel('邮箱');
    const password = page.getByLabel('密码', { exact: true });
    // Each message belongs to its own field: announced as its description, and the field marked invalid.
    await eventually(async () => expect(await fieldDescription(email)).toContain('请输入邮箱'));
    await eventually(async () => expect(await fieldDescription(password)).toContain('请输入密码'));
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'login-empty-refused');

    await email.fill('vendor.admin@demo.huzhou.ai');
    await password.fill('Wrong-Password-2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    // The API's refusal, in Chinese (Accept-Language: zh-CN), above the form.
    await page.getByText('邮箱或密码错误').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(suite.pageErrors(page)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the login page', async () => {
    const page = await suite.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it('checks a registration in Chinese: a wrong USCC check character as typed, a taken email from the API', async () => {
    const page = await suite.newPage();
    await page.goto('/register');
    await page.getByRole('heading', { level: 1, name: '注册机构' }).waitFor();

    const valid = randomUscc();
    const last = valid.at(-1)!;
    const wrongCheck = valid.slice(0, -1) + USCC_ALPHABET[(USCC_ALPHABET.indexOf(last) + 1) % USCC_ALPHABET.length];
    const uscc = page.getByLabel('统一社会信用代码');
    await uscc.fill(wrongCheck);
    await uscc.blur();
    await eventually(async () => expect(await fieldDescription(uscc)).toContain('第 18 位校验码不正确'));
    await uscc.fill(valid);
    await uscc.blur();
    await eventually(async () => expect(await fieldDescription(uscc)).not.toContain('校验码不正确'));

    await page.getByLabel('单位名称（中文）').fill('湖州浏览器测试智能科技有限公司');
    await page.getByLabel('所在区县').click();
    await page.locator('.ant-select-item-option[title="吴兴区"]').click();
    await page.getByLabel('联系人姓名').fill('王测试');
    await page.getByLabel('联系电话').fill('0572-2345678');
    await page.getByLabel('联系邮箱').fill('contact@example.cn');
    await page.getByLabel('姓名', { exact: true }).fill('王测试');
    // A demo account's email: the API refuses it.
    const userEmail = page.getByLabel('登录邮箱');
    await userEmail.fill('vendor.admin@demo.huzhou.ai');
    await page.getByLabel('密码', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('确认密码').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: '提交注册' }).click();

    await eventually(async () => expect(await fieldDescription(userEmail)).toContain('该邮箱已注册'));
    expect(await userEmail.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'register-email-taken');
    expect(await suite.platform.sql(`SELECT id FROM organisation WHERE uscc = $1`, [valid])).toEqual([]);
    expect(suite.pageErrors(page)).toEqual([]);
  });

  it('logs a demo vendor in through the login page and shows their name in the header', async () => {
    const page = await suite.newPage();
    await loginAs(page, 'vendor.admin@demo.huzhou.ai');
    expect(new URL(page.url()).pathname).toMatch(/^\/vendor(\/|$)/);
    const [{ display_name: name }] = await suite.platform.sql<{ display_name: string }>(
      `SELECT display_name FROM app_user WHERE email = $1`,
      ['vendor.admin@demo.huzhou.ai'],
    );
    await page.getByRole('button', { name }).waitFor();
    // Logged in: the header offers the inbox instead of 登录.
    expect(await page.getByRole('link', { name: /^消息/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '登录', exact: true }).count()).toBe(0);
  });

  it('makes a signed-in user’s emails follow the language switch (app_user.locale)', async () => {
    const email = 'agency.officer@demo.huzhou.ai';
    const localeOf = async () =>
      (await suite.platform.sql<{ locale: string }>(`SELECT locale FROM app_user WHERE email = $1`, [email]))[0].locale;
    expect(await localeOf()).toBe('zh-CN');
    const page = await suite.newPage();
    await loginAs(page, email);
    await page.getByRole('button', { name: 'English' }).click();
    await eventually(async () => expect(await localeOf()).toBe('en'));
    await page.getByRole('button', { name: '中文' }).click();
    await eventually(async () => expect(await localeOf()).toBe('zh-CN'));
    expect(suite.pageErrors(page)).toEqual([]);
  });
});
