// Strings of the supervisor area (namespace "supervisor").
export const supervisorStrings = {
  zh: { area: 'supervisor' },
  en: { area: 'Supervisor' },
};
