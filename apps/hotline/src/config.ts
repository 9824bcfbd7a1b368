import { loadConfigOrExit, serviceFields } from '@platform/config';

export const hotlineConfigShape = serviceFields(3000, 'hotline');
export type HotlineConfig = ReturnType<typeof loadHotlineConfig>;

export function loadHotlineConfig() {
  return loadConfigOrExit(hotlineConfigShape, 'hotline');
}
