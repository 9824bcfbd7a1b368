import { idNumber } from '../../apps/people/src/testing/people-test-app'; // eslint-disable-line @nx/enforce-module-boundaries
import { YULIN_COMMUNITY, YULIN_STREET } from '../e2e/support/platform';
import { ok, Row } from './matrix';

/**
 * The six ledgers' routes (people: five ledgers and the social-insurance imports; jobs: employer vacancies), on
 * 玉林街道 of area A: operator A's own street, outside operator B's area. A month closes once, so each close
 * expected to pass closes a month of its own; corrections are asked of a month never closed, which the services
 * refuse by its state (409) once authorization let the call through.
 */
let nextMonth = 0;
/** A distinct ended month per passing close: 2001-01, 2001-02, … */
const freshMonth = () => {
  const n = nextMonth++;
  return `${2001 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

const MONTH = { unit: YULIN_STREET, month: '2026-06' };
const readers = [401, ok, 403, ok, ok, 403, 403, ok] as const;
const supervisors = [401, 403, 403, ok, ok, 403, 403, ok] as const;
const correctors = [401, 403, 403, 409, 409, 403, 403, 409] as const;

function ledgerRows(ledger: string): Record<string, Row> {
  return {
    'GET /ledgers': { expect: readers, request: () => ({ query: MONTH }) },
    'GET /ledgers/{ledger}': { expect: readers, request: () => ({ params: { ledger }, query: MONTH }) },
    'GET /ledgers/{ledger}/export': {
      expect: readers,
      request: () => ({ params: { ledger }, query: { ...MONTH, format: 'csv' } }),
    },
    'POST /ledgers/close': {
      expect: supervisors,
      request: () => ({ body: MONTH }),
      fresh: () => ({ body: { unit: YULIN_STREET, month: freshMonth() } }),
    },
    'POST /ledgers/corrections': {
      expect: correctors,
      request: () => ({
        body: {
          ...MONTH,
          month: '2000-01',
          ledger,
          rowNo: 1,
          field: 'name',
          newValue: '更正',
          reason: '登记有误',
        },
      }),
    },
  };
}

export const PEOPLE_LEDGER_ROWS: Record<string, Row> = {
  ...ledgerRows('registered-unemployed'),
  'POST /ledgers/imports': {
    expect: supervisors,
    request: () => ({
      body: {
        kind: 'insured',
        unit: YULIN_STREET,
        source: '武侯区社保局 参保名单',
        asOf: '2026-06-30',
        csv: `姓名,身份证号,社区代码,参保日期,险种\n张一,${idNumber('19800101', 21)},${YULIN_COMMUNITY},2015-03-01,城镇职工基本养老保险\n`,
      },
    }),
  },
};

export const JOBS_LEDGER_ROWS: Record<string, Row> = ledgerRows('vacancies');
