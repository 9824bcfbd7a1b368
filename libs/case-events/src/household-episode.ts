import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { orgPathOfCode } from '@platform/auth';
import {
  HouseholdEventTypes,
  Topics,
  type HouseholdActivities,
  type HouseholdEpisodeChanged,
  type HouseholdEpisodeView,
} from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { asActivity } from '@platform/temporal-kit';
import { eventIdOf } from './case-event-id';

/**
 * The `recordHouseholdEpisode` step: the episode's row in the hotline's `household_episodes` (board and KPIs)
 * and a summary event on `hotline.household-episode.v1`, in one transaction. The row changes only for a newer
 * `seq` and the event id comes from (episodeId, seq), so a retried step changes nothing twice.
 */
export async function recordHouseholdEpisode(
  dataSource: DataSource,
  input: { seq: number; view: HouseholdEpisodeView },
): Promise<void> {
  const { seq, view } = input;
  if (!Number.isInteger(seq) || seq < 1 || typeof view?.episodeId !== 'string') {
    throw ApplicationFailure.create({
      message: 'Invalid household episode record / 家庭援助记录有误',
      type: 'Problem400',
      nonRetryable: true,
    });
  }
  const schema = String((dataSource.options as { schema?: string }).schema);
  const t = (name: string) => `"${schema}".${name}`;
  const followUpsDone = view.followUps.filter((f) => f.doneAt).length;
  const nextFollowUp = view.followUps.find((f) => !f.doneAt);
  const stable =
    view.followUps.length > 0 && followUpsDone === view.followUps.length
      ? view.followUps.every((f) => f.stillEmployed)
      : null;
  await asActivity(() =>
    dataSource.transaction(async (manager) => {
      const changed: unknown[] = await manager.query(
        `INSERT INTO ${t('household_episodes')} AS e (episode_id, household_id, episode, seq, status, basis, org_path,
           district_code, street_code, community_code, found_at, due_date, due_at, warn_at, warned, breached, met_at,
           double_requested_at, double_due_at, double_met_at, double_breached, resolution, resolved_at,
           employed_members, helper, community_staff, street_staff, reopen_count, follow_ups_done, follow_ups_total,
           next_follow_up_at, stable, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
           $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, now())
         ON CONFLICT (episode_id) DO UPDATE SET seq = EXCLUDED.seq, status = EXCLUDED.status,
           found_at = EXCLUDED.found_at, due_date = EXCLUDED.due_date, due_at = EXCLUDED.due_at,
           warn_at = EXCLUDED.warn_at, warned = EXCLUDED.warned, breached = EXCLUDED.breached,
           met_at = EXCLUDED.met_at, double_requested_at = EXCLUDED.double_requested_at,
           double_due_at = EXCLUDED.double_due_at, double_met_at = EXCLUDED.double_met_at,
           double_breached = EXCLUDED.double_breached, resolution = EXCLUDED.resolution,
           resolved_at = EXCLUDED.resolved_at, employed_members = EXCLUDED.employed_members,
           helper = EXCLUDED.helper, community_staff = EXCLUDED.community_staff,
           street_staff = EXCLUDED.street_staff, reopen_count = EXCLUDED.reopen_count,
           follow_ups_done = EXCLUDED.follow_ups_done, follow_ups_total = EXCLUDED.follow_ups_total,
           next_follow_up_at = EXCLUDED.next_follow_up_at, stable = EXCLUDED.stable, updated_at = now()
         WHERE e.seq < EXCLUDED.seq
         RETURNING 1`,
        [
          view.episodeId,
          view.householdId,
          view.episode,
          seq,
          view.status,
          view.basis,
          orgPathOfCode(view.communityCode),
          view.districtCode,
          view.streetCode,
          view.communityCode,
          view.foundAt,
          view.clock.dueDate,
          view.clock.dueAt,
          view.clock.warnAt,
          view.clock.warned,
          view.clock.breached,
          view.clock.metAt,
          view.doubleEmployment?.requestedAt ?? null,
          view.doubleEmployment?.dueAt ?? null,
          view.doubleEmployment?.metAt ?? null,
          view.doubleEmployment?.breached ?? false,
          view.resolution,
          view.resolvedAt,
          view.employedMembers.length,
          view.staff.helper ?? null,
          view.staff.community ?? null,
          view.staff.street ?? null,
          view.reopenCount,
          followUpsDone,
          view.followUps.length,
          nextFollowUp?.dueAt ?? null,
          stable,
        ],
      );
      if (changed.length === 0) return; // an older or repeated record
      for (const link of view.memberCases) {
        await manager.query(
          `INSERT INTO ${t('household_episode_members')} (episode_id, person_id, case_id) VALUES ($1, $2, $3)
           ON CONFLICT (episode_id, person_id) DO UPDATE SET case_id = EXCLUDED.case_id`,
          [view.episodeId, link.personId, link.caseId],
        );
      }
      const data: HouseholdEpisodeChanged = {
        episodeId: view.episodeId,
        householdId: view.householdId,
        episode: view.episode,
        seq,
        status: view.status,
        districtCode: view.districtCode,
        streetCode: view.streetCode,
        communityCode: view.communityCode,
        foundAt: view.foundAt,
        dueDate: view.clock.dueDate,
        dueAt: view.clock.dueAt,
        breached: view.clock.breached,
        resolution: view.resolution,
        resolvedAt: view.resolvedAt,
      };
      await enqueueEvent(manager, schema, Topics.hotlineHouseholdEpisode, {
        id: eventIdOf('hotline.household-episode', view.episodeId, seq),
        type: HouseholdEventTypes.changed,
        source: 'hotline',
        subject: view.householdId,
        correlationId: view.episodeId,
        data,
      });
    }),
  );
}

/** The household workflow's local activities, as every worker of the hotline queue registers them. */
export function householdLocalActivities(dataSource: DataSource): HouseholdActivities {
  return { recordHouseholdEpisode: (input) => recordHouseholdEpisode(dataSource, input) };
}
