/**
 * Skills training (people service `/training`, docs/training.md): a provider contracted by 武侯区 and three of
 * its courses, free for hardship groups: one finished last month (trainees completed, passed with a certificate
 * or failed, one dropped), one running (trainees enrolled, attendance marked), one upcoming (referrals waiting).
 * The supervisor sets up, the station's operator refers and records, as in the console.
 *
 * The API stamps referrals, enrolments and completions with its own clock and refuses a referral to a course
 * that has ended, so the finished course is set up ending today, its trainees worked, and then its end is
 * moved back to last month (`PATCH /training/courses/{id}`, the correction a supervisor would make). Each step is
 * skipped when the enrolment already shows it: a second run changes nothing.
 */
import { ORG } from './accounts';
import { ApiError, Session } from './http-client';
import { addDays, period, shanghaiDay, weekday } from './identifiers';
import { PersonIds } from './people';
import { Tally } from './tally';

type Outcome = 'referred' | 'enrolled' | 'passed' | 'failed' | 'dropped';

interface Trainee {
  ref: string;
  outcome: Outcome;
  /** Course days (counted from the first) the trainee missed. */
  absent?: number[];
}

interface DemoCourse {
  key: 'finished' | 'running' | 'upcoming';
  title: string;
  occupation: string;
  capacity: number;
  /** First and last day, from today. */
  dates: (today: string) => { startsOn: string; endsOn: string };
  trainees: Trainee[];
}

export const TRAINING_PROVIDER = '武侯区职业技能培训中心';

const DEMO_COURSES: DemoCourse[] = [
  {
    key: 'finished',
    title: '家政服务员（初级）培训班',
    occupation: '家政服务员',
    capacity: 20,
    // The 3rd to the 21st of last month.
    dates: (today) => ({ startsOn: `${period(today, -1)}-03`, endsOn: `${period(today, -1)}-21` }),
    trainees: [
      { ref: 'wh-02', outcome: 'passed' },
      { ref: 'wh-11', outcome: 'passed', absent: [4] },
      { ref: 'hh-02', outcome: 'passed' },
      { ref: 'wh-13', outcome: 'passed' },
      { ref: 'wh-10', outcome: 'failed', absent: [2, 7, 8] },
      { ref: 'wh-12', outcome: 'dropped' },
    ],
  },
  {
    key: 'running',
    title: '保安员（初级）培训班',
    occupation: '保安员',
    capacity: 15,
    dates: (today) => ({ startsOn: addDays(today, -9), endsOn: addDays(today, 18) }),
    trainees: [
      { ref: 'wh-14', outcome: 'enrolled' },
      { ref: 'hh-01', outcome: 'enrolled', absent: [3] },
      { ref: 'wh-01', outcome: 'enrolled' },
      { ref: 'wh-03', outcome: 'referred' },
    ],
  },
  {
    key: 'upcoming',
    title: '中式面点师（初级）培训班',
    occupation: '中式面点师',
    capacity: 12,
    dates: (today) => ({ startsOn: addDays(today, 21), endsOn: addDays(today, 49) }),
    trainees: [
      { ref: 'wh-04', outcome: 'referred' },
      { ref: 'wh-08', outcome: 'referred' },
      // Her three job recommendations are confirmed (three-plus-one.ts): with this one she is served "3+1".
      { ref: 'wh-09', outcome: 'referred' },
    ],
  },
];

const DROP_REASON = '腰伤复发，遵医嘱暂停培训，待康复后重新报名';

interface ProviderView {
  id: string;
  name: string;
}

interface CourseView {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
}

interface EnrolmentView {
  id: string;
  personId: string;
  status: 'referred' | 'enrolled' | 'completed' | 'dropped';
  serviceRecordId: string | null;
  attendance: { daysPresent: number; daysAbsent: number };
}

export interface TrainingContext {
  supervisor: Session;
  operator: Session;
  personIds: PersonIds;
  tally: Tally;
}

