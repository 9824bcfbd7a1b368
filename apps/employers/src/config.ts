import { loadConfigOrExit, serviceFields } from '@platform/config';

export const employersConfigShape = serviceFields(3002, 'employers');
export type EmployersConfig = ReturnType<typeof loadEmployersConfig>;

export function loadEmployersConfig() {
  return loadConfigOrExit(employersConfigShape, 'employers');
}
