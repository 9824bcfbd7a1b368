import type { EmployerDeclineReason } from '@platform/contracts';

/**
 * The labels of the jobs service's decline reason codes (it stores the code and the employer's note): the
 * employer picks one in the portal, supervisors read the counts on the KPI page.
 */
export const DECLINE_REASONS: Record<EmployerDeclineReason, { zh: string; en: string }> = {
  skills_mismatch: { zh: '技能不符合岗位要求', en: 'Skills do not match the vacancy' },
  position_filled: { zh: '岗位已招满', en: 'The position has been filled' },
  schedule_mismatch: { zh: '工作时间无法匹配', en: 'Working hours do not fit' },
  physical_mismatch: { zh: '岗位体力要求不适合', en: 'Physical demands do not suit the candidate' },
  unreachable: { zh: '联系不上候选人', en: 'The candidate could not be reached' },
  other: { zh: '其他原因', en: 'Other reason' },
};
