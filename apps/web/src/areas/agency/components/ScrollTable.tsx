import type { HTMLAttributes } from 'react';
import { Table, type TableProps } from 'antd';

/** The <table> at its natural width (never squeezed below it), at least as wide as its container. */
function NaturalWidthTable(props: HTMLAttributes<HTMLTableElement>) {
  return <table {...props} style={{ ...props.style, width: 'max-content', minWidth: '100%' }} />;
}

/**
 * A table that scrolls sideways inside a focusable, labelled region when it is wider than the screen
 * (keyboard users can scroll it; axe: scrollable-region-focusable).
 */
export function ScrollTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table<T> {...props} components={{ ...props.components, table: NaturalWidthTable }} />
    </div>
  );
}
