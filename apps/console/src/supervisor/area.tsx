import { DashboardOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router-dom';
import type { ConsoleArea } from '../shared/area';

function SupervisorRoutes() {
  return (
    <Routes>
      <Route path="*" element={<p>supervisor</p>} />
    </Routes>
  );
}

export const supervisorArea: ConsoleArea = {
  key: 'supervisor',
  title: 'supervisor:area',
  roles: ['supervisor', 'admin'],
  menu: [{ path: 'board', label: 'supervisor:area', icon: <DashboardOutlined /> }],
  Routes: SupervisorRoutes,
};
