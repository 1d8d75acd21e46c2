import { useEffect, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { AuthProvider } from '../auth/AuthContext';
import { createAppRouter } from './router';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // 4xx answers will not change by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
}

export function App() {
  const { i18n } = useTranslation();
  const [queryClient] = useState(makeQueryClient);
  const router = useMemo(createAppRouter, []);
  const en = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(en ? 'en' : 'zh-cn');
    document.documentElement.lang = en ? 'en' : 'zh-CN';
  }, [en]);

  return (
    <ConfigProvider
      locale={en ? enUS : zhCN}
      theme={{
        // Ant Design's default greys, link blue and error red fall below WCAG AA contrast (axe: serious).
        token: {
          colorPrimary: '#1f5fbf',
          colorLink: '#1f5fbf',
          colorError: '#c4201d',
          colorTextSecondary: 'rgba(0,0,0,0.65)',
          colorTextDescription: 'rgba(0,0,0,0.62)',
          colorTextTertiary: 'rgba(0,0,0,0.62)',
          colorTextPlaceholder: 'rgba(0,0,0,0.55)',
          borderRadius: 6,
        },
      }}
      // No space inside two-character Chinese labels ("登 录"): it changes their accessible names.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
