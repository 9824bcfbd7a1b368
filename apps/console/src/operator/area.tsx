import {
  CalendarOutlined,
  FileProtectOutlined,
  FlagOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  PhoneOutlined,
  ScheduleOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { ReadOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { HouseholdBoardPage } from '../households/HouseholdBoardPage';
import { HouseholdEpisodePage } from '../households/HouseholdEpisodePage';
import { AssistanceMonthPage } from '../job-fairs/AssistanceMonthPage';
import { JobFairPage } from '../job-fairs/JobFairPage';
import { JobFairsPage } from '../job-fairs/JobFairsPage';
import type { ConsoleArea } from '../shared/area';
import { AgendaPage } from './agenda/AgendaPage';
import { CasePage } from './case/CasePage';
import { MyCasesPage } from './cases/MyCasesPage';
import { IntakePage } from './intake/IntakePage';
import { ThreePlusOnePage } from './three-plus-one/ThreePlusOnePage';
import { CourseListPage } from '../training/CourseListPage';
import { CoursePage } from '../training/CoursePage';
import { LedgersPage } from '../ledgers/LedgersPage';

function OperatorRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<Navigate to="intake" replace />} />
      <Route path="intake" element={<IntakePage />} />
      <Route path="cases" element={<MyCasesPage />} />
      <Route path="cases/:caseId" element={<CasePage />} />
      <Route path="agenda" element={<AgendaPage />} />
      <Route path="households" element={<HouseholdBoardPage />} />
      <Route path="households/:episodeId" element={<HouseholdEpisodePage />} />
      <Route path="job-fairs" element={<JobFairsPage />} />
      <Route path="job-fairs/:fairId" element={<JobFairPage />} />
      <Route path="assistance-month" element={<AssistanceMonthPage />} />
      <Route path="three-plus-one" element={<ThreePlusOnePage />} />
      <Route path="training" element={<CourseListPage />} />
      <Route path="training/courses/:courseId" element={<CoursePage />} />
      <Route path="ledgers" element={<LedgersPage />} />
      <Route path="*" element={<Result status="404" title={t('common:notFound')} />} />
    </Routes>
  );
}

export const operatorArea: ConsoleArea = {
  key: 'operator',
  title: 'operator:area',
  roles: ['operator', 'supervisor'],
  menu: [
    { path: 'intake', label: 'operator:menu.intake', icon: <PhoneOutlined /> },
    { path: 'cases', label: 'operator:menu.cases', icon: <FolderOpenOutlined /> },
    { path: 'agenda', label: 'operator:menu.agenda', icon: <CalendarOutlined /> },
    { path: 'households', label: 'households:menu', icon: <HomeOutlined /> },
    { path: 'job-fairs', label: 'fairs:menu', icon: <ShopOutlined /> },
    { path: 'assistance-month', label: 'fairs:monthMenu', icon: <FlagOutlined /> },
    { path: 'three-plus-one', label: 'threePlusOne:menu', icon: <ScheduleOutlined /> },
    { path: 'training', label: 'training:menu', icon: <ReadOutlined /> },
    { path: 'ledgers', label: 'ledgers:menu', icon: <FileProtectOutlined /> },
  ],
  Routes: OperatorRoutes,
};
