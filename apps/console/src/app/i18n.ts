import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { employerStrings } from '../employer/i18n';
import { householdStrings } from '../households/i18n';
import { fairStrings } from '../job-fairs/i18n';
import { ledgerStrings } from '../ledgers/i18n';
import { operatorStrings } from '../operator/i18n';
import { recordStrings } from '../operator/service-records/i18n';
import { planStrings } from '../operator/personal-plans/i18n';
import { common } from '../shared/common.i18n';
import { supervisorStrings } from '../supervisor/i18n';
import { threePlusOneStrings } from '../operator/three-plus-one/i18n';
import { trainingStrings } from '../training/i18n';

const STORED = 'console.language';

// Chinese first; the English switch is remembered in this browser.
void i18n.use(initReactI18next).init({
  lng: localStorage.getItem(STORED) === 'en' ? 'en' : 'zh',
  fallbackLng: 'zh',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  resources: {
    zh: {
      common: common.zh,
      operator: operatorStrings.zh,
      employer: employerStrings.zh,
      supervisor: supervisorStrings.zh,
      records: recordStrings.zh,
      plans: planStrings.zh,
      households: householdStrings.zh,
      fairs: fairStrings.zh,
      threePlusOne: threePlusOneStrings.zh,
      training: trainingStrings.zh,
      ledgers: ledgerStrings.zh,
    },
    en: {
      common: common.en,
      operator: operatorStrings.en,
      employer: employerStrings.en,
      supervisor: supervisorStrings.en,
      records: recordStrings.en,
      plans: planStrings.en,
      households: householdStrings.en,
      fairs: fairStrings.en,
      threePlusOne: threePlusOneStrings.en,
      training: trainingStrings.en,
      ledgers: ledgerStrings.en,
    },
  },
});

i18n.on('languageChanged', (language) => {
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
});

export default i18n;
