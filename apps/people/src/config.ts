import { loadConfigOrExit, serviceFields } from '@platform/config';

export const peopleConfigShape = serviceFields(3001, 'people');
export type PeopleConfig = ReturnType<typeof loadPeopleConfig>;

export function loadPeopleConfig() {
  return loadConfigOrExit(peopleConfigShape, 'people');
}
