/**
 * Roving job fairs and the Assistance Month (hotline `/job-fairs`, docs/job-fairs.md): a fair of 玉林街道 in the
 * Assistance Month held today, with the vacancies of two demo employers, its visitors recorded and two
 * applications taken on site — one by a person whose case is open, one by a new caller whose intake opens a
 * case — and next month's fair, planned. The supervisor plans and marks the fair held; the station's operator
 * records visitors and applications, as in the console. Fairs are found by title, applications by vacancy and
 * case (or, for the intake, by the case it opened), so a second run changes nothing.
 */
import { ORG } from './accounts';
import { DEMO_EMPLOYERS } from './employers';
import { ApiClient, Session, waitUntil } from './http-client';
import { addDays, demoUuid, period, shanghaiDay } from './identifiers';
import { intakePerson, PersonIds, personByRef } from './people';
import { Tally } from './tally';
import { DEMO_EMPLOYER_ACCOUNT, DEMO_VACANCIES, VacancyIndex } from './vacancies';

/** The vacancies the two employers bring (keys of DEMO_VACANCIES). */
const FAIR_VACANCIES = ['warehouse-clerk', 'customer-service', 'cleaner', 'security'];
const VENUE = '玉林街道便民服务中心广场';
const VISITORS = 86;

interface FairSummary {
  id: string;
  title: string;
  status: 'planned' | 'held' | 'cancelled';
  visitorsRecorded: boolean;
}

interface FairDetail extends FairSummary {
  applications: Array<{ vacancyId: string; caseId: string | null; openedCase: boolean; status: string }>;
}

export interface JobFairContext {
  supervisor: Session;
  operator: Session;
  sessions: Map<string, Session>;
  vacancies: VacancyIndex;
  personIds: PersonIds;
  tally: Tally;
}

export async function ensureJobFairs(context: JobFairContext): Promise<void> {
  const { supervisor, operator, tally } = context;
  const today = shanghaiDay();
  const [year, month] = period(today).split('-').map(Number);
  const [nextYear, nextMonth] = period(today, 1).split('-').map(Number);
  const vacancies = await fairVacancies(context);
  const fairs = await supervisor.hotline.all<FairSummary>('/job-fairs', { unit: ORG.wuhou.yulin });

  // Today's fair of the Assistance Month, held.
  const heldTitle = `${year}年${month}月就业援助月·玉林街道专场招聘会`;
  let held = fairs.find((fair) => fair.title === heldTitle);
  if (held) {
    tally.existing('job fairs');
  } else {
    held = await supervisor.hotline.post<FairSummary>('/job-fairs', {
      title: heldTitle,
      heldOn: today,
      unitCode: ORG.wuhou.yulin,
      venue: VENUE,
      assistanceMonth: true,
      vacancies,
    });
    tally.created('job fairs');
  }
  if (held.status === 'planned') {
    held = await supervisor.hotline.patch<FairSummary>(`/job-fairs/${held.id}`, { status: 'held' });
  }
  if (!held.visitorsRecorded) {
    await operator.hotline.put(`/job-fairs/${held.id}/visitors`, { count: VISITORS });
    tally.created('job fair visitor counts');
  }
  await ensureApplications(context, held.id);

  // Next month's roving fair, planned.
  const plannedTitle = `${nextYear}年${nextMonth}月玉林街道巡回招聘会`;
  if (fairs.some((fair) => fair.title === plannedTitle)) {
    tally.existing('job fairs');
  } else {
    await supervisor.hotline.post('/job-fairs', {
      title: plannedTitle,
      heldOn: addDays(`${period(today, 1)}-01`, 14),
      unitCode: ORG.wuhou.yulin,
      venue: '玉林东路社区党群服务中心',
      assistanceMonth: nextMonth <= 2,
      vacancies,
    });
    tally.created('job fairs');
  }
}

/** The fair's vacancies as the API takes them: each named with its title and its employer's name. */
async function fairVacancies(context: JobFairContext) {
  const names = new Map<string, string>(
    DEMO_EMPLOYERS.map((employer) => [employer.account.username, employer.name]),
  );
  const demoEmployer = context.sessions.get(DEMO_EMPLOYER_ACCOUNT)!;
  const { name } = await context.supervisor.employers.get<{ name: string }>(
    `/employers/${demoEmployer.employerId}`,
  );
  names.set(DEMO_EMPLOYER_ACCOUNT, name);
  return FAIR_VACANCIES.map((key) => {
    const vacancy = context.vacancies.get(key);
    if (!vacancy) throw new Error(`demo data: no vacancy ${key}`);
    return {
      vacancyId: vacancy.id,
      vacancyTitle: DEMO_VACANCIES.find((candidate) => candidate.key === key)!.title,
      employerId: context.sessions.get(vacancy.employer)!.employerId!,
      employerName: names.get(vacancy.employer)!,
    };
  });
}

/**
 * Two applications on site: 张建国 (open case) for the warehouse post, and a new caller, 蒋桂芳, whose intake
 * opens her case, for the cleaner post. The hotline proposes each vacancy once the case has registered the
 * person; the seeder waits for that so the fair's results count the referrals.
 */
async function ensureApplications(context: JobFairContext, fairId: string): Promise<void> {
  const { operator, tally } = context;
  const hotline = operator.hotline;
  const fair = await hotline.get<FairDetail>(`/job-fairs/${fairId}`);
  const vacancyId = (key: string) => context.vacancies.get(key)!.id;
  const applications: Array<{ key: string; body: Record<string, unknown> }> = [];

  const caseId = await openCaseOf(hotline, context.personIds.get('wh-01'));
  const warehouse = vacancyId('warehouse-clerk');
  if (fair.applications.some((a) => a.vacancyId === warehouse && a.caseId === caseId && !a.openedCase)) {
    tally.existing('job fair applications');
  } else if (caseId) {
    applications.push({ key: 'wh-01', body: { vacancyId: warehouse, caseId } });
  } else {
    tally.note('the job fair application of an open case was skipped: the case is no longer open');
  }

  const cleaner = vacancyId('cleaner');
  if (fair.applications.some((a) => a.vacancyId === cleaner && a.openedCase)) {
    tally.existing('job fair applications');
  } else {
    const person = personByRef('wh-18');
    applications.push({
      key: 'wh-18',
      body: {
        vacancyId: cleaner,
        intake: {
          person: intakePerson(person),
          wants: '保洁或收纳整理，离家近，白班',
          acceptsAnyJob: true,
          skills: person.skills.text.split('、'),
          constraints: { maxDistanceKm: 5 },
        },
      },
    });
  }

  for (const application of applications) {
    await hotline.post(`/job-fairs/${fairId}/applications`, {
      requestId: demoUuid(`job-fair:${fairId}:${application.key}`),
      ...application.body,
    });
    tally.created('job fair applications');
  }
  // Each application becomes a referral once its case has registered the person (the hotline's own work).
  const settled = await waitUntil(
    'the job fair applications to become referrals',
    () => hotline.get<FairDetail>(`/job-fairs/${fairId}`),
    (detail) => detail.applications.every((a) => a.status === 'proposed' || a.status === 'refused'),
    45_000,
  ).catch(() => null);
  if (!settled) tally.note('a job fair application is still waiting for its case (the hotline finishes it)');
}

/** The person's open case (GET /cases?personId=&open=true), or null. */
async function openCaseOf(hotline: ApiClient, personId: string | undefined): Promise<string | null> {
  if (!personId) return null;
  const page = await hotline.get<{ items: Array<{ caseId: string }> }>('/cases', {
    personId,
    open: true,
    limit: 1,
  });
  return page.items[0]?.caseId ?? null;
}
