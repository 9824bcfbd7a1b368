// Strings of the operator area (namespace "operator").
export const operatorStrings = {
  zh: { area: 'operator' },
  en: { area: 'Operator' },
};
