import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { employerArea } from '../employer/area';
import { operatorArea } from '../operator/area';
import type { ConsoleArea } from '../shared/area';
import { AuthProvider, hasAnyRole, useAuth } from '../shared/auth';
import { ConsoleLayout } from '../shared/ConsoleLayout';
import { useLanguage } from '../shared/i18n-helpers';
import { LoginPage } from '../shared/LoginPage';
import { supervisorArea } from '../supervisor/area';

// A user lands in the first area their roles open: supervisors on the board, operators at the desk.
const AREAS: readonly ConsoleArea[] = [supervisorArea, operatorArea, employerArea];

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function SignedIn() {
  const { t } = useTranslation();
  const { user, loading } = useAuth();
  if (loading) return <Spin fullscreen description={t('common:loading')} />;
  if (!user) return <LoginPage />;
  const home = AREAS.find((area) => hasAnyRole(user, area.roles));
  return (
    <ConsoleLayout areas={AREAS}>
      <Routes>
        {AREAS.map((area) => (
          <Route
            key={area.key}
            path={`/${area.key}/*`}
            element={
              hasAnyRole(user, area.roles) ? (
                <area.Routes />
              ) : (
                <Result status="403" title={t('common:forbidden')} />
              )
            }
          />
        ))}
        <Route
          path="*"
          element={
            home ? <Navigate to={`/${home.key}/${home.menu[0].path}`} replace /> : <Result status="403" />
          }
        />
      </Routes>
    </ConsoleLayout>
  );
}

export function App() {
  const language = useLanguage();
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#c41d24' } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <SignedIn />
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
