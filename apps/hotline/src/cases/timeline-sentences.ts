import type {
  CaseReferralStatus,
  HelpRequestState,
  RecordContactRequest,
  TimelineEntry,
  TimelineFacts,
} from '@platform/contracts';

/** A sentence in both languages. */
export interface Sentence {
  zh: string;
  en: string;
}

/**
 * The names a sentence may use. Staff are always known to the hotline; vacancies (title and employer) and
 * escalation targets (welfare pool, assistance base) only when a reader is given: without one, the sentence
 * says "a vacancy" or "the public-welfare pool", never an id.
 */
export interface TimelineNames {
  /** A staff member's display name (the username when the account is unknown). */
  staff(username: string): string;
  vacancy?(vacancyId: string): { title: string; employerName: string | null } | undefined;
  escalationTarget?(targetId: string): string | undefined;
}

/**
 * Job, employer and pool/base names as the timeline itself recorded them (the proposal and the escalation carry
 * them), so every later entry about the same vacancy or target reads with its name too.
 */
export function namesInTimeline(
  timeline: readonly TimelineEntry[],
): Required<Pick<TimelineNames, 'vacancy' | 'escalationTarget'>> {
  const vacancies = new Map<string, { title: string; employerName: string | null }>();
  const targets = new Map<string, string>();
  for (const { facts } of timeline) {
    if (facts?.vacancyId && facts.vacancyTitle)
      vacancies.set(facts.vacancyId, { title: facts.vacancyTitle, employerName: facts.employerName ?? null });
    if (facts?.targetId && facts.targetName) targets.set(facts.targetId, facts.targetName);
  }
  return { vacancy: (id) => vacancies.get(id), escalationTarget: (id) => targets.get(id) };
}

const SYSTEM = 'system';

const STATE: Record<HelpRequestState, Sentence> = {
  intake: { zh: '受理中', en: 'intake' },
  registered: { zh: '已登记', en: 'registered' },
  matching: { zh: '匹配中', en: 'matching' },
  escalated: { zh: '已托底', en: 'escalated' },
  placed: { zh: '已上岗', en: 'placed' },
  callback: { zh: '待回访', en: 'callback due' },
  'following-up': { zh: '跟踪服务', en: 'following up' },
  closed: { zh: '已结案', en: 'closed' },
  withdrawn: { zh: '本人撤回', en: 'withdrawn' },
  unreachable: { zh: '无法联系', en: 'unreachable' },
  ineligible: { zh: '不符合条件', en: 'ineligible' },
  'referred-elsewhere': { zh: '已转介', en: 'referred elsewhere' },
};

const CHANNEL: Record<RecordContactRequest['channel'], Sentence> = {
  phone: { zh: '电话', en: 'by phone' },
  'in-person': { zh: '当面', en: 'in person' },
  online: { zh: '线上', en: 'online' },
  sms: { zh: '短信', en: 'by text message' },
  'home-visit': { zh: '上门走访', en: 'on a home visit' },
};

const ESCALATION: Record<'welfare_slot' | 'assistance_base', Sentence> = {
  welfare_slot: { zh: '公益性岗位', en: 'a public-welfare post' },
  assistance_base: { zh: '就业援助基地', en: 'an assistance base' },
};

/** The person's refusal reasons (the case policy's codes) and the employer's decline codes. */
const REASON: Record<string, Sentence> = {
  health: { zh: '健康原因', en: 'health' },
  distance: { zh: '距离过远', en: 'too far' },
  'wage-below-minimum': { zh: '工资低于最低标准', en: 'wage below the minimum' },
  'hours-conflict': { zh: '工作时间冲突', en: 'working hours conflict' },
  'unsafe-conditions': { zh: '工作条件不安全', en: 'unsafe conditions' },
  'caring-duties': { zh: '需照顾家人', en: 'caring duties' },
  discrimination: { zh: '歧视', en: 'discrimination' },
  skills_mismatch: { zh: '技能不符合岗位要求', en: 'skills do not match' },
  position_filled: { zh: '岗位已招满', en: 'the position is filled' },
  schedule_mismatch: { zh: '工作时间无法匹配', en: 'working hours do not fit' },
  physical_mismatch: { zh: '体力要求不适合', en: 'physical demands do not suit' },
  unreachable: { zh: '联系不上候选人', en: 'the candidate could not be reached' },
  other: { zh: '其他原因', en: 'another reason' },
};

