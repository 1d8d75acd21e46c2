import type { ReactNode } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';

/**
 * Colours with at least 4.5:1 contrast (WCAG AA) where Ant Design's defaults fall short: secondary
 * and description text, links, status and preset tags, error and warning texts. Nested inside the
 * app's theme (primary colour and radius stay the app's). Belongs in the app-wide theme: see the
 * agency report.
 */
export const ACCESSIBLE_TOKENS: ThemeConfig['token'] = {
  colorLink: '#1f5fbf',
  colorInfo: '#1f5fbf',
  colorSuccess: '#237804',
  colorWarning: '#874d00',
  colorError: '#cf1322',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
};

/** Text colours of the preset tags (shade 8–9 of each palette) on their usual light backgrounds. */
const TAG_TEXT: Record<string, string> = {
  green: '#237804',
  gold: '#874d00',
  orange: '#873800',
  cyan: '#00474f',
  blue: '#003eb3',
  purple: '#391085',
  magenta: '#9e1068',
  lime: '#3f6600',
  geekblue: '#10239e',
  volcano: '#ad2102',
  red: '#a8071a',
};
const TAG_CSS = Object.entries(TAG_TEXT)
  .map(([c, v]) => `.agency-theme .ant-tag.ant-tag-${c}:not(.ant-tag-disabled):not(.ant-tag-solid){color:${v}}`)
  .join('\n');

export function AgencyTheme({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider theme={{ inherit: true, token: ACCESSIBLE_TOKENS }}>
      <style>{TAG_CSS}</style>
      <div className="agency-theme">{children}</div>
    </ConfigProvider>
  );
}
