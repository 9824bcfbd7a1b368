import {
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  FileProtectOutlined,
  FlagOutlined,
  HomeOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { RiseOutlined } from '@ant-design/icons';
import { Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { HouseholdBoardPage } from '../households/HouseholdBoardPage';
import { HouseholdEpisodePage } from '../households/HouseholdEpisodePage';
import { DevSmsPage } from '../operator/service-records/DevSmsPage';
import { AssistanceMonthPage } from '../job-fairs/AssistanceMonthPage';
import { JobFairPage } from '../job-fairs/JobFairPage';
import { JobFairsPage } from '../job-fairs/JobFairsPage';
import type { ConsoleArea } from '../shared/area';
import { BoardPage } from './board/BoardPage';
import { CalendarPage } from './calendar/CalendarPage';
import { ReportsPage } from './reports/ReportsPage';
import { WelfarePage } from './welfare/WelfarePage';
import { TrainingKpisPage } from '../training/TrainingKpisPage';
import { LedgersPage } from '../ledgers/LedgersPage';

// The charts bring echarts (about 1 MB): loaded only when the KPI page is opened.
const KpisPage = lazy(() => import('./kpis/KpisPage').then((module) => ({ default: module.KpisPage })));

function SupervisorRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<Navigate to="board" replace />} />
      <Route path="board" element={<BoardPage />} />
      <Route
        path="kpis"
        element={
          <Suspense fallback={<Spin description={t('common:loading')} />}>
            <KpisPage />
          </Suspense>
        }
      />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="welfare" element={<WelfarePage />} />
      <Route path="households" element={<HouseholdBoardPage />} />
      <Route path="households/:episodeId" element={<HouseholdEpisodePage />} />
      <Route path="training" element={<TrainingKpisPage />} />
      <Route path="job-fairs" element={<JobFairsPage />} />
      <Route path="job-fairs/:fairId" element={<JobFairPage />} />
      <Route path="assistance-month" element={<AssistanceMonthPage />} />
      <Route path="reports" element={<ReportsPage />} />
      <Route path="ledgers" element={<LedgersPage />} />
      {/* Development only, no menu entry: the people service answers it only with its dev SMS sink. */}
      <Route path="dev-sms" element={<DevSmsPage />} />
      <Route path="*" element={<Result status="404" title={t('common:notFound')} />} />
    </Routes>
  );
}

export const supervisorArea: ConsoleArea = {
  key: 'supervisor',
  title: 'supervisor:area',
  roles: ['supervisor', 'admin'],
  menu: [
    { path: 'board', label: 'supervisor:menu.board', icon: <DashboardOutlined /> },
    { path: 'kpis', label: 'supervisor:menu.kpis', icon: <BarChartOutlined /> },
    { path: 'calendar', label: 'supervisor:menu.calendar', icon: <CalendarOutlined /> },
    { path: 'welfare', label: 'supervisor:menu.welfare', icon: <TeamOutlined /> },
    { path: 'households', label: 'households:menu', icon: <HomeOutlined /> },
    { path: 'training', label: 'training:kpiMenu', icon: <RiseOutlined /> },
    { path: 'job-fairs', label: 'fairs:menu', icon: <ShopOutlined /> },
    { path: 'assistance-month', label: 'fairs:monthMenu', icon: <FlagOutlined /> },
    { path: 'reports', label: 'supervisor:menu.reports', icon: <FileExcelOutlined /> },
    { path: 'ledgers', label: 'ledgers:menu', icon: <FileProtectOutlined /> },
  ],
  Routes: SupervisorRoutes,
};
