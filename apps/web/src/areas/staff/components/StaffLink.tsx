import { Link, type LinkProps } from 'react-router';
import { theme } from 'antd';

/**
 * A router link in the area's link colour (the global `a` rule keeps the default theme's #1677ff,
 * too light on grey for WCAG AA).
 */
export function StaffLink({ style, ...props }: LinkProps) {
  const { token } = theme.useToken();
  return <Link {...props} style={{ color: token.colorLink, ...style }} />;
}
