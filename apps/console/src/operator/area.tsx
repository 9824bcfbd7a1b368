import { PhoneOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router-dom';
import type { ConsoleArea } from '../shared/area';

function OperatorRoutes() {
  return (
    <Routes>
      <Route path="*" element={<p>operator</p>} />
    </Routes>
  );
}

export const operatorArea: ConsoleArea = {
  key: 'operator',
  title: 'operator:area',
  roles: ['operator', 'supervisor', 'admin'],
  menu: [{ path: 'intake', label: 'operator:area', icon: <PhoneOutlined /> }],
  Routes: OperatorRoutes,
};
