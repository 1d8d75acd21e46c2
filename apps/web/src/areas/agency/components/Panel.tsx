import type { ComponentProps } from 'react';
import { Card, Grid } from 'antd';

/** A Card whose padding shrinks on phones, so content keeps the width it needs at 375 px. */
export function Panel(props: ComponentProps<typeof Card>) {
  const screens = Grid.useBreakpoint();
  const padding = props.size === 'small' ? (screens.md ? 12 : 10) : screens.md ? 24 : 14;
  return (
    <Card {...props} styles={{ ...props.styles, body: { padding, ...(props.styles as { body?: object })?.body } }} />
  );
}
