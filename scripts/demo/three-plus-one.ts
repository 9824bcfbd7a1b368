/**
 * "3+1" progress (docs/three-plus-one.md): only recommendations the person confirmed count. The case workflow
 * writes a `job-referral` service record for each proposal and the training feature a `training-referral` for
 * each referral, both waiting for the person's confirmation. Some demo persons came to the station and signed
 * theirs (`POST /persons/{id}/service-records/{recordId}/confirmation`, method `station` with the witness), so
 * the 3+1 worklist shows confirmed and pending counts side by side. A confirmed record is never confirmed again.
 */
import { ApiError, Session } from './http-client';
import { PersonIds } from './people';
import { Tally } from './tally';

/** Persons who signed their recommendations at the station (the others' stay pending). */
const SIGNED_AT_STATION = ['wh-02', 'wh-09', 'wh-11', 'wh-13', 'wh-14', 'hh-01', 'hh-02'];
const COUNTED_KINDS = ['job-referral', 'training-referral'];
/** The staff member who witnessed the signatures (fictional; kept masked). */
const WITNESS = '周晓红';

interface ServiceRecordView {
  id: string;
  kind: string;
  confirmation: unknown;
}

export async function ensureThreePlusOneConfirmations(
  operator: Session,
  personIds: PersonIds,
  tally: Tally,
): Promise<void> {
  for (const ref of SIGNED_AT_STATION) {
    const personId = personIds.get(ref);
    if (!personId) continue;
    const records = await operator.people.all<ServiceRecordView>(`/persons/${personId}/service-records`);
    for (const record of records.filter((candidate) => COUNTED_KINDS.includes(candidate.kind))) {
      if (record.confirmation) {
        tally.existing('3+1 records confirmed');
        continue;
      }
      try {
        await operator.people.post(`/persons/${personId}/service-records/${record.id}/confirmation`, {
          method: 'station',
          witnessName: WITNESS,
        });
        tally.created('3+1 records confirmed');
      } catch (error) {
        // Confirmed meanwhile (a concurrent run): the state we want.
        if (!(error instanceof ApiError && error.status === 409)) throw error;
        tally.existing('3+1 records confirmed');
      }
    }
  }
}
