import type { ReactNode } from 'react';
import { Form } from 'antd';

/** Errors of a whole list field (`priceBreakdown`, `kpiResponses` …), styled as field errors. */
export function ListErrors({ errors }: { errors: ReactNode[] }) {
  if (!errors.length) return null;
  return (
    <Form.Item style={{ marginBottom: 12 }}>
      <Form.ErrorList errors={errors} />
    </Form.Item>
  );
}
