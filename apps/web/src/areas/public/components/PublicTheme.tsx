import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';

/**
 * Text colours with enough contrast (WCAG AA, 4.5:1 on white and on the layout's #f5f5f5) for the
 * public pages. Ant Design's defaults — secondary text rgba(0,0,0,.45), placeholders rgba(0,0,0,.25)
 * and links in #1677ff whatever the primary colour — fail axe's color-contrast rule. Inherits the app's
 * theme otherwise. (Better set once in the app's theme; asked for in the report.)
 */
export const ACCESSIBLE_TEXT_TOKENS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  colorLink: '#1f5fbf',
  colorLinkHover: '#184c99',
  colorLinkActive: '#123a75',
};

/** Plain links (router links outside Typography) take the global `a` colour, not the nested theme's. */
const LINK_CSS = `.sx-public a:not(.ant-btn){color:${ACCESSIBLE_TEXT_TOKENS.colorLink}}
.sx-public a:not(.ant-btn):hover{color:${ACCESSIBLE_TEXT_TOKENS.colorLinkHover}}`;

export function PublicTheme({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider theme={{ token: ACCESSIBLE_TEXT_TOKENS }}>
      <style>{LINK_CSS}</style>
      <div className="sx-public">{children}</div>
    </ConfigProvider>
  );
}
