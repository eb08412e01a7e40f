import type { ThemeConfig } from 'antd';

/** The menu column's colour. */
export const SIDER_BG = '#0f2a4f';

/** The app's antd theme: a calm blue, slightly rounder cards. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: SIDER_BG, bodyBg: '#f3f5f9' },
    Menu: { darkItemBg: SIDER_BG, darkSubMenuItemBg: '#0b2140', darkItemSelectedBg: '#1f5fbf' },
  },
};
