import { randomUUID } from 'node:crypto';
import type { CaseSnapshot } from '@platform/contracts';

/** A valid case snapshot (a Wuhou case taken on 2025-09-30) for specs to vary. */
export function snapshotOf(caseId: string, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    caseId,
    cycle: 1,
    seq: 1,
    state: 'matching',
    owner: 'operator.wuhou',
    personId: randomUUID(),
    districtCode: '510107',
    streetCode: '510107003',
    communityCode: '510107003001',
    openedAt: '2025-09-30T10:00:00+08:00',
    slaStartedAt: '2025-09-30T10:00:00+08:00',
    deadline: '2025-10-11T00:00:00+08:00',
    dueDate: '2025-10-10',
    provisional: false,
    breached: false,
    promiseWaived: false,
    placedAt: null,
    latePlacement: false,
    escalationKind: null,
    callbackDueAt: null,
    callbackDoneAt: null,
    satisfaction: null,
    nextFollowUpAt: null,
    reason: null,
    ...overrides,
  };
}