const MILESTONE: Record<NonNullable<TimelineFacts['milestone']>, Sentence> = {
  half: { zh: '承诺时限已过半', en: 'half of the promised working time is used' },
  threeQuarters: { zh: '承诺时限已用去四分之三', en: 'three quarters of the promised working time are used' },
  oneWorkingDayLeft: { zh: '承诺时限仅剩一个工作日', en: 'one working day of the promise is left' },
};

const FAILURE: Record<string, Sentence> = {
  'not-registered': { zh: '求助人尚未登记', en: 'the person is not registered' },
  'no-slot': { zh: '没有可用的托底名额', en: 'no place was free' },
  'release-failed': { zh: '释放预留名额失败', en: 'the reserved place could not be released' },
  unavailable: { zh: '托底服务暂时无法响应', en: 'the service did not answer' },
};

/**
 * The jobs service reports an employer's decline as "<code>: <their words>": the code becomes the sentence's
 * reason in words and only their words stay as the note.
 */
function withReasonInWords(
  kind: TimelineEntry['kind'],
  facts: TimelineFacts,
  note: string | undefined,
): { facts: TimelineFacts; note: string | undefined } {
  if (kind !== 'answer' || facts.reasonCode || !note) return { facts, note };
  const m = /^([a-z_-]+)(?::\s*([\s\S]*))?$/.exec(note);
  if (!m || !REASON[m[1]]) return { facts, note };
  return { facts: { ...facts, reasonCode: m[1] }, note: m[2]?.trim() || undefined };
}

/** 'yyyy-mm-dd HH:mm' in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const both = (zh: string, en: string): Sentence => ({ zh, en });

/** The plain sentence of a timeline entry, from its kind and facts (or, for old entries, its summary). */
export function timelineSentence(entry: TimelineEntry, names: TimelineNames): Sentence {
  const { facts, note } = withReasonInWords(
    entry.kind,
    entry.facts ?? (entry.detail !== undefined ? legacyFacts(entry) : {}),
    entry.note ?? legacyNote(entry),
  );
  const sentence = body(entry, facts, names);
  if (!note) return sentence;
  return { zh: `${sentence.zh}（备注：${note}）`, en: `${sentence.en} (note: ${note})` };
}

