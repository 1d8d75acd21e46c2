import { useEffect, useRef } from 'react';
import { Table, theme, type TableProps } from 'antd';

/**
 * Ant Design's Table, scrolling sideways on narrow screens (`scroll.x = max-content`), whose scrolling
 * box is made keyboard-focusable when it does scroll, so keyboard users can scroll it (axe:
 * scrollable-region-focusable). Nested tables (expanded rows) are covered too.
 */
export function StaffTable<T extends object>({ locale, ...props }: TableProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const { token } = theme.useToken();
  // A text empty state is drawn in the disabled grey (1.8:1); give it the secondary text colour.
  const emptyText =
    typeof locale?.emptyText === 'string' ? (
      <span style={{ color: token.colorTextSecondary }}>{locale.emptyText}</span>
    ) : (
      locale?.emptyText
    );
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const mark = () => {
      el.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((region) => {
        const scrolls = region.scrollWidth > region.clientWidth + 1;
        if (scrolls && region.tabIndex < 0) region.tabIndex = 0;
        if (!scrolls && region.getAttribute('tabindex') === '0') region.removeAttribute('tabindex');
      });
    };
    mark();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(mark);
    observer?.observe(el);
    const mutations = typeof MutationObserver === 'undefined' ? null : new MutationObserver(mark);
    mutations?.observe(el, { childList: true, subtree: true });
    return () => {
      observer?.disconnect();
      mutations?.disconnect();
    };
  }, []);
  return (
    <div ref={box}>
      <Table<T>
        scroll={{ x: 'max-content' }}
        {...props}
        locale={locale ? { ...locale, ...(emptyText !== undefined ? { emptyText } : {}) } : undefined}
      />
    </div>
  );
}
