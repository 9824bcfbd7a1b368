// Strings of the employer area (namespace "employer").
export const employerStrings = {
  zh: { area: 'employer' },
  en: { area: 'Employer' },
};