function body(entry: TimelineEntry, f: TimelineFacts, names: TimelineNames): Sentence {
  const who = actorOf(entry.actor, names);
  const vacancy = vacancyOf(f, names);
  switch (entry.kind) {
    case 'transition': {
      if (!entry.to) {
        // The intake's first entry: the clock is set.
        if (f.promise === 'not-applicable') {
          return both(
            `${who.zh}受理了求助（求助人有选择地找工作，不适用两个工作日的承诺）`,
            `${who.en} took the call (the caller picks and chooses: no 2-working-day promise)`,
          );
        }
        if (!f.deadline) return both(`${who.zh}受理了求助`, `${who.en} took the call`);
        const due = shanghaiDateTime(f.deadline);
        return both(
          `${who.zh}受理了求助，承诺 ${due} 前帮助上岗`,
          `${who.en} took the call; the promise runs until ${due}`,
        );
      }
      const to = STATE[entry.to] ?? both(entry.to, entry.to);
      if (entry.to === 'intake' || !entry.from) return both(`${who.zh}受理了求助`, `${who.en} took the call`);
      if (f.ending || entry.to === 'closed' || isEnding(entry.to)) {
        return both(`${who.zh}结案：${to.zh}`, `${who.en} closed the case: ${to.en}`);
      }
      return both(`案件状态：${to.zh}`, `The case is now ${to.en}`);
    }
    case 'registration':
      if (f.retry) {
        return both(
          `${who.zh}更正了登记信息，重新提交登记`,
          `${who.en} corrected the details and sent the registration again`,
        );
      }
      if (f.failure || entry.detail?.startsWith('registration failed')) {
        return both(
          '人员信息登记被拒绝，需更正受理信息后重新登记',
          'The people service refused the registration: the intake needs correcting and sending again',
        );
      }
      return both('求助人已完成实名登记', 'The person is registered');
    case 'contact': {
      const channel = f.channel ? CHANNEL[f.channel] : both('', '');
      const reached = f.reached === false;
      return both(
        `${who.zh}${channel.zh}联系求助人，${reached ? '未联系上' : '已联系上'}`,
        `${who.en} contacted the person${channel.en ? ` ${channel.en}` : ''}: ${reached ? 'not reached' : 'reached'}`,
      );
    }
    case 'referral':
      if (f.startedOn) {
        const late = f.late ? both('（晚于承诺时限）', ' (after the promised deadline)') : both('', '');
        const where =
          f.escalationKind && !f.vacancyId ? ESCALATION[f.escalationKind] : both(vacancy.zh, vacancy.en);
        return both(
          `求助人于 ${f.startedOn} 在${where.zh}上岗${late.zh}`,
          `The person started at ${where.en} on ${f.startedOn}${late.en}`,
        );
      }
      return both(`${who.zh}推荐了${vacancy.zh}`, `${who.en} proposed ${vacancy.en}`);
    case 'answer':
      return answerSentence(f, who, vacancy);
    case 'handoff': {
      const from = f.fromOwner ? names.staff(f.fromOwner) : undefined;
      const to = f.toOwner ? names.staff(f.toOwner) : undefined;
      if (!to) return both(`${who.zh}移交了案件`, `${who.en} handed the case over`);
      return both(
        `${who.zh}将案件${from ? `从${from}` : ''}移交给${to}`,
        `${who.en} handed the case${from ? ` from ${from}` : ''} to ${to}`,
      );
    }
    case 'sla-warning': {
      const milestone = f.milestone
        ? MILESTONE[f.milestone]
        : both('承诺时限即将到期', 'the promise is running out');
      const due = entry.dueAt ? shanghaiDateTime(entry.dueAt) : null;
      return both(
        `提醒：${milestone.zh}${due ? `（${due}）` : ''}`,
        `Reminder: ${milestone.en}${due ? ` (${due})` : ''}`,
      );
    }
    case 'escalation': {
      const target = f.targetId ? names.escalationTarget?.(f.targetId) : undefined;
      const kind = f.escalationKind ? ESCALATION[f.escalationKind] : both('托底岗位', 'a fallback place');
      if (f.reservation === 'released') {
        return both(`已释放未使用的${kind.zh}预留名额`, `The unused reservation at ${kind.en} was released`);
      }
      const where = both(
        `${target ? `「${target}」` : ''}${kind.zh}`,
        `${target ? `${target}, ` : ''}${kind.en}`,
      );
      // The milestone's escalation, or a supervisor's "escalate now" from the board.
      if (f.milestone || entry.actor === SYSTEM) {
        return both(
          `承诺时限将到，已在${where.zh}预留名额`,
          `The promise is running out: a place was reserved at ${where.en}`,
        );
      }
      return both(
        `${who.zh}决定立即托底，已在${where.zh}预留名额`,
        `${who.en} escalated at once: a place was reserved at ${where.en}`,
      );
    }
    case 'escalation-failed': {
      const reason = f.failure ? FAILURE[f.failure] : undefined;
      return both(
        `托底安置未能完成${reason ? `：${reason.zh}` : ''}，请人工跟进`,
        `The escalation could not be made${reason ? `: ${reason.en}` : ''}; work the case by hand`,
      );
    }
    case 'sla-breach':
      return both(
        `已超过承诺时限${entry.dueAt ? `（${shanghaiDateTime(entry.dueAt)}）` : ''}，仍未上岗`,
        `The promised deadline${entry.dueAt ? ` (${shanghaiDateTime(entry.dueAt)})` : ''} passed with nobody placed`,
      );
    case 'sla-recomputed': {
      const from = f.previousDeadline ? shanghaiDateTime(f.previousDeadline) : null;
      const to = f.deadline ? shanghaiDateTime(f.deadline) : null;
      if (!to)
        return both(
          '工作日历更新，承诺时限已重新计算',
          'The working calendar changed; the deadline was recomputed',
        );
      return both(
        `工作日历更新，承诺时限${from ? `由 ${from} ` : ''}改为 ${to}`,
        `The working calendar changed: the deadline moved ${from ? `from ${from} ` : ''}to ${to}`,
      );
    }
    case 'promise-waived':
      return both(
        '求助人多次无正当理由拒绝岗位，不再适用两个工作日的承诺',
        'The person refused jobs without a valid reason too often: the 2-working-day promise no longer applies',
      );
    case 'callback-due':
      return both(
        `上岗回访到期${entry.dueAt ? `（${shanghaiDateTime(entry.dueAt)}）` : ''}`,
        `The callback after the start is due${entry.dueAt ? ` (${shanghaiDateTime(entry.dueAt)})` : ''}`,
      );
    case 'callback': {
      if (f.reached === false) return both(`${who.zh}回访，未联系上`, `${who.en} called back: not reached`);
      const working = f.working === false ? both('未在岗', 'not working') : both('在岗', 'working');
      const satisfaction =
        f.satisfaction != null
          ? both(`，满意度 ${f.satisfaction}/5`, `, satisfaction ${f.satisfaction}/5`)
          : both('', '');
      return both(
        `${who.zh}回访：${working.zh}${satisfaction.zh}`,
        `${who.en} called back: ${working.en}${satisfaction.en}`,
      );
    }
    case 'follow-up-due':
      return both(
        `跟踪回访到期${entry.dueAt ? `（${shanghaiDateTime(entry.dueAt)}）` : ''}`,
        `A follow-up is due${entry.dueAt ? ` (${shanghaiDateTime(entry.dueAt)})` : ''}`,
      );
    case 'follow-up': {
      if (f.reached === false)
        return both(`${who.zh}跟踪回访，未联系上`, `${who.en} followed up: not reached`);
      return f.stillEmployed === false
        ? both(
            `${who.zh}跟踪回访：已失业，重新提供帮助`,
            `${who.en} followed up: out of work, help starts again`,
          )
        : both(`${who.zh}跟踪回访：仍在岗`, `${who.en} followed up: still employed`);
    }
    case 'reopened':
      return both(
        '求助人再次失业，重新开始帮扶并计时',
        'The person is out of work again: help restarts with a new clock',
      );
    default:
      return both('案件有更新', 'The case was updated');
  }
}

