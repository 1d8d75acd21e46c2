import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';

/**
 * Ant Design's default secondary text (#8c8c8c, 3.4:1), link blue (#1677ff, 4.1:1) and error red
 * (#ff4d4f, 3.3:1) fail WCAG AA
 * contrast, which the browser tests' axe check reports as serious. Until the app theme (app/App.tsx)
 * sets these, the account pages set them for themselves.
 */
export const ACCESSIBLE_TOKENS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.56)',
  colorLink: '#1f5fbf',
  // Ant Design lightens primary buttons on hover (to about 4.3:1 with white text): darken instead.
  colorPrimaryHover: '#174a94',
  colorLinkHover: '#174a94',
  // Error texts and danger buttons: #cf1322 is 5.7:1 on white (the default #ff4d4f is 3.3:1).
  colorError: '#cf1322',
} as const;

export function AreaTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: ACCESSIBLE_TOKENS }}>{children}</ConfigProvider>;
}
