import { loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';

export const employersConfigShape = { ...serviceFields(3002, 'employers'), ...temporalFields };
export type EmployersConfig = ReturnType<typeof loadEmployersConfig>;

export function loadEmployersConfig() {
  return loadConfigOrExit(employersConfigShape, 'employers');
}
