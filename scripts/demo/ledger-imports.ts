/**
 * The six ledgers (docs/ledgers.md) are built live from the services' data; only the insured-persons and
 * retirees lists come from outside, as CSV from the social-insurance office. 武侯区's supervisor imports a small
 * fictional list of each (`POST /ledgers/imports`): the insured list names four demo persons placed through
 * their cases (so the ledger links them to this platform) and four residents the platform does not know; the
 * retirees list three residents. A list is imported only when this month's ledger shows no row of its source.
 */
import { ORG } from './accounts';
import { Session } from './http-client';
import { idNumber, period, shanghaiDay } from './identifiers';
import { idNumberOf, personByRef } from './people';
import { Tally } from './tally';

const { yulinNorth, yulinEast } = ORG.communities;
const INSURED_SOURCE = '武侯区社保局参保人员名单（演示）';
const RETIRED_SOURCE = '武侯区社保局退休人员名单（演示）';

/** Residents the platform does not know (fictional; ID sequences above the demo persons' 100–160). */
const OTHER_INSURED = [
  { name: '冯志刚', birthDate: '1985-04-12', sequence: 611, community: yulinNorth, since: '2019-07-01' },
  { name: '蔡晓琳', birthDate: '1993-10-03', sequence: 622, community: yulinEast, since: '2021-03-01' },
  { name: '邹建平', birthDate: '1978-01-27', sequence: 633, community: yulinEast, since: '2015-09-01' },
  { name: '潘丽娟', birthDate: '1989-06-16', sequence: 644, community: yulinNorth, since: '2023-11-01' },
];
const RETIREES = [
  { name: '钟国华', birthDate: '1962-02-09', sequence: 655, community: yulinNorth, since: '2022-02-28' },
  { name: '贺秀英', birthDate: '1970-08-21', sequence: 666, community: yulinEast, since: '2020-08-31' },
  { name: '汪德福', birthDate: '1963-11-30', sequence: 677, community: yulinEast, since: '2023-11-30' },
];
/** Demo persons in work through their cases (case-scenarios.ts), insured by their new employer. */
const INSURED_DEMO_PERSONS = ['wh-06', 'wh-07', 'wh-15', 'wh-16'];
const INSURANCE = '城镇职工基本养老保险';

export async function ensureLedgerImports(supervisor: Session, tally: Tally): Promise<void> {
  const today = shanghaiDay();
  const month = period(today);
  const unit = ORG.wuhou.district;
  const insured = [
    ...INSURED_DEMO_PERSONS.map((ref) => {
      const person = personByRef(ref);
      return [person.name, idNumberOf(person), person.communityCode, today, INSURANCE];
    }),
    ...OTHER_INSURED.map((p) => [p.name, otherId(p), p.community, p.since, INSURANCE]),
  ];
  const retired = RETIREES.map((p) => [p.name, otherId(p), p.community, p.since, '']);
  const lists = [
    { kind: 'insured', ledger: 'insured', source: INSURED_SOURCE, header: '参保日期', rows: insured },
    { kind: 'retired', ledger: 'retirees', source: RETIRED_SOURCE, header: '退休日期', rows: retired },
  ] as const;
  for (const list of lists) {
    const rows = await supervisor.people.all<{ source?: string | null }>(`/ledgers/${list.ledger}`, {
      unit,
      month,
    });
    if (rows.some((row) => String(row.source ?? '').endsWith(list.source))) {
      tally.existing('ledger imports');
      continue;
    }
    const csv = [['姓名', '身份证号', '社区代码', list.header, '险种'], ...list.rows.map((row) => [...row])]
      .map((cells) => cells.join(','))
      .join('\n');
    await supervisor.people.post('/ledgers/imports', {
      kind: list.kind,
      unit,
      source: list.source,
      asOf: today,
      csv,
    });
    tally.created('ledger imports');
  }
}

function otherId(p: { birthDate: string; sequence: number }): string {
  return idNumber(ORG.wuhou.district, p.birthDate, p.sequence);
}
