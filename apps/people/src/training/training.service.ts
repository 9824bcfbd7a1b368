import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { orgPathOfCode } from '@platform/auth';
import { MS_PER_DAY, shanghaiDateOf, startOfShanghaiDay, tryParseDay } from '@platform/calendar';
import { Clock, FieldError, Page, ProblemException } from '@platform/nest-kit';
import { Actor, actorCovers, Scope, scopeOf } from '../people-actor';
import { fieldError, invalid, notFound } from '../problems';
import { ServiceRecordsService } from '../service-records/service-records.service';
import { TrainingKpis, trainingKpis } from './training-kpis';
import {
  AttendanceDto,
  CompletionDto,
  CourseLevel,
  CreateCourseDto,
  CreateProviderDto,
  DropDto,
  EnrolmentStatus,
  KpiQuery,
  UpdateCourseDto,
  UpdateProviderDto,
} from './training.dto';
import { CourseRow, EnrolmentRow, KpiRow, ProviderRow, TrainingRepository } from './training.repository';

export interface ProviderView {
  id: string;
  name: string;
  unitCode: string;
  courses: number;
  createdBy: string;
  createdAt: string;
}

export interface CourseView {
  id: string;
  provider: { id: string; name: string };
  title: string;
  occupation: string;
  level: CourseLevel;
  startsOn: string;
  endsOn: string;
  capacity: number;
  freeForHardship: boolean;
  /** The unit that runs the course (the console shows its name). */
  unitCode: string;
  placesTaken: number;
  placesLeft: number;
  waitingReferrals: number;
}

export interface EnrolmentView {
  id: string;
  courseId: string;
  personId: string;
  personName: string;
  phoneMasked: string;
  status: EnrolmentStatus;
  /** Free of charge: the course is free for hardship groups and the person is in a hardship category. */
  freePlace: boolean;
  referredAt: string;
  enrolledAt: string | null;
  completedAt: string | null;
  passed: boolean | null;
  certificateNo: string | null;
  droppedAt: string | null;
  dropReason: string | null;
  /** The `training-referral` service record written with the referral, and whether the person confirmed it. */
  serviceRecordId: string | null;
  referralConfirmed: boolean;
  attendance: { daysPresent: number; daysAbsent: number };
}

export interface KpiGroup {
  providerId?: string;
  providerName?: string;
  unitCode?: string;
  courseId?: string;
  courseTitle?: string;
  kpis: TrainingKpis;
}

export interface TrainingKpiReport {
  from: string;
  to: string;
  asOf: string;
  total: TrainingKpis;
  byProvider: KpiGroup[];
  byUnit: KpiGroup[];
  byCourse: KpiGroup[];
}

const STATUS_WORDS: Record<EnrolmentStatus, string> = {
  referred: '已推荐 / referred',
  enrolled: '已入学 / enrolled',
  completed: '已结业 / completed',
  dropped: '已退出 / dropped',
};

function conflict(rule: string, zh: string, en: string, field = 'status'): ProblemException {
  return new ProblemException(HttpStatus.CONFLICT, `${en} / ${zh}`, [{ field, rule, message: { zh, en } }]);
}

/** An impossible step for the enrolment's status: 409 naming the status it is in. */
function wrongStep(status: EnrolmentStatus, step: string, zh: string): ProblemException {
  return conflict(
    'statusTransition',
    `当前状态为“${STATUS_WORDS[status].split(' / ')[0]}”，不能${zh}`,
    `the enrolment is ${STATUS_WORDS[status].split(' / ')[1]}: it cannot be ${step}`,
  );
}

function unitCodeOf(orgPath: string): string {
  return orgPath.split('/').pop()!;
}

