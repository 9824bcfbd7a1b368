import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { caseEventDataSchema, CaseEventTypes, EventEnvelope, Topics } from '@platform/contracts';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { BOARD_CONFIG, BoardConfig } from './board-config';

/** The channel the projector notifies on each applied change: `{caseId, cycle, seq}` only. */
export const BOARD_CHANNEL = 'case_board';

/**
 * Keeps `case_board` from `hotline.case.v1`: each event carries the case's full snapshot, so the projection
 * is an upsert guarded by `seq` (an older or repeated event changes nothing) inside the inbox transaction,
 * which also notifies `case_board` listeners on commit.
 */
@Injectable()
export class CaseBoardProjector extends ProjectionConsumer {
  /** The hotline's schema, as its DataSource names it. */
  private readonly schema: string;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(BOARD_CONFIG) config: BoardConfig,
  ) {
    const schema = String((dataSource.options as { schema?: string }).schema);
    super({
      kafka,
      dataSource,
      schema,
      projection: 'case-board',
      topic: Topics.hotlineCase,
      // Every case event lands here: one commit per fetch, not per event (it writes only to this database).
      batched: true,
      nodeEnv: config.NODE_ENV,
    });
    this.schema = schema;
  }

  /** Applies one case event; true when the row changed (the event was newer than the row). */
  async apply(event: EventEnvelope, manager: EntityManager): Promise<boolean> {
    const parsed = caseEventDataSchema.safeParse(event.data);
    if (!parsed.success) {
      // Retrying cannot fix it and blocking the partition would stop the board: skip, loudly.
      this.logger.error(
        { eventId: event.id, type: event.type, problems: parsed.error.issues.map((i) => i.path.join('.')) },
        'case event without a valid snapshot skipped',
      );
      return false;
    }
    const s = parsed.data.snapshot;
    const t = (name: string) => `"${this.schema}".${name}`;
    // Only cases this hotline opened: another deployment (or a test run) sharing the broker is not ours.
    const [own] = await manager.query(`SELECT 1 FROM ${t('cases')} WHERE id = $1`, [s.caseId]);
    if (!own) return false;
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${t('case_board')} AS b (
         case_id, cycle, last_seq, state, owner, person_id, district_code, street_code, community_code,
         org_path, categories, opened_at, sla_started_at, deadline, due_date, provisional, breached,
         promise_waived, placed_at, late_placement, escalation_kind, callback_due_at, callback_done_at,
         satisfaction, next_follow_up_at, reason, last_event_type, promise, referral_proposed_at,
         referral_answered_at, person_declined_at, escalation_failed_at, registration_failed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
         coalesce(
           (SELECT path FROM ${t('org_units')} WHERE code = $9),
           (SELECT path FROM ${t('org_units')} WHERE code = $8),
           (SELECT path FROM ${t('org_units')} WHERE code = $7),
           $7 || '/' || $8 || '/' || $9),
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27,
         $28, $29, $30, $31, $32, now())
       ON CONFLICT (case_id, cycle) DO UPDATE SET
         last_seq = EXCLUDED.last_seq, state = EXCLUDED.state, owner = EXCLUDED.owner,
         person_id = EXCLUDED.person_id, district_code = EXCLUDED.district_code,
         street_code = EXCLUDED.street_code, community_code = EXCLUDED.community_code,
         org_path = EXCLUDED.org_path, categories = EXCLUDED.categories, opened_at = EXCLUDED.opened_at,
         sla_started_at = EXCLUDED.sla_started_at, deadline = EXCLUDED.deadline, due_date = EXCLUDED.due_date,
         provisional = EXCLUDED.provisional, breached = EXCLUDED.breached,
         promise_waived = EXCLUDED.promise_waived, placed_at = EXCLUDED.placed_at,
         late_placement = EXCLUDED.late_placement, escalation_kind = EXCLUDED.escalation_kind,
         callback_due_at = EXCLUDED.callback_due_at, callback_done_at = EXCLUDED.callback_done_at,
         satisfaction = EXCLUDED.satisfaction, next_follow_up_at = EXCLUDED.next_follow_up_at,
         reason = EXCLUDED.reason, last_event_type = EXCLUDED.last_event_type, promise = EXCLUDED.promise,
         referral_proposed_at = coalesce(EXCLUDED.referral_proposed_at, b.referral_proposed_at),
         referral_answered_at = coalesce(EXCLUDED.referral_answered_at, b.referral_answered_at),
         person_declined_at = coalesce(EXCLUDED.person_declined_at, b.person_declined_at),
         escalation_failed_at = coalesce(EXCLUDED.escalation_failed_at, b.escalation_failed_at),
         registration_failed_at = CASE WHEN EXCLUDED.last_event_type = '${CaseEventTypes.registered}' THEN NULL
           ELSE coalesce(EXCLUDED.registration_failed_at, b.registration_failed_at) END,
         updated_at = now()
       WHERE b.last_seq < EXCLUDED.last_seq
       RETURNING case_id`,
      [
        s.caseId,
        s.cycle,
        s.seq,
        s.state,
        s.owner,
        s.personId,
        s.districtCode,
        s.streetCode,
        s.communityCode,
        [], // events no longer carry the categories (see the snapshot's schema); older rows are cleared
        s.openedAt,
        s.slaStartedAt,
        s.deadline,
        s.dueDate,
        s.provisional,
        s.breached,
        s.promiseWaived,
        s.placedAt,
        s.latePlacement,
        s.escalationKind,
        s.callbackDueAt,
        s.callbackDoneAt,
        s.satisfaction,
        s.nextFollowUpAt,
        s.reason,
        event.type,
        s.promise ?? null,
        ...riskFactsOf(event),
      ],
    );
    if (!rows.length) return false;
    // Delivered to listeners only when the transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [
      BOARD_CHANNEL,
      JSON.stringify({ caseId: s.caseId, cycle: s.cycle, seq: s.seq }),
    ]);
    return true;
  }
}

/**
 * The event's time in the columns the board's at-risk reasons read (null where the event says nothing about
 * them; the upsert keeps what earlier events set): referral proposed, referral news from jobs (an employer's
 * answer, an expiry), the person declined, an escalation failed, registration failed (a later `registered`
 * clears it). The person's decline is told by the event's detail (`person declined …`, `<referral> person_declined`).
 */
export function riskFactsOf(
  event: Pick<EventEnvelope, 'type' | 'occurredAt' | 'data'>,
): [string | null, string | null, string | null, string | null, string | null] {
  const at = event.occurredAt;
  const detail = (event.data as { detail?: unknown }).detail;
  const text = typeof detail === 'string' ? detail : '';
  const declined =
    (event.type === CaseEventTypes.personAnswered && text.startsWith('person declined')) ||
    (event.type === CaseEventTypes.referralChanged && text.endsWith(' person_declined'));
  return [
    event.type === CaseEventTypes.referralProposed ? at : null,
    event.type === CaseEventTypes.referralChanged ? at : null,
    declined ? at : null,
    event.type === CaseEventTypes.escalationFailed ? at : null,
    event.type === CaseEventTypes.registrationFailed ? at : null,
  ];
}
