/**
 * Opens the demo cases through hotline POST /cases and drives each one, step by step, through the real case
 * API, the employers' portal (jobs `/employer/referrals/{id}/…`, which reaches the case through Kafka) and
 * the workflow, waiting (bounded) for the case to show each step. Every step first reads the case and does
 * nothing if it is already done, so a second run only finds what the first one made.
 */
import type { HelpRequestView } from '@platform/contracts';
import { CASE_SCENARIOS, CaseScenario, CaseStep, Received } from './case-scenarios';
import { ApiClient, ApiError, inParallel, Session, waitUntil } from './http-client';
import { addDays, shanghaiDay, shanghaiInstant } from './identifiers';
import { DemoPerson, idNumberOf, intakePerson, PersonIds, personByRef, phoneOf } from './people';
import { Tally } from './tally';
import { VacancyIndex } from './vacancies';

interface CaseDetail {
  caseId: string;
  openedAt: string;
  state: HelpRequestView['state'];
  view: HelpRequestView | null;
  timeline: Array<{ kind: string; detail?: string }>;
}

interface CaseSummary {
  caseId: string;
}

export interface CaseContext {
  sessions: Map<string, Session>;
  vacancies: VacancyIndex;
  personIds: PersonIds;
  tally: Tally;
}

/** Where each station's callers live, for matching distance (玉林 and 和平街 communities). */
const LOCATIONS: Record<string, { lat: number; lng: number }> = {
  '510107003': { lat: 30.632, lng: 104.06 },
  '510104003': { lat: 30.654, lng: 104.08 },
};

const ENDINGS = ['closed', 'withdrawn', 'unreachable', 'ineligible', 'referred-elsewhere'];
/** How long one step may take to show on the case (a Kafka round trip for the employer's answers). */
const STEP_TIMEOUT_MS = 30_000;
/** Cases driven at once: enough to overlap the Kafka waits, few enough for a 2-core machine. */
const PARALLEL_CASES = 4;

