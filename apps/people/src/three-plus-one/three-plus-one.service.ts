import { Injectable } from '@nestjs/common';
import { formatDay, shanghaiDateOf, tryParseDay } from '@platform/calendar';
import { orgPathOfCode } from '@platform/auth';
import { Clock, FieldError } from '@platform/nest-kit';
import { Actor, actorCovers, scopeOf } from '../people-actor';
import { fieldError, invalid, notFound } from '../problems';
import {
  PersonThreePlusOneDto,
  ThreePlusOneKpiQuery,
  ThreePlusOneKpisDto,
  WorklistPageDto,
  WorklistQuery,
} from './three-plus-one.dto';
import { ThreePlusOneRepository } from './three-plus-one.repository';
import { THREE_PLUS_ONE, threePlusOneProgress } from './three-plus-one-year';

/**
 * The 3+1 worklist and its figures: who of the caller's area still needs job recommendations or a training
 * within their year, and how many were served within it (the rule: three-plus-one-year.ts).
 */
@Injectable()
export class ThreePlusOneService {
  constructor(
    private readonly repository: ThreePlusOneRepository,
    private readonly clock: Clock,
  ) {}

  async worklist(actor: Actor, query: WorklistQuery): Promise<WorklistPageDto> {
    const errors: FieldError[] = [];
    const community = query.communityCode ? orgPathOfCode(query.communityCode) : undefined;
    const street = query.streetCode ? orgPathOfCode(query.streetCode) : undefined;
    const district = query.districtCode ? orgPathOfCode(query.districtCode) : undefined;
    if (community && !actorCovers(actor, community)) errors.push(outsideScope('communityCode'));
    if (street && !actorCovers(actor, street)) errors.push(outsideScope('streetCode'));
    if (district && !actorCovers(actor, district)) errors.push(outsideScope('districtCode'));
    if (community && street && !community.startsWith(`${street}/`)) {
      errors.push(fieldError('communityCode', 'inStreet', '不属于所选街道', 'is not in the chosen street'));
    }
    if (street && district && !street.startsWith(`${district}/`)) {
      errors.push(fieldError('streetCode', 'inDistrict', '不属于所选区县', 'is not in the chosen district'));
    }
    if (errors.length) throw invalid(errors);
    const now = this.clock.now();
    const today = shanghaiDateOf(now);
    const { rows, total } = await this.repository.worklist(
      scopeOf(actor),
      today,
      {
        unitPath: community ?? street ?? district,
        missing: query.missing,
        includeEnded: query.includeEnded === 'true',
      },
      query.limit,
      query.offset,
    );
    return {
      items: rows.map((row) => {
        const progress = threePlusOneProgress(
          { startsOn: row.starts_on, endsOn: row.ends_on },
          {
            jobsConfirmed: row.jobs_confirmed,
            jobsPending: row.jobs_pending,
            trainingsConfirmed: row.trainings_confirmed,
            trainingsPending: row.trainings_pending,
          },
          now,
        );
        return {
          personId: row.id,
          name: row.name,
          phoneMasked: row.phone_masked,
          communityCode: row.community_code,
          registeredOn: progress.startsOn,
          yearEndsOn: progress.endsOn,
          jobs: {
            confirmed: progress.jobsConfirmed,
            pending: progress.jobsPending,
            target: THREE_PLUS_ONE.jobs,
          },
          training: {
            confirmed: progress.trainingsConfirmed,
            pending: progress.trainingsPending,
            target: THREE_PLUS_ONE.trainings,
          },
          daysLeft: progress.daysLeft,
          status: progress.status,
          missing: progress.missing,
          categories: row.categories.map((c) => ({ code: c.code, name: { zh: c.zh, en: c.en } })),
        };
      }),
      total,
      limit: query.limit,
      offset: query.offset,
      today,
    };
  }

  /** One person's year, whatever their status now (a placed person's year still shows what they were given). */
  async ofPerson(actor: Actor, personId: string): Promise<PersonThreePlusOneDto> {
    const row = await this.repository.ofPerson(personId, scopeOf(actor));
    if (!row) throw notFound('person', personId);
    const progress = threePlusOneProgress(
      { startsOn: row.starts_on, endsOn: row.ends_on },
      {
        jobsConfirmed: row.jobs_confirmed,
        jobsPending: row.jobs_pending,
        trainingsConfirmed: row.trainings_confirmed,
        trainingsPending: row.trainings_pending,
      },
      this.clock.now(),
    );
    return {
      personId,
      startsOn: progress.startsOn,
      endsOn: progress.endsOn,
      daysLeft: progress.daysLeft,
      status: progress.status,
      jobReferrals: progress.jobsConfirmed,
      trainingReferrals: progress.trainingsConfirmed,
      unconfirmedJobReferrals: progress.jobsPending,
      unconfirmedTrainingReferrals: progress.trainingsPending,
      complete: progress.served,
    };
  }

  async kpis(actor: Actor, query: ThreePlusOneKpiQuery): Promise<ThreePlusOneKpisDto> {
    const today = shanghaiDateOf(this.clock.now());
    const to = query.to ?? today;
    const from = query.from ?? `${to.slice(0, 8)}01`;
    const errors: FieldError[] = [];
    const fromDay = tryParseDay(from);
    const toDay = tryParseDay(to);
    if (fromDay === undefined) errors.push(notADay('from'));
    if (toDay === undefined) errors.push(notADay('to'));
    if (fromDay !== undefined && toDay !== undefined && fromDay > toDay) {
      errors.push(fieldError('from', 'notAfterTo', '不能晚于结束日期', 'must not be after `to`'));
    }
    const unitPath = query.unit ? orgPathOfCode(query.unit) : null;
    if (unitPath && !actorCovers(actor, unitPath)) errors.push(outsideScope('unit'));
    if (errors.length) throw invalid(errors);
    const k = await this.repository.kpis(
      scopeOf(actor),
      unitPath,
      formatDay(fromDay!),
      formatDay(toDay!),
      today,
    );
    return {
      unit: query.unit ?? null,
      from,
      to,
      yearEnded: k.year_ended,
      servedInYear: k.served_in_year,
      servedRate: k.year_ended === 0 ? null : Math.round((k.served_in_year / k.year_ended) * 1000) / 10,
      running: k.running,
      runningServed: k.running_served,
      onTrack: k.running - k.at_risk,
      atRisk: k.at_risk,
    };
  }
}

const outsideScope = (field: string) =>
  fieldError(field, 'withinScope', '不在您的管辖范围内', 'is outside your part of the org tree');

const notADay = (field: string) =>
  fieldError(field, 'calendarDay', '不是有效的日期', 'is not a real calendar date');
