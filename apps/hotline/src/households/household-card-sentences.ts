import type { HouseholdCardEntry, HouseholdContactKind, HouseholdStaffLevel } from '@platform/contracts';
import type { Sentence } from '../cases/timeline-sentences';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

const LEVEL: Record<HouseholdStaffLevel, Sentence> = {
  helper: { zh: '一对一帮扶人', en: 'one-to-one helper' },
  community: { zh: '社区责任人', en: 'community staff in charge' },
  street: { zh: '街道责任人', en: 'street staff in charge' },
};

const CONTACT: Record<HouseholdContactKind, Sentence> = {
  call: { zh: '电话联系', en: 'called' },
  visit: { zh: '上门走访', en: 'visited' },
  referral: { zh: '推荐岗位', en: 'referred to a job' },
  training: { zh: '推荐培训', en: 'referred to training' },
  other: { zh: '其他服务', en: 'served' },
};

/** `2027-03-26` (Shanghai) of an instant: the day a clock entry is about. */
function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day before `dueAt` (00:00 Shanghai after the last counted day): the last day of the clock. */
function lastDay(dueAt: string): string {
  return shanghaiDay(new Date(Date.parse(dueAt) - 1).toISOString());
}

/**
 * One tracking-card line as a sentence in both languages. Members are not named here (the hotline holds no
 * names of household members): the console shows the member's name beside the line from the household it reads.
 */
export function householdCardSentence(
  entry: HouseholdCardEntry,
  staff: (username: string) => string,
): Sentence {
  const by = entry.actor === 'system' ? null : staff(entry.actor);
  const member = entry.personId ? { zh: '一名成员', en: 'a member' } : { zh: '家庭成员', en: 'a member' };
  switch (entry.kind) {
    case 'found':
      return entry.dueAt
        ? {
            zh: `发现零就业家庭，须在 ${lastDay(entry.dueAt)} 前帮助一人就业`,
            en: `Found as a zero-employment household: one member into work by ${lastDay(entry.dueAt)}`,
          }
        : { zh: '发现零就业家庭', en: 'Found as a zero-employment household' };
    case 'certified':
      return { zh: '认定为零就业家庭', en: 'Certified as a zero-employment household' };
    case 'warning':
      return {
        zh: `预警：须在 ${lastDay(entry.dueAt ?? entry.at)} 前帮助一人就业`,
        en: `Warning: one member must be in work by ${lastDay(entry.dueAt ?? entry.at)}`,
      };
    case 'breached':
      return {
        zh: `已超时：${lastDay(entry.dueAt ?? entry.at)} 前无人就业`,
        en: `Overdue: no member in work by ${lastDay(entry.dueAt ?? entry.at)}`,
      };
    case 'member-employed':
      return { zh: `${member.zh}已就业`, en: `${capital(member.en)} started work` };
    case 'left-status':
      return entry.resolution === 'no-longer-qualifies'
        ? { zh: '家庭不再符合零就业家庭条件', en: 'The household no longer qualifies as zero-employment' }
        : {
            zh: '家庭已有成员就业，退出零就业状态',
            en: 'A member is in work: the household left the zero-employment status',
          };
    case 'reentered-status':
      return { zh: '家庭再次处于零就业状态', en: 'The household is at zero employment again' };
    case 'reopened':
      return { zh: '重新开启帮扶，时限重新计算', en: 'Help reopened with a new deadline' };
    case 'double-requested':
      return {
        zh: '家庭申请双就业，一个月内帮助第二人就业',
        en: 'The household asked for double employment: a second member into work within a month',
      };
    case 'double-achieved':
      return { zh: '已实现双就业', en: 'Double employment reached' };
    case 'double-warning':
      return {
        zh: `双就业预警：须在 ${lastDay(entry.dueAt ?? entry.at)} 前实现`,
        en: `Warning: double employment due by ${lastDay(entry.dueAt ?? entry.at)}`,
      };
    case 'double-breached':
      return { zh: '双就业已超时', en: 'Double employment overdue' };
    case 'follow-up-due':
      return { zh: '稳定就业回访到期', en: 'A stable-employment follow-up is due' };
    case 'follow-up':
      return entry.stillEmployed
        ? { zh: `${by ?? '系统'}回访：仍在岗`, en: `${by ?? 'System'} followed up: still in work` }
        : { zh: `${by ?? '系统'}回访：已离岗`, en: `${by ?? 'System'} followed up: no longer in work` };
    case 'staff-assigned': {
      const assignee = entry.assignee ? staff(entry.assignee) : '—';
      const level = LEVEL[entry.level ?? 'helper'];
      return { zh: `${level.zh}：${assignee}`, en: `${capital(level.en)}: ${assignee}` };
    }
    case 'contact': {
      const kind = CONTACT[entry.contactKind ?? 'other'];
      return { zh: `${by ?? '系统'}${kind.zh}`, en: `${by ?? 'System'} ${kind.en}` };
    }
    case 'case-linked':
      return {
        zh: `${member.zh}的求助个案纳入本户帮扶`,
        en: `${capital(member.en)}'s help request joined the household's help`,
      };
    case 'closed':
      return { zh: `${by ?? '系统'}结束帮扶`, en: `${by ?? 'System'} ended the help` };
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