export async function ensureCases(context: CaseContext): Promise<void> {
  const hotline = context.sessions.get('operator.wuhou')!.hotline;
  const clock = await ClockPlanner.load(hotline);
  const states = new Map<string, number>();
  await inParallel(CASE_SCENARIOS, PARALLEL_CASES, async (scenario) => {
    try {
      const label = stateLabel(await ensureCase(context, clock, scenario));
      states.set(label, (states.get(label) ?? 0) + 1);
    } catch (error) {
      context.tally.failed(`case ${scenario.key}`, error);
    }
  });
  const summary = [...states].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s} ${n}`);
  if (summary.length) context.tally.note(`cases by state: ${summary.join(', ')}`);
}

async function ensureCase(context: CaseContext, clock: ClockPlanner, scenario: CaseScenario) {
  const session = context.sessions.get(scenario.operator)!;
  const person = personByRef(scenario.person);
  // Undefined for a person the intake registers, before their case was opened.
  const personId = context.personIds.get(person.ref);
  const existing = personId ? await findCase(session.hotline, personId) : null;
  let caseId: string;
  if (existing) {
    caseId = existing;
    context.tally.existing('cases');
  } else {
    const receivedAt = await clock.receivedAt(scenario.received);
    const opened = await openCase(session.hotline, scenario, person, receivedAt);
    caseId = opened.caseId;
    context.tally[opened.created ? 'created' : 'existing']('cases');
  }
  const registered = await waitForCase(session.hotline, caseId, 'registration', (detail) => {
    if (detail.view?.personId) return true;
    const failed = detail.view?.state === 'intake' && registrationFailed(detail);
    if (failed) throw new Error('the workflow could not register the person');
    return false;
  });
  const receivedDay = shanghaiDay(new Date(registered.openedAt));
  let detail = registered;
  // Help reopened: the scenario's steps (all in the first cycle) are done; a new cycle starts without them.
  if (detail.view!.cycle > 1) return detail;
  for (const step of scenario.steps) {
    detail = await applyStep(context, session, caseId, receivedDay, step, detail);
  }
  return detail;
}

/** The demo person's case, found through GET /cases?personId= (newest first); null when there is none. */
async function findCase(hotline: ApiClient, personId: string): Promise<string | null> {
  try {
    const page = await hotline.get<{ items: CaseSummary[] }>('/cases', { personId, limit: 1 });
    return page.items[0]?.caseId ?? null;
  } catch (error) {
    // A hotline without the case list yet: the Idempotency-Key still returns the same case.
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

async function openCase(
  hotline: ApiClient,
  scenario: CaseScenario,
  person: DemoPerson,
  receivedAt: string | null,
): Promise<{ caseId: string; created: boolean }> {
  const streetCode = person.communityCode.slice(0, 9);
  const body = {
    // Registered beforehand: contact and residence only (the file keeps the rest); else the whole intake.
    person: person.registeredAtIntake
      ? intakePerson(person)
      : {
          name: person.name,
          idNumber: idNumberOf(person),
          phone: phoneOf(person),
          hukouType: person.hukouType,
          hukouPlace: person.hukouPlace,
          communityCode: person.communityCode,
          residenceAddress: person.residenceAddress,
        },
    wants: scenario.wants,
    acceptsAnyJob: scenario.acceptsAnyJob,
    skills: person.skills.text.split('、'),
    constraints: { maxDistanceKm: scenario.maxDistanceKm },
    ...(LOCATIONS[streetCode] ? { location: LOCATIONS[streetCode] } : {}),
    ...(receivedAt ? { receivedAt } : {}),
  };
  const answer = await hotline.postForStatus<{ caseId: string }>('/cases', body, {
    'Idempotency-Key': `demo-case-${scenario.key}`,
  });
  return { caseId: answer.body.caseId, created: answer.status === 201 };
}

async function applyStep(
  context: CaseContext,
  session: Session,
  caseId: string,
  receivedDay: string,
  step: CaseStep,
  detail: CaseDetail,
): Promise<CaseDetail> {
  const view = detail.view!;
  const hotline = session.hotline;
  const path = `/cases/${caseId}`;
  const ended = ENDINGS.includes(view.state);
  switch (step.do) {
    case 'contact': {
      // One contact per note: the timeline shows the ones already recorded.
      const recorded = detail.timeline.some(
        (entry) => entry.kind === 'contact' && entry.detail?.endsWith(step.note),
      );
      if (recorded || ended) return detail;
      await hotline.post(`${path}/contacts`, { channel: 'phone', reached: step.reached, note: step.note });
      return readCase(hotline, caseId);
    }
    case 'propose': {
      const vacancyId = vacancyOf(context, step.vacancy).id;
      if (referralFor(view, vacancyId) || ended || view.sla?.placedAt) return detail;
      await hotline.post(`${path}/referrals`, { vacancyId });
      return readCase(hotline, caseId);
    }
    case 'employer-accept':
    case 'employer-decline': {
      const vacancy = vacancyOf(context, step.vacancy);
      const referral = referralFor(view, vacancy.id);
      if (!referral || referral.status !== 'proposed') return detail;
      const employer = context.sessions.get(vacancy.employer)!;
      const answer = step.do === 'employer-accept' ? 'accept' : 'decline';
      await employer.jobs
        .post(
          `/employer/referrals/${referral.referralId}/${answer}`,
          step.do === 'employer-decline' ? { reasonCode: step.reasonCode, reason: step.reason } : undefined,
        )
        .catch(alreadyDoneInJobs);
      // The answer reaches the case through Kafka (jobs.referral.v1 → hotline → workflow signal).
      return waitForCase(hotline, caseId, `the employer's answer on ${step.vacancy}`, (next) =>
        isAnswered(next, referral.referralId, 'proposed'),
      );
    }
    case 'person-accept':
    case 'person-decline': {
      const referral = referralFor(view, vacancyOf(context, step.vacancy).id);
      if (!referral || referral.status !== 'employer_accepted') return detail;
      await hotline.post(
        `${path}/referrals/${referral.referralId}/person-answer`,
        step.do === 'person-accept'
          ? { answer: 'accepted' }
          : { answer: 'declined', reasonCode: step.reasonCode, reason: step.reason },
      );
      return readCase(hotline, caseId);
    }
    case 'start': {
      const vacancy = vacancyOf(context, step.vacancy);
      const referral = referralFor(view, vacancy.id);
      if (!referral || referral.status !== 'person_accepted' || view.sla?.placedAt) return detail;
      const today = shanghaiDay();
      const startedOn =
        step.daysAfterCall === undefined ? today : minDay(addDays(receivedDay, step.daysAfterCall), today);
      await context.sessions
        .get(vacancy.employer)!
        .jobs.post(`/employer/referrals/${referral.referralId}/start`, { startedOn })
        .catch(alreadyDoneInJobs);
      return waitForCase(hotline, caseId, `the start on ${step.vacancy}`, (next) =>
        Boolean(next.view?.sla?.placedAt),
      );
    }
    case 'escalation-start': {
      if (view.sla?.placedAt || ended) return detail;
      // The workflow escalates once the person is registered and the milestone has passed: wait for it.
      const escalated = await waitForCase(
        hotline,
        caseId,
        'the escalation',
        (next) => Boolean(next.view?.escalation) || next.timeline.some((e) => e.kind === 'escalation-failed'),
      );
      if (!escalated.view?.escalation) throw new Error('the escalation found no free post or base');
      await hotline.post(`${path}/escalation/start`, { startedOn: shanghaiDay() });
      return waitForCase(hotline, caseId, 'the start at the escalation post', (next) =>
        Boolean(next.view?.sla?.placedAt),
      );
    }
    case 'callback': {
      // Done once: recorded, or help already reopened by it (a new cycle).
      if (view.callback?.doneAt || view.cycle > 1 || !['placed', 'callback'].includes(view.state))
        return detail;
      await hotline.post(`${path}/callback`, {
        reached: true,
        working: step.working,
        satisfaction: step.satisfaction,
        note: step.note,
      });
      // "Not working" reopens help: the workflow continues as a new cycle with a new clock.
      return waitForCase(hotline, caseId, 'the callback', (next) =>
        step.working
          ? next.view?.state === 'following-up'
          : (next.view?.cycle ?? 1) > 1 && next.view?.state !== 'intake',
      );
    }
    case 'close': {
      if (ended) return detail;
      await hotline.post(`${path}/close`, { ending: step.ending, reason: step.reason });
      return readCase(hotline, caseId);
    }
  }
}