/**
 * Skills training (职业技能培训) in the people service: providers and courses run by a unit of the org tree,
 * referral of a registered person (an enrolment and the person's `training-referral` service record, in one
 * transaction), enrolment, attendance, completion with pass and certificate, drop; KPIs against the 90 %
 * targets, employment after training from `employment_events`. Every write is audited (`training_audit`).
 */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TrainingRepository,
    private readonly serviceRecords: ServiceRecordsService,
    private readonly clock: Clock,
  ) {}

  private auditActor(actor: Actor) {
    return { userId: actor.userId, username: actor.username, roles: actor.roles };
  }

  /** The unit named in a body must be the caller's own or inside it (400 naming the field otherwise). */
  private unitPath(unitCode: string, actor: Actor): string {
    const path = orgPathOfCode(unitCode);
    if (!actorCovers(actor, path)) {
      throw invalid([
        fieldError('unitCode', 'withinScope', '不在您的管辖范围内', 'is outside your part of the org tree'),
      ]);
    }
    return path;
  }

  // Providers

  async createProvider(dto: CreateProviderDto, actor: Actor): Promise<ProviderView> {
    const orgPath = this.unitPath(dto.unitCode, actor);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insertProvider(manager, {
        name: dto.name,
        orgPath,
        createdBy: actor.userId,
        at: now,
      });
      await this.repository.audit(manager, {
        action: 'provider-created',
        providerId: created,
        actor: this.auditActor(actor),
        detail: { name: dto.name, unitCode: dto.unitCode },
        at: now,
      });
      return created;
    });
    return this.getProvider(id, actor);
  }

  async getProvider(id: string, actor: Actor): Promise<ProviderView> {
    const row = await this.repository.findProvider(id, scopeOf(actor));
    if (!row) throw notFound('training provider', id);
    return providerView(row);
  }

  async listProviders(actor: Actor, limit: number, offset: number): Promise<Page<ProviderView>> {
    const { rows, total } = await this.repository.listProviders(scopeOf(actor), limit, offset);
    return { items: rows.map(providerView), total, limit, offset };
  }

  async updateProvider(id: string, dto: UpdateProviderDto, actor: Actor): Promise<ProviderView> {
    const scope = scopeOf(actor);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const current = await this.repository.findProvider(id, scope, manager);
      if (!current) throw notFound('training provider', id);
      if (dto.name === undefined) return;
      if (!(await this.repository.updateProvider(manager, id, dto.name, scope, now)))
        throw notYours('provider');
      await this.repository.audit(manager, {
        action: 'provider-updated',
        providerId: id,
        actor: this.auditActor(actor),
        detail: { name: { from: current.name, to: dto.name } },
        at: now,
      });
    });
    return this.getProvider(id, actor);
  }

  // Courses

  async createCourse(dto: CreateCourseDto, actor: Actor): Promise<CourseView> {
    const errors = datesErrors(dto.startsOn, dto.endsOn);
    if (errors.length) throw invalid(errors);
    const orgPath = this.unitPath(dto.unitCode, actor);
    const scope = scopeOf(actor);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.providerVisible(manager, dto.providerId, scope))) {
        throw invalid([
          fieldError(
            'providerId',
            'exists',
            '培训机构不存在或不可见',
            'names no training provider you can see',
          ),
        ]);
      }
      const created = await this.repository.insertCourse(manager, {
        ...dto,
        orgPath,
        createdBy: actor.userId,
        at: now,
      });
      await this.repository.audit(manager, {
        action: 'course-created',
        providerId: dto.providerId,
        courseId: created,
        actor: this.auditActor(actor),
        detail: { ...dto },
        at: now,
      });
      return created;
    });
    return this.getCourse(id, actor);
  }

  async getCourse(id: string, actor: Actor): Promise<CourseView> {
    const row = await this.repository.findCourse(id, scopeOf(actor));
    if (!row) throw notFound('training course', id);
    return courseView(row);
  }

  /** The course, its enrolments in the caller's area and its KPIs over all its enrolments there. */
  async courseKpis(id: string, actor: Actor): Promise<TrainingKpis> {
    await this.getCourse(id, actor);
    const rows = await this.repository.kpis(scopeOf(actor), { courseId: id }, this.clock.now());
    return kpisOf(rows.find((row) => row.grouping === 'total')!);
  }

  async listCourses(
    actor: Actor,
    providerId: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<CourseView>> {
    const { rows, total } = await this.repository.listCourses(scopeOf(actor), providerId, limit, offset);
    return { items: rows.map(courseView), total, limit, offset };
  }

  async updateCourse(id: string, dto: UpdateCourseDto, actor: Actor): Promise<CourseView> {
    const scope = scopeOf(actor);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockCourse(manager, id, scope))) throw notFound('training course', id);
      if (!(await this.repository.courseEditable(manager, id, scope))) throw notYours('course');
      const current = (await this.repository.findCourse(id, scope, manager))!;
      const next = {
        title: dto.title ?? current.title,
        occupation: dto.occupation ?? current.occupation,
        level: dto.level ?? current.level,
        startsOn: dto.startsOn ?? current.starts_on,
        endsOn: dto.endsOn ?? current.ends_on,
        capacity: dto.capacity ?? current.capacity,
        freeForHardship: dto.freeForHardship ?? current.free_for_hardship,
      };
      const errors = datesErrors(next.startsOn, next.endsOn);
      if (next.capacity < current.taken) {
        errors.push(
          fieldError(
            'capacity',
            'notBelowTaken',
            `不能少于已入学人数（${current.taken}）`,
            `must not be below the places already taken (${current.taken})`,
          ),
        );
      }
      if (errors.length) throw invalid(errors);
      await this.repository.updateCourse(manager, id, next, scope, now);
      await this.repository.audit(manager, {
        action: 'course-updated',
        providerId: current.provider_id,
        courseId: id,
        actor: this.auditActor(actor),
        detail: { ...dto },
        at: now,
      });
    });
    return this.getCourse(id, actor);
  }

  // Enrolments

  /**
   * Refers a registered person in the caller's area to a visible course: the enrolment (status referred) and
   * the person's `training-referral` service record (pending their confirmation, what "3+1" counts) are written
   * together. 409 when the person is already on the course or the course is full or over.
   */
  async refer(
    courseId: string,
    personId: string,
    actor: Actor,
    correlationId: string,
  ): Promise<EnrolmentView> {
    const scope = scopeOf(actor);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (manager) => {
      // The course row is the lock: referrals and enrolments of one course are decided one at a time.
      if (!(await this.repository.lockCourse(manager, courseId, scope))) {
        throw notFound('training course', courseId);
      }
      const course = (await this.repository.findCourse(courseId, scope, manager))!;
      const person = await this.repository.personForReferral(manager, personId, scope);
      if (!person) throw notFound('person', personId);
      if (await this.repository.enrolmentOf(manager, courseId, personId)) {
        throw conflict(
          'onePerCourse',
          '此人已被推荐到该课程，不能重复推荐',
          'this person has already been referred to this course',
          'personId',
        );
      }
      if (course.ends_on < shanghaiDateOf(now)) {
        throw conflict('courseOver', '该课程已结束', 'this course has ended', 'courseId');
      }
      if ((await this.repository.placesTaken(manager, courseId)) >= course.capacity) {
        throw full(course.capacity);
      }
      const serviceRecordId = await this.serviceRecords.recordUnconfirmedInTx(
        manager,
        personId,
        {
          kind: 'training-referral',
          channel: 'in-person',
          occurredAt: now.toISOString(),
          outcome: `推荐培训：${course.title}（${course.provider_name}）/ Referred to training: ${course.title}`,
          requestId: `training-referral:${courseId}:${personId}`,
        },
        actor,
        correlationId,
      );
      const enrolmentId = await this.repository.insertEnrolment(manager, {
        courseId,
        personId,
        freePlace: course.free_for_hardship && person.hardship,
        referredBy: actor.userId,
        serviceRecordId,
        at: now,
      });
      await this.repository.audit(manager, {
        action: 'referred',
        providerId: course.provider_id,
        courseId,
        enrolmentId,
        actor: this.auditActor(actor),
        detail: { serviceRecordId },
        at: now,
      });
      return enrolmentId;
    });
    return this.loadEnrolment(id, scope);
  }

  async enrol(id: string, actor: Actor): Promise<EnrolmentView> {
    return this.step(id, actor, 'enrolled', async (manager, enrolment, now) => {
      if (enrolment.status !== 'referred') throw wrongStep(enrolment.status, 'enrolled', '办理入学');
      const scope = scopeOf(actor);
      await this.repository.lockCourse(manager, enrolment.course_id, scope);
      const course = (await this.repository.findCourse(enrolment.course_id, scope, manager))!;
      if (course.taken >= course.capacity) throw full(course.capacity);
      await this.repository.setStatus(manager, id, { status: 'enrolled', at: now });
      return {};
    });
  }

  async markAttendance(id: string, dto: AttendanceDto, actor: Actor): Promise<EnrolmentView> {
    return this.step(id, actor, 'attendance', async (manager, enrolment, now) => {
      const errors: FieldError[] = [];
      if (tryParseDay(dto.on) === undefined) {
        errors.push(fieldError('on', 'date', '不是有效日期', 'is not a valid date'));
      } else if (dto.on < enrolment.starts_on || dto.on > enrolment.ends_on) {
        errors.push(
          fieldError(
            'on',
            'withinCourse',
            `须在课程日期内（${enrolment.starts_on} 至 ${enrolment.ends_on}）`,
            `must be a day of the course (${enrolment.starts_on} to ${enrolment.ends_on})`,
          ),
        );
      } else if (dto.on > shanghaiDateOf(now)) {
        errors.push(fieldError('on', 'notInFuture', '不能晚于今天', 'must not be after today'));
      }
      if (errors.length) throw invalid(errors);
      if (enrolment.status !== 'enrolled')
        throw wrongStep(enrolment.status, 'marked present or absent', '记录考勤');
      const { corrected } = await this.repository.markAttendance(manager, id, {
        on: dto.on,
        present: dto.present,
        recordedBy: actor.userId,
        at: now,
      });
      return { on: dto.on, present: dto.present, corrected };
    });
  }

  async complete(id: string, dto: CompletionDto, actor: Actor): Promise<EnrolmentView> {
    const certificateNo = dto.certificateNo ?? null;
    if (dto.passed && !certificateNo) {
      throw invalid([
        fieldError(
          'certificateNo',
          'requiredWhenPassed',
          '考核合格须填写证书编号',
          'is required when passed',
        ),
      ]);
    }
    if (!dto.passed && certificateNo) {
      throw invalid([
        fieldError(
          'certificateNo',
          'onlyWhenPassed',
          '考核未通过不能填写证书编号',
          'is only given when the person passed',
        ),
      ]);
    }
    return this.step(id, actor, 'completed', async (manager, enrolment, now) => {
      if (enrolment.status !== 'enrolled') throw wrongStep(enrolment.status, 'completed', '登记结业');
      await this.repository.setStatus(manager, id, {
        status: 'completed',
        at: now,
        passed: dto.passed,
        certificateNo,
      });
      return { passed: dto.passed, certificateNo };
    });
  }

  async drop(id: string, dto: DropDto, actor: Actor): Promise<EnrolmentView> {
    return this.step(id, actor, 'dropped', async (manager, enrolment, now) => {
      if (enrolment.status !== 'referred' && enrolment.status !== 'enrolled') {
        throw wrongStep(enrolment.status, 'dropped', '登记退出');
      }
      await this.repository.setStatus(manager, id, { status: 'dropped', at: now, reason: dto.reason });
      return { reason: dto.reason, from: enrolment.status };
    });
  }

  /** One change of an enrolment in scope: locked, checked and changed by `change`, audited, all in one go. */
  private async step(
    id: string,
    actor: Actor,
    action: string,
    change: (
      manager: EntityManager,
      enrolment: NonNullable<Awaited<ReturnType<TrainingRepository['lockEnrolment']>>>,
      now: Date,
    ) => Promise<Record<string, unknown>>,
  ): Promise<EnrolmentView> {
    const scope = scopeOf(actor);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const enrolment = await this.repository.lockEnrolment(manager, id, scope);
      if (!enrolment) throw notFound('training enrolment', id);
      const detail = await change(manager, enrolment, now);
      await this.repository.audit(manager, {
        action,
        courseId: enrolment.course_id,
        enrolmentId: id,
        actor: this.auditActor(actor),
        detail,
        at: now,
      });
    });
    return this.loadEnrolment(id, scope);
  }

  async getEnrolment(id: string, actor: Actor): Promise<EnrolmentView> {
    return this.loadEnrolment(id, scopeOf(actor));
  }

  async listEnrolments(courseId: string, actor: Actor, limit: number, offset: number) {
    const scope = scopeOf(actor);
    if (!(await this.repository.findCourse(courseId, scope))) throw notFound('training course', courseId);
    const { rows, total } = await this.repository.listEnrolments(courseId, scope, limit, offset);
    return { items: rows.map(enrolmentView), total, limit, offset };
  }

  private async loadEnrolment(id: string, scope: Scope): Promise<EnrolmentView> {
    const row = await this.repository.findEnrolment(id, scope);
    if (!row) throw notFound('training enrolment', id);
    return enrolmentView(row);
  }

  // KPIs

  /** KPIs of the referrals made in [from, to] (Shanghai days) in the caller's area, against the 90 % targets. */
  async kpis(query: KpiQuery, actor: Actor): Promise<TrainingKpiReport> {
    const errors: FieldError[] = [];
    const from = tryParseDay(query.from);
    const to = tryParseDay(query.to);
    if (from === undefined) errors.push(fieldError('from', 'date', '不是有效日期', 'is not a valid date'));
    if (to === undefined) errors.push(fieldError('to', 'date', '不是有效日期', 'is not a valid date'));
    if (from !== undefined && to !== undefined && to < from) {
      errors.push(fieldError('to', 'notBeforeFrom', '不能早于开始日期', 'must not be before from'));
    }
    if (from !== undefined && to !== undefined && to - from > 3660) {
      errors.push(
        fieldError('to', 'atMostTenYears', '期间不能超过十年', 'the period must not exceed ten years'),
      );
    }
    let unitPath: string | undefined;
    if (query.unitCode) {
      try {
        unitPath = this.unitPath(query.unitCode, actor);
      } catch (error) {
        if (error instanceof ProblemException) errors.push(...error.fieldErrors);
        else throw error;
      }
    }
    if (errors.length) throw invalid(errors);
    const now = this.clock.now();
    const rows = await this.repository.kpis(
      scopeOf(actor),
      {
        from: new Date(startOfShanghaiDay(from!)),
        to: new Date(startOfShanghaiDay(to!) + MS_PER_DAY),
        unitPath,
      },
      now,
    );
    const of = (grouping: KpiRow['grouping']) => rows.filter((row) => row.grouping === grouping);
    return {
      from: query.from,
      to: query.to,
      asOf: now.toISOString(),
      total: kpisOf(of('total')[0]),
      byProvider: of('provider').map((row) => ({
        providerId: row.provider_id!,
        providerName: row.provider_name!,
        kpis: kpisOf(row),
      })),
      byUnit: of('unit').map((row) => ({ unitCode: unitCodeOf(row.org_path!), kpis: kpisOf(row) })),
      byCourse: of('course').map((row) => ({
        courseId: row.course_id!,
        courseTitle: row.course_title!,
        kpis: kpisOf(row),
      })),
    };
  }
}

