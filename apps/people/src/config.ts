import { loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';

export const peopleConfigShape = { ...serviceFields(3001, 'people'), ...temporalFields };
export type PeopleConfig = ReturnType<typeof loadPeopleConfig>;

export function loadPeopleConfig() {
  return loadConfigOrExit(peopleConfigShape, 'people');
}
