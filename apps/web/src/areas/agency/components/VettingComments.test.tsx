import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { VettingComments } from './VettingComments';

describe('VettingComments', () => {
  it('lists each comment under the field label instead of the generic message', () => {
    render(
      <VettingComments comments={{ budgetMaxYuan: '预算上限偏高，请说明测算依据', summary: '请写明要解决的问题' }} />,
    );
    const list = screen.getByRole('list', { name: '审核意见' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('预算上限偏高，请说明测算依据');
    expect(items[1]).toHaveTextContent('请写明要解决的问题');
    expect(screen.getByText('请按以下审核意见修改后重新提交审核：')).toBeInTheDocument();
    expect(screen.queryByText(/消息通知/)).not.toBeInTheDocument();
  });

  it('says no specific comments were left when the return had none', () => {
    render(<VettingComments comments={{}} />);
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.getByText('赋能中心未填写具体意见，请检查修改后重新提交审核。')).toBeInTheDocument();
  });
});
