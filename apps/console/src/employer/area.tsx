import { ShopOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router-dom';
import type { ConsoleArea } from '../shared/area';

function EmployerRoutes() {
  return (
    <Routes>
      <Route path="*" element={<p>employer</p>} />
    </Routes>
  );
}

export const employerArea: ConsoleArea = {
  key: 'employer',
  title: 'employer:area',
  roles: ['employer'],
  menu: [{ path: 'vacancies', label: 'employer:area', icon: <ShopOutlined /> }],
  Routes: EmployerRoutes,
};
