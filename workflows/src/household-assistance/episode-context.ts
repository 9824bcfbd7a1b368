/**
 * What every part of the household workflow shares: the input, the state, the tracking card and the projection
 * the hotline keeps (a local activity after every change). One per run.
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type {
  HouseholdActivities,
  HouseholdAssistanceInput,
  HouseholdAssistanceResult,
  HouseholdCardEntry,
  HouseholdEpisodeView,
} from '@platform/contracts';
import { type EpisodeState, newEpisodeState, viewOf } from './episode-state';
import { CARD_LIMIT } from './support';

/** A card entry as written: the workflow adds the time. */
export type NewCardEntry = Omit<HouseholdCardEntry, 'at'>;

export class EpisodeContext {
  readonly s: EpisodeState;
  /**
   * The workflow's own worker (part of the hotline) writes the projection: no activity task, no extra workflow
   * task. No attempt limit: while the database is down it keeps retrying (backoffs under a minute inside the
   * workflow task, longer ones as a timer), and the (episode, seq) key makes a repeat a no-op.
   */
  private readonly act = proxyLocalActivities<HouseholdActivities>({
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

  constructor(readonly input: HouseholdAssistanceInput) {
    this.s = newEpisodeState(input);
  }

  /** Workflow time: deterministic. */
  now(): string {
    return new Date().toISOString();
  }

  closed(): boolean {
    return this.s.status === 'closed';
  }

  view(): HouseholdEpisodeView {
    return viewOf(this.input, this.s);
  }

  /** A line on the tracking card; the card keeps its latest CARD_LIMIT lines. */
  card(entry: NewCardEntry): void {
    const card = this.s.card;
    card.push({ at: this.now(), ...entry });
    if (card.length > CARD_LIMIT) card.splice(0, card.length - CARD_LIMIT);
  }

  /**
   * Sends the view to the hotline's projection (board row, KPIs, the summary event) under the next sequence
   * number. The view is taken now, so out-of-order completions still carry the order of the changes.
   */
  record(): Promise<void> {
    const seq = ++this.s.seq;
    return this.act.recordHouseholdEpisode({ seq, view: this.view() });
  }

  result(): HouseholdAssistanceResult {
    return { episodeId: this.input.episodeId, resolution: this.s.resolution, stable: this.s.stable };
  }
}