function answerSentence(f: TimelineFacts, who: Sentence, vacancy: Sentence): Sentence {
  const status: CaseReferralStatus | undefined =
    f.referralStatus ??
    (f.answeredBy && f.answer ? (`${f.answeredBy}_${f.answer}` as CaseReferralStatus) : undefined);
  const reason = f.reasonCode ? (REASON[f.reasonCode] ?? both(f.reasonCode, f.reasonCode)) : undefined;
  const because = reason ? both(`，原因：${reason.zh}`, `: ${reason.en}`) : both('', '');
  switch (status) {
    case 'employer_accepted':
      return both(
        `用人单位同意接收求助人（${vacancy.zh}）`,
        `The employer accepted the person for ${vacancy.en}`,
      );
    case 'employer_declined':
      return both(
        `用人单位未接收求助人（${vacancy.zh}）${because.zh}`,
        `The employer declined the person for ${vacancy.en}${because.en}`,
      );
    case 'person_accepted':
      return both(
        `求助人接受了${vacancy.zh}（${who.zh}记录）`,
        `The person accepted ${vacancy.en} (recorded by ${who.en})`,
      );
    case 'person_declined': {
      const counted = f.unjustified
        ? both('，不属于正当理由，计入拒绝次数', '; not a valid reason, so it counts as a refusal')
        : both('', '');
      return both(
        `求助人拒绝了${vacancy.zh}${because.zh}${counted.zh}（${who.zh}记录）`,
        `The person declined ${vacancy.en}${because.en}${counted.en} (recorded by ${who.en})`,
      );
    }
    case 'started':
      return both(
        `用人单位确认求助人已到${vacancy.zh}上岗`,
        `The employer confirmed the start at ${vacancy.en}`,
      );
    case 'ended':
      return both(`求助人在${vacancy.zh}的工作已结束`, `The person's job at ${vacancy.en} ended`);
    case 'expired':
      return both(`${vacancy.zh}的推荐已过期`, `The referral to ${vacancy.en} expired`);
    case 'proposed':
      return both(`已推荐${vacancy.zh}`, `${capitalized(vacancy.en)} was proposed`);
    default:
      return both(
        `推荐的答复已记录（${vacancy.zh}）`,
        `An answer to the referral was recorded (${vacancy.en})`,
      );
  }
}

function actorOf(actor: string, names: TimelineNames): Sentence {
  if (actor === SYSTEM || !actor) return both('系统', 'The system');
  const name = names.staff(actor);
  return both(name, name);
}