/** Sets up the provider and the courses and works each trainee to their outcome. */
export async function ensureTraining(context: TrainingContext): Promise<void> {
  const { supervisor, tally } = context;
  const today = shanghaiDay();
  const providerId = await ensureProvider(supervisor, tally);
  const courses = await supervisor.people.all<CourseView>('/training/courses', { providerId });
  let certificate = 0;
  for (const spec of DEMO_COURSES) {
    const dates = spec.dates(today);
    let course = courses.find((candidate) => candidate.title === spec.title);
    if (course) {
      tally.existing('training courses');
    } else {
      course = await supervisor.people.post<CourseView>('/training/courses', {
        providerId,
        title: spec.title,
        occupation: spec.occupation,
        level: 'primary',
        // A finished course is first set up to end today: the API refers no one to a course that has ended.
        startsOn: dates.startsOn,
        endsOn: dates.endsOn < today ? today : dates.endsOn,
        capacity: spec.capacity,
        freeForHardship: true,
        unitCode: ORG.wuhou.district,
      });
      tally.created('training courses');
    }
    const enrolments = await context.operator.people.all<EnrolmentView>(
      `/training/courses/${course.id}/enrolments`,
    );
    for (const trainee of spec.trainees) {
      const passedNo = trainee.outcome === 'passed' ? ++certificate : 0;
      try {
        await ensureTrainee(context, course, lastDayOf(spec, course), trainee, enrolments, passedNo);
      } catch (error) {
        tally.failed(`training ${spec.key} ${trainee.ref}`, error);
      }
    }
    // Everything recorded: the finished course gets its real end (last month), once.
    const endsOn = lastDayOf(spec, course);
    if (course.endsOn !== endsOn) {
      await supervisor.people.patch(`/training/courses/${course.id}`, { endsOn });
    }
  }
}

async function ensureProvider(supervisor: Session, tally: Tally): Promise<string> {
  const providers = await supervisor.people.all<ProviderView>('/training/providers');
  const found = providers.find((provider) => provider.name === TRAINING_PROVIDER);
  if (found) {
    tally.existing('training providers');
    return found.id;
  }
  const created = await supervisor.people.post<ProviderView>('/training/providers', {
    name: TRAINING_PROVIDER,
    unitCode: ORG.wuhou.district,
  });
  tally.created('training providers');
  return created.id;
}

async function ensureTrainee(
  context: TrainingContext,
  course: CourseView,
  lastDay: string,
  trainee: Trainee,
  enrolments: EnrolmentView[],
  certificateSerial: number,
): Promise<void> {
  const { operator, tally } = context;
  const personId = context.personIds.get(trainee.ref);
  if (!personId) throw new Error('person not registered');
  let enrolment = enrolments.find((candidate) => candidate.personId === personId);
  if (enrolment) {
    tally.existing('training enrolments');
  } else {
    if (course.endsOn < shanghaiDay()) {
      tally.note('a trainee of the finished course is missing and cannot be referred after its end');
      return;
    }
    try {
      enrolment = await operator.people.post<EnrolmentView>(`/training/courses/${course.id}/referrals`, {
        personId,
      });
      tally.created('training enrolments');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      tally.note(`a training referral was refused (${error.fields.map((f) => f.rule).join(', ')})`);
      return;
    }
  }
  const path = `/training/enrolments/${enrolment.id}`;
  if (trainee.outcome === 'dropped') {
    if (enrolment.status === 'referred' || enrolment.status === 'enrolled') {
      await operator.people.post(`${path}/drop`, { reason: DROP_REASON });
      tally.created('training steps');
    }
    return;
  }
  if (trainee.outcome !== 'referred' && enrolment.status === 'referred') {
    enrolment = await operator.people.post<EnrolmentView>(`${path}/enrol`);
    tally.created('training steps');
  }
  if (enrolment.status !== 'enrolled') return;
  // Attendance once (a second mark for a day would be a correction): each weekday of the course up to today.
  if (enrolment.attendance.daysPresent + enrolment.attendance.daysAbsent === 0) {
    const days = courseDays(course.startsOn, minDay(lastDay, shanghaiDay()));
    for (const [index, on] of days.entries()) {
      await operator.people.post(`${path}/attendance`, {
        on,
        present: !(trainee.absent ?? []).includes(index + 1),
      });
    }
    if (days.length) tally.created('training attendance marks', days.length);
  }
  if (trainee.outcome === 'passed' || trainee.outcome === 'failed') {
    const passed = trainee.outcome === 'passed';
    await operator.people.post(`${path}/completion`, {
      passed,
      ...(passed
        ? { certificateNo: `S${lastDay.slice(0, 4)}510107${String(certificateSerial).padStart(5, '0')}` }
        : {}),
    });
    tally.created('training steps');
  }
}

/**
 * The course's real last day: as stored, except for the finished course, set up to end on the day of its first
 * run and ending on the 21st of the month it started in (the dates never follow a later day's "last month").
 */
function lastDayOf(spec: DemoCourse, course: CourseView): string {
  return spec.key === 'finished' ? `${course.startsOn.slice(0, 7)}-21` : course.endsOn;
}

/** The weekdays from the first to the last day. */
function courseDays(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (weekday(day) !== 0 && weekday(day) !== 6) days.push(day);
  }
  return days;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}
