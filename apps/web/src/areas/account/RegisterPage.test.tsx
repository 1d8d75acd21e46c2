import { describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './i18n';
import { RegisterPage } from './RegisterPage';

// The machine running the tests is shared and often busy: give Ant Design's async validation time.
configure({ asyncUtilTimeout: 5000 });

function renderPage() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <RegisterPage />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
  return userEvent.setup({ delay: null });
}

const uscc = () => screen.getByRole('textbox', { name: '统一社会信用代码' }) as HTMLInputElement;

describe('RegisterPage: the unified social credit code', { timeout: 60_000 }, () => {
  it('complains in Chinese about a wrong character as it is typed, upper-casing what is typed', async () => {
    const user = renderPage();
    await user.type(uscc(), '9133o');
    expect(uscc().value).toBe('9133O');
    expect(await screen.findByText(/第 5 位“O”不是有效字符/)).toBeInTheDocument();
  });

  it('does not nag about the length while typing, but does when the field is left', async () => {
    const user = renderPage();
    await user.type(uscc(), '913305');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/应为 18 位/)).not.toBeInTheDocument();
    await user.tab();
    expect(await screen.findByText('统一社会信用代码应为 18 位（当前 6 位）')).toBeInTheDocument();
  });

  it('checks the check character once 18 are there and accepts a valid code', async () => {
    const user = renderPage();
    await user.type(uscc(), '91330502ME0N4E7FMC');
    expect(await screen.findByText('第 18 位校验码不正确，请逐位核对')).toBeInTheDocument();
    await user.clear(uscc());
    await user.type(uscc(), '91330502me0n4e7fmb');
    await waitFor(() => expect(screen.queryByText(/校验码不正确/)).not.toBeInTheDocument());
    expect(screen.getByText('格式与校验码正确')).toBeInTheDocument();
  });

  it('puts the API’s USCC error next to the field', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(
        JSON.stringify({
          statusCode: 409,
          code: 'IDENTITY_USCC_TAKEN',
          message: '该统一社会信用代码已注册',
          errors: [{ field: 'organisation.uscc', rule: 'IDENTITY_USCC_TAKEN', message: '该统一社会信用代码已注册' }],
        }),
        { status: 409, headers: { 'content-type': 'application/json' } },
      ),
    );
    const user = renderPage();
    await user.type(screen.getByRole('textbox', { name: '单位名称（中文）' }), '湖州测试科技有限公司');
    await user.type(uscc(), '91330502ME0N4E7FMB');
    await user.click(screen.getByRole('combobox', { name: '所在区县' }));
    await user.click(await screen.findByTitle('吴兴区'));
    await user.type(screen.getByRole('textbox', { name: '联系人姓名' }), '王晓明');
    await user.type(screen.getByRole('textbox', { name: '联系电话' }), '0572-2345678');
    await user.type(screen.getByRole('textbox', { name: '联系邮箱' }), 'contact@example.cn');
    await user.type(screen.getByRole('textbox', { name: '姓名' }), '王晓明');
    await user.type(screen.getByRole('textbox', { name: '登录邮箱' }), 'wang@example.cn');
    await user.type(screen.getByLabelText('密码'), 'Huzhou-Demo-2026');
    await user.type(screen.getByLabelText('确认密码'), 'Huzhou-Demo-2026');
    await user.click(screen.getByRole('button', { name: '提交注册' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/register');
    expect(JSON.parse(init.body as string)).toMatchObject({
      organisation: { type: 'vendor', uscc: '91330502ME0N4E7FMB', districtCode: 'wuxing' },
      user: { email: 'wang@example.cn', displayName: '王晓明' },
    });
    expect(JSON.parse(init.body as string)).not.toHaveProperty('passwordConfirm');
    expect(await screen.findByText('该统一社会信用代码已注册')).toBeInTheDocument();
    fetchMock.mockRestore();
  });
});
