import { useId, type ReactNode } from 'react';
import { Grid, Select, Tabs } from 'antd';

interface Item<K extends string> {
  key: K;
  label: string;
  children: ReactNode;
}

/**
 * Tabs on wide screens; on phones a labelled select instead (Ant Design's overflow menu puts a button
 * inside the tab list, which screen readers and axe reject, and 6–9 tabs do not fit at 375 px).
 */
export function ResponsiveTabs<K extends string>({
  label,
  activeKey,
  onChange,
  items,
}: {
  /** Visible label of the select on phones. */
  label: string;
  activeKey: K;
  onChange: (key: K) => void;
  items: Item<K>[];
}) {
  const screens = Grid.useBreakpoint();
  const id = useId();
  const active = items.find((i) => i.key === activeKey) ?? items[0];
  if (screens.md)
    return <Tabs activeKey={active?.key} destroyOnHidden onChange={(k) => onChange(k as K)} items={items} />;
  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
          {label}
        </label>
        <Select<K>
          id={id}
          value={active?.key}
          onChange={onChange}
          style={{ width: '100%' }}
          options={items.map((i) => ({ value: i.key, label: i.label }))}
        />
      </div>
      {active?.children}
    </>
  );
}
