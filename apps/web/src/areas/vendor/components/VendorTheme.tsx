import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';

/**
 * Ant Design's defaults fail WCAG AA contrast in places axe reports as serious: secondary text (#8c8c8c,
 * 3.4:1), link blue (#1677ff, 4.1:1), danger text (#ff4d4f, 3.3:1), placeholders, disabled text (read-only
 * proposals must stay readable); tag colours are in ToneTag. Until
 * the app theme (app/App.tsx) sets these tokens, the vendor pages set them for themselves.
 */
const ACCESSIBLE_TOKENS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.56)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  colorTextDisabled: 'rgba(0, 0, 0, 0.65)',
  colorLink: '#1f5fbf',
  colorError: '#cf1322',
  // A default button's text on hover and focus (derived from the primary, 4.2:1).
  colorPrimaryHover: '#174a96',
} as const;

export function VendorTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: ACCESSIBLE_TOKENS }}>{children}</ConfigProvider>;
}