function vacancyOf(f: TimelineFacts, names: TimelineNames): Sentence {
  const known = f.vacancyId ? names.vacancy?.(f.vacancyId) : undefined;
  if (!known) return both('一个岗位', 'a vacancy');
  const employer = known.employerName;
  return both(
    `岗位「${known.title}」${employer ? `（${employer}）` : ''}`,
    `the vacancy “${known.title}”${employer ? ` at ${employer}` : ''}`,
  );
}

const ENDINGS: readonly string[] = ['withdrawn', 'unreachable', 'ineligible', 'referred-elsewhere'];
const isEnding = (state: string) => ENDINGS.includes(state);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Entries written before `facts` carry only a developer's summary: the facts are read back from its known
 * shapes (never shown as written: it holds ids and English codes).
 */
function legacyFacts(entry: TimelineEntry): TimelineFacts {
  const d = entry.detail ?? '';
  let m: RegExpMatchArray | null;
  switch (entry.kind) {
    case 'contact':
      m = d.match(/^(phone|in-person|online|sms|home-visit), (reached|not reached)/);
      return m ? { channel: m[1] as TimelineFacts['channel'], reached: m[2] === 'reached' } : {};
    case 'handoff':
      m = d.match(/^owner (\S+) → (\S+):/);
      return m ? { fromOwner: m[1], toOwner: m[2] } : {};
    case 'callback':
      if (d.startsWith('not reached')) return { reached: false };
      m = d.match(/^reached; (working|not working); satisfaction (\d)/);
      return m ? { reached: true, working: m[1] === 'working', satisfaction: Number(m[2]) } : {};
    case 'follow-up':
      if (d.startsWith('not reached')) return { reached: false };
      return { reached: true, stillEmployed: !d.startsWith('out of work') };
    case 'answer':
      m = d.match(/^person (accepted|declined) \S+(?: \(([\w-]+)(, not a valid reason)?\))?/);
      if (m) {
        return {
          answeredBy: 'person',
          answer: m[1] as 'accepted' | 'declined',
          ...(m[2] ? { reasonCode: m[2] } : {}),
          unjustified: !!m[3],
        };
      }
      m = d.match(
        /^\S+ (proposed|employer_accepted|employer_declined|person_accepted|person_declined|started|ended|expired)/,
      );
      return m ? { referralStatus: m[1] as CaseReferralStatus } : {};
    case 'referral':
      m = d.match(/started on (\d{4}-\d{2}-\d{2})( \(late\))?/);
      if (m) {
        return {
          startedOn: m[1],
          late: !!m[2],
          ...(d.startsWith('escalation') ? { escalationKind: legacyEscalationKind(d) } : {}),
        };
      }
      return {};
    case 'registration':
      return d.startsWith('registration failed') ? { failure: 'refused' } : {};
    case 'escalation': {
      const kind = legacyEscalationKind(d);
      return {
        ...(kind ? { escalationKind: kind } : {}),
        reservation: d.startsWith('released') ? 'released' : 'held',
      };
    }
    case 'escalation-failed':
      return d === 'the person is not registered' ? { failure: 'not-registered' } : {};
    case 'sla-warning':
      return d.startsWith('half')
        ? { milestone: 'half' }
        : d.startsWith('three')
          ? { milestone: 'threeQuarters' }
          : {};
    case 'transition':
      m = d.match(/^SLA due (\S+)/);
      return m ? { deadline: m[1] } : {};
    case 'sla-recomputed':
      m = d.match(/due (\S+) → (\S+)$/);
      return m ? { previousDeadline: m[1], deadline: m[2] } : {};
    default:
      return {};
  }
}

function legacyEscalationKind(detail: string): 'welfare_slot' | 'assistance_base' | undefined {
  if (detail.includes('welfare_slot')) return 'welfare_slot';
  if (detail.includes('assistance_base')) return 'assistance_base';
  return undefined;
}

/** The operator's words inside an old summary (after the first ": "), for the kinds that carried them. */
function legacyNote(entry: TimelineEntry): string | undefined {
  if (entry.facts || !entry.detail) return undefined;
  if (
    !['contact', 'handoff', 'callback', 'follow-up'].includes(entry.kind) &&
    !(entry.kind === 'transition' && entry.to && isEnding(entry.to))
  ) {
    return undefined;
  }
  if (entry.kind === 'transition') return entry.detail;
  const at = entry.detail.indexOf(': ');
  const note = at >= 0 ? entry.detail.slice(at + 2).trim() : '';
  return note || undefined;
}