function full(capacity: number): ProblemException {
  return conflict(
    'capacity',
    `课程已满（${capacity} 个名额均已入学）`,
    `the course is full (all ${capacity} places are taken)`,
    'courseId',
  );
}

function notYours(what: 'course' | 'provider'): ProblemException {
  const zh = what === 'course' ? '课程' : '培训机构';
  return new ProblemException(
    HttpStatus.FORBIDDEN,
    `Only the unit that runs this ${what} (or a unit above it) may change it / 只有举办该${zh}的单位或其上级可以修改`,
  );
}

function datesErrors(startsOn: string, endsOn: string): FieldError[] {
  const errors: FieldError[] = [];
  const start = tryParseDay(startsOn);
  const end = tryParseDay(endsOn);
  if (start === undefined) errors.push(fieldError('startsOn', 'date', '不是有效日期', 'is not a valid date'));
  if (end === undefined) errors.push(fieldError('endsOn', 'date', '不是有效日期', 'is not a valid date'));
  if (start !== undefined && end !== undefined && end < start) {
    errors.push(fieldError('endsOn', 'notBeforeStart', '不能早于开课日期', 'must not be before startsOn'));
  }
  return errors;
}

function kpisOf(row: KpiRow): TrainingKpis {
  return trainingKpis({
    referred: row.referred,
    enrolled: row.enrolled,
    completed: row.completed,
    passed: row.passed,
    windowClosed: row.window_closed,
    employedAfter: row.employed_after,
    employedSoFarOpen: row.employed_so_far_open,
  });
}

