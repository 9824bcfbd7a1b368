import { AuditOutlined, IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { ConsoleArea } from '../shared/area';
import { ProfilePage } from './profile/ProfilePage';
import { ReferralsPage } from './referrals/ReferralsPage';
import { VacanciesPage } from './vacancies/VacanciesPage';

function EmployerRoutes() {
  return (
    <Routes>
      <Route path="vacancies" element={<VacanciesPage />} />
      <Route path="referrals" element={<ReferralsPage />} />
      <Route path="profile" element={<ProfilePage />} />
      <Route path="*" element={<Navigate to="vacancies" replace />} />
    </Routes>
  );
}

/** The employer portal: its own vacancies, the referrals waiting for its answer, and its own record. */
export const employerArea: ConsoleArea = {
  key: 'employer',
  title: 'employer:area',
  roles: ['employer'],
  menu: [
    { path: 'vacancies', label: 'employer:menu.vacancies', icon: <ShopOutlined /> },
    { path: 'referrals', label: 'employer:menu.referrals', icon: <AuditOutlined /> },
    { path: 'profile', label: 'employer:menu.profile', icon: <IdcardOutlined /> },
  ],
  Routes: EmployerRoutes,
};