function readCase(hotline: ApiClient, caseId: string): Promise<CaseDetail> {
  return hotline.get<CaseDetail>(`/cases/${caseId}`);
}

function waitForCase(
  hotline: ApiClient,
  caseId: string,
  what: string,
  done: (detail: CaseDetail) => boolean,
): Promise<CaseDetail> {
  return waitUntil(`${what} (case ${caseId})`, () => readCase(hotline, caseId), done, STEP_TIMEOUT_MS);
}

function registrationFailed(detail: CaseDetail) {
  return detail.timeline.some(
    (entry) => entry.kind === 'registration' && entry.detail?.startsWith('registration failed'),
  );
}

function vacancyOf(context: CaseContext, key: string) {
  const vacancy = context.vacancies.get(key);
  if (!vacancy) throw new Error(`demo data: no vacancy ${key}`);
  return vacancy;
}

/** The case's latest referral to the vacancy. */
function referralFor(view: HelpRequestView, vacancyId: string) {
  return view.referrals.filter((referral) => referral.vacancyId === vacancyId).at(-1);
}

function isAnswered(detail: CaseDetail, referralId: string, from: string): boolean {
  const referral = detail.view?.referrals.find((candidate) => candidate.referralId === referralId);
  return referral !== undefined && referral.status !== from;
}

/** 409 from jobs: the answer was given on an earlier run and is still on its way to the case. */
function alreadyDoneInJobs(error: unknown): void {
  if (!(error instanceof ApiError && error.status === 409)) throw error;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** What the summary counts a case as: its state, with the clock's condition where that is the point. */
function stateLabel(detail: CaseDetail): string {
  const view = detail.view;
  if (!view) return detail.state;
  const flags = [
    view.cycle > 1 ? 'reopened' : null,
    view.promiseWaived ? 'promise waived' : null,
    view.escalation && !view.sla?.placedAt && !ENDINGS.includes(view.state) ? view.escalation.kind : null,
    view.sla?.breached && !view.sla.placedAt && !ENDINGS.includes(view.state) ? 'breached' : null,
    view.sla?.latePlacement ? 'late' : null,
  ].filter(Boolean);
  return flags.length ? `${view.state} (${flags.join(', ')})` : view.state;
}

/**
 * Chooses when a backdated call was received, with the hotline's own working calendar
 * (GET /calendar/deadline), so the case really is at risk or breached whatever day the demo starts on.
 */
class ClockPlanner {
  private readonly deadlines = new Map<string, { deadline: string; dueDate: string }>();

  private constructor(
    private readonly hotline: ApiClient,
    private readonly promiseWorkingDays: number,
  ) {}

  static async load(hotline: ApiClient): Promise<ClockPlanner> {
    const policy = await hotline.get<{ promiseWorkingDays: number }>('/case-policy');
    return new ClockPlanner(hotline, policy.promiseWorkingDays);
  }

  async receivedAt(received: Received): Promise<string | null> {
    const today = shanghaiDay();
    switch (received.kind) {
      case 'now':
        return null;
      case 'days-ago':
        return shanghaiInstant(addDays(today, -received.days), '10:00');
      case 'at-risk': {
        // The first working day from today: the promise's last day for a case with ≤ 1 working day left.
        const firstWorkingDay = (await this.deadline(shanghaiInstant(addDays(today, -1), '12:00'), 1))
          .dueDate;
        return this.latestCall(
          (due) => due.dueDate === firstWorkingDay && Date.parse(due.deadline) > Date.now(),
        );
      }
      case 'breached':
        return this.latestCall((due) => Date.parse(due.deadline) < Date.now());
    }
  }

  /** The most recent office-hours call (15:30 or 10:00 on an earlier day, 14 days back at most) that fits. */
  private async latestCall(fits: (due: { deadline: string; dueDate: string }) => boolean): Promise<string> {
    const today = shanghaiDay();
    for (let daysBack = 1; daysBack <= 14; daysBack++) {
      for (const time of ['15:30', '10:00']) {
        const candidate = shanghaiInstant(addDays(today, -daysBack), time);
        if (fits(await this.deadline(candidate, this.promiseWorkingDays))) return candidate;
      }
    }
    throw new Error('no call time in the last 14 days gives the wanted deadline');
  }

  private async deadline(start: string, days: number) {
    const key = `${start}/${days}`;
    let due = this.deadlines.get(key);
    if (!due) {
      due = await this.hotline.get<{ deadline: string; dueDate: string }>('/calendar/deadline', {
        start,
        days,
      });
      this.deadlines.set(key, due);
    }
    return due;
  }
}
