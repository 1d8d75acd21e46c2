import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form, Input } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../../../api/client';
import { scenarioToForm, type ScenarioFormValues } from './formMapping';
import { sampleScenario } from './testData';
import { useScenarioAutosave } from './useScenarioAutosave';
import type { ScenarioView } from '../types';

function Editor({ initial }: { initial: ScenarioView | null }) {
  const [form] = Form.useForm<ScenarioFormValues>();
  const autosave = useScenarioAutosave({
    form,
    initial,
    onCreated: () => undefined,
    onSaved: () => undefined,
    onUnmatchedErrors: () => undefined,
    delayMs: 300,
  });
  return (
    <Form form={form} initialValues={initial ? scenarioToForm(initial) : {}} onValuesChange={autosave.changed}>
      <Form.Item name="title" label="场景名称">
        <Input />
      </Form.Item>
      <Form.Item name="domain" label="所属领域">
        <Input />
      </Form.Item>
      <Form.Item name="summary" label="场景简介">
        <Input />
      </Form.Item>
      <output data-testid="status">{autosave.state.status}</output>
      <Button onClick={() => void autosave.mergeNewest()}>合并最新</Button>
    </Form>
  );
}

afterEach(() => vi.restoreAllMocks());

describe('useScenarioAutosave', { timeout: 20_000 }, () => {
  it('PATCHes only what changed, with the version it read, after typing stops', async () => {
    const s = sampleScenario({ version: 3 });
    const patch = vi.spyOn(api, 'patch').mockResolvedValue({ ...s, summary: '新的简介', version: 4 });
    render(<Editor initial={s} />);
    const summary = screen.getByLabelText('场景简介');
    fireEvent.change(summary, { target: { value: '新的简介' } });
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('saved'));
    expect(patch).toHaveBeenCalledTimes(1);
    expect(patch).toHaveBeenCalledWith(`/scenarios/${s.id}`, { version: 3, summary: '新的简介' });
  });

  it('keeps what was typed on a version conflict and saves it on top of the newest version', async () => {
    const s = sampleScenario({ version: 3 });
    const conflict = new ApiError(409, 'SCENARIO_VERSION_CONFLICT', '场景已被他人修改（当前版本 5），请刷新后重试');
    const patch = vi
      .spyOn(api, 'patch')
      .mockRejectedValueOnce(conflict)
      .mockResolvedValueOnce({ ...s, version: 6 });
    const newest = sampleScenario({ version: 5, title: '别人改过的名称' });
    const get = vi.spyOn(api, 'get').mockResolvedValue(newest);
    render(<Editor initial={s} />);
    const summary = screen.getByLabelText('场景简介');
    fireEvent.change(summary, { target: { value: '我的简介' } });
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('conflict'));
    expect(summary).toHaveValue('我的简介');

    // Typing on while in conflict does not retry against the stale version.
    fireEvent.change(summary, { target: { value: '我的简介！' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(patch).toHaveBeenCalledTimes(1);

    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: '合并最新' }));
    });
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(2));
    expect(get).toHaveBeenCalledWith(`/scenarios/${s.id}`);
    expect(patch).toHaveBeenLastCalledWith(`/scenarios/${s.id}`, { version: 5, summary: '我的简介！' });
    expect(screen.getByLabelText('场景名称')).toHaveValue('别人改过的名称');
    expect(summary).toHaveValue('我的简介！');
  });

  it('creates the draft once it has a title and a domain', async () => {
    const created = sampleScenario({ version: 1 });
    const post = vi.spyOn(api, 'post').mockResolvedValue(created);
    render(<Editor initial={null} />);
    fireEvent.change(screen.getByLabelText('场景名称'), { target: { value: '新场景' } });
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('needs_basics'));
    expect(post).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('所属领域'), { target: { value: 'manufacturing' } });
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post).toHaveBeenCalledWith(
      '/scenarios',
      expect.objectContaining({ title: '新场景', domain: 'manufacturing' }),
    );
  });
});
