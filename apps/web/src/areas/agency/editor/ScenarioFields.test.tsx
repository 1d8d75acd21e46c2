import { useEffect } from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, Button, Form, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { ScenarioFields } from './ScenarioFields';
import { emptyFormValues, type ScenarioFormValues } from './formMapping';
import { retargetApiError, STEP_FIELDS } from './steps';

function Harness({
  fields,
  initial = emptyFormValues(),
  onForm,
}: {
  fields: (typeof STEP_FIELDS)[keyof typeof STEP_FIELDS];
  initial?: ScenarioFormValues;
  onForm?: (form: FormInstance<ScenarioFormValues>) => void;
}) {
  const [form] = Form.useForm<ScenarioFormValues>();
  useEffect(() => {
    onForm?.(form);
  }, [form, onForm]);
  return (
    <App>
      <Form form={form} layout="vertical" initialValues={initial}>
        <ScenarioFields fields={fields} />
        <Button htmlType="submit">检查表单</Button>
      </Form>
    </App>
  );
}

/** The Form.Item (label, control and messages) around the control labelled `label`. */
const fieldOf = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;

describe('editor step 1 (基本信息)', { timeout: 20_000 }, () => {
  it('shows Chinese required messages next to the title and the domain', async () => {
    render(<Harness fields={STEP_FIELDS.basics} />);
    await userEvent.click(screen.getByRole('button', { name: '检查表单' }));
    expect(await within(fieldOf('场景名称')).findByText('请输入场景名称')).toBeInTheDocument();
    expect(within(fieldOf('所属领域')).getByText('请选择所属领域')).toBeInTheDocument();
    expect(within(fieldOf('场景简介')).getByText('请填写场景简介')).toBeInTheDocument();
  });

  it('offers sectors only once a domain is chosen', async () => {
    render(<Harness fields={STEP_FIELDS.basics} initial={{ ...emptyFormValues(), domain: undefined }} />);
    expect(screen.getByLabelText('细分行业')).toBeDisabled();
    expect(within(fieldOf('细分行业')).getByText('请先选择所属领域')).toBeInTheDocument();
  });
});

describe('editor step 3 (预算与时间)', { timeout: 20_000 }, () => {
  it('refuses a maximum below the minimum, in Chinese', async () => {
    render(<Harness fields={STEP_FIELDS.budget} />);
    await userEvent.type(screen.getByLabelText('预算下限'), '500000');
    await userEvent.type(screen.getByLabelText('预算上限'), '100000');
    await userEvent.tab();
    expect(await within(fieldOf('预算上限')).findByText('预算上限不能低于预算下限')).toBeInTheDocument();
  });
});

describe('API errors next to the fields', { timeout: 20_000 }, () => {
  it('puts `kpis.0.target` on the first KPI row and a missing compliance on its security level', async () => {
    let form: FormInstance<ScenarioFormValues> | undefined;
    render(
      <Harness
        fields={STEP_FIELDS.requirements}
        initial={{ ...emptyFormValues(), kpis: [{ metric: '检出率', baseline: '', target: '', unit: '%' }] }}
        onForm={(f) => (form = f)}
      />,
    );
    const error = new ApiError(400, 'COMMON_VALIDATION_FAILED', '请求有 3 处字段不符合要求', [
      { field: 'kpis.0.target', rule: 'isNotEmpty', message: '不能为空' },
      { field: 'compliance', rule: 'scenario.required', message: '提交前必须填写' },
      { field: 'version', rule: 'min', message: '不能小于 1' },
    ]);
    let unmatched: string[] = [];
    act(() => {
      unmatched = applyApiError(form!, retargetApiError(error));
    });
    await waitFor(() => expect(within(fieldOf('目标值')).getByText('不能为空')).toBeInTheDocument());
    expect(within(fieldOf('数据安全级别')).getByText('提交前必须填写')).toBeInTheDocument();
    expect(unmatched).toEqual(['version: 不能小于 1']);
  });
});

describe('vetting comments next to the fields', { timeout: 20_000 }, () => {
  function WithComments({ comments }: { comments: Record<string, string> }) {
    const [form] = Form.useForm<ScenarioFormValues>();
    return (
      <App>
        <Form form={form} layout="vertical" initialValues={emptyFormValues()}>
          <ScenarioFields fields={STEP_FIELDS.basics} comments={comments} />
        </Form>
      </App>
    );
  }

  it('shows the comment on a field right before that field, and none on the others', () => {
    render(<WithComments comments={{ summary: '简介请写明要解决的问题', budgetMaxYuan: '不在本步骤' }} />);
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toHaveTextContent('审核意见');
    expect(alerts[0]).toHaveTextContent('简介请写明要解决的问题');
    const summaryItem = fieldOf('场景简介');
    // The alert sits just before the summary's Form.Item (DOCUMENT_POSITION_FOLLOWING = 4).
    expect(alerts[0].compareDocumentPosition(summaryItem) & 4).toBe(4);
    expect(alerts[0].compareDocumentPosition(fieldOf('场景名称')) & 2).toBe(2);
    expect(screen.queryByText('不在本步骤')).not.toBeInTheDocument();
  });
});
