import { useEffect, useState } from 'react';
import { InputNumber } from 'antd';

/** A number input committed on blur or Enter (not on every keystroke, which would reload the list). */
export function CommitNumber({
  id,
  value,
  onCommit,
  min,
  max,
  placeholder,
}: {
  id: string;
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
  min: number;
  max?: number;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState<number | null>(value ?? null);
  useEffect(() => setDraft(value ?? null), [value]);
  const commit = () => {
    const next = draft === null ? undefined : draft;
    if (next !== value) onCommit(next);
  };
  return (
    <InputNumber
      id={id}
      style={{ width: '100%' }}
      min={min}
      max={max}
      value={draft}
      placeholder={placeholder}
      onChange={(v) => setDraft(typeof v === 'number' ? v : null)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}
