import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthenticatedUser } from '@platform/auth';
import { formatDay, parseDay } from '@platform/calendar';
import type { PlanAgendaItem } from '@platform/contracts';
import { PiiCipher } from '@platform/pii';
import { HotlineConfig } from '../config';
import { CallerCards } from '../cases/case-caller';
import { CASES_CONFIG } from '../cases/case-workflows';
import { areaScope } from '../org-tree/area-scope';
import { PersonalPlansRepository } from './personal-plans.repository';

/** Items due within this many days after the agenda's day are listed beside the overdue ones. */
export const PLAN_ITEMS_WITHIN_DAYS = 7;
/** Like the agenda's other lists: a longer list is a backlog for the supervisor, not a day's work. */
const PLAN_AGENDA_LIMIT = 500;

/**
 * The personal-plan part of the operator's agenda (GET /cases/agenda): open items of plans in force that are
 * past due on the agenda's day or due within the next `PLAN_ITEMS_WITHIN_DAYS` days (Asia/Shanghai days). An
 * operator sees the items they are responsible for or whose case they own; a supervisor, the whole area.
 */
@Injectable()
export class PlanAgenda {
  private readonly logger = new Logger(PlanAgenda.name);
  private readonly callers: CallerCards;

  constructor(
    private readonly repository: PersonalPlansRepository,
    @Inject(CASES_CONFIG) config: HotlineConfig,
  ) {
    this.callers = new CallerCards(new PiiCipher(config), config.PII_BLIND_INDEX_KEY);
  }

  async items(user: AuthenticatedUser, day: string): Promise<PlanAgendaItem[]> {
    const dayNumber = parseDay(day);
    const rows = await this.repository.dueItems(areaScope(user), {
      throughDay: formatDay(dayNumber + PLAN_ITEMS_WITHIN_DAYS),
      staff: user.roles.includes('supervisor') ? undefined : user.username,
      limit: PLAN_AGENDA_LIMIT,
    });
    return rows.map((row) => {
      const daysOverdue = dayNumber - parseDay(row.dueOn);
      return {
        planId: row.planId,
        itemId: row.itemId,
        caseId: row.caseId,
        person: this.person(row.cardEncrypted, row.caseId),
        kind: row.kind,
        description: row.description,
        dueOn: row.dueOn,
        responsible: row.responsible,
        responsibleName: row.responsibleName ?? row.responsible,
        daysOverdue,
        overdue: daysOverdue > 0,
      };
    });
  }

  /** The person's name and masked phone from the case's caller card (never the full phone). */
  private person(cardEncrypted: string | null, caseId: string): PlanAgendaItem['person'] {
    if (!cardEncrypted) return null;
    try {
      const card = this.callers.card(cardEncrypted, caseId);
      return { name: card.name, phoneMasked: card.phoneMasked };
    } catch (error) {
      this.logger.error({ caseId, err: error }, 'caller card does not decrypt');
      return null;
    }
  }
}