function providerView(row: ProviderRow): ProviderView {
  return {
    id: row.id,
    name: row.name,
    unitCode: unitCodeOf(row.org_path),
    courses: row.courses,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

function courseView(row: CourseRow): CourseView {
  return {
    id: row.id,
    provider: { id: row.provider_id, name: row.provider_name },
    title: row.title,
    occupation: row.occupation,
    level: row.level,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    capacity: row.capacity,
    freeForHardship: row.free_for_hardship,
    unitCode: unitCodeOf(row.org_path),
    placesTaken: row.taken,
    placesLeft: Math.max(0, row.capacity - row.taken),
    waitingReferrals: row.waiting,
  };
}

function enrolmentView(row: EnrolmentRow): EnrolmentView {
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  return {
    id: row.id,
    courseId: row.course_id,
    personId: row.person_id,
    personName: row.person_name,
    phoneMasked: row.phone_masked,
    status: row.status,
    freePlace: row.free_place,
    referredAt: row.referred_at.toISOString(),
    enrolledAt: iso(row.enrolled_at),
    completedAt: iso(row.completed_at),
    passed: row.passed,
    certificateNo: row.certificate_no,
    droppedAt: iso(row.dropped_at),
    dropReason: row.drop_reason,
    serviceRecordId: row.service_record_id,
    referralConfirmed: row.referral_confirmed,
    attendance: { daysPresent: row.days_present, daysAbsent: row.days_absent },
  };
}
