import type { EpisodeFollowUp, EpisodeSummary } from './api-types';

/** The episode a member's case links to: the household's newest one still open or following up, if any. */
export function assistedEpisode<T extends Pick<EpisodeSummary, 'status'>>(newestFirst: T[]): T | null {
  return newestFirst.find((e) => e.status === 'open' || e.status === 'resolved') ?? null;
}

/** Where an episode's 20-day clock stands, as the board colours it. */
export type ClockState = 'breached' | 'warning' | 'on-track' | 'met' | 'ended';

export function clockStateOf(
  episode: Pick<EpisodeSummary, 'status' | 'breached' | 'warned' | 'metAt'>,
): ClockState {
  if (episode.status === 'open') {
    if (episode.breached) return 'breached';
    return episode.warned ? 'warning' : 'on-track';
  }
  return episode.metAt ? 'met' : 'ended';
}

/** Double employment (双就业): not asked for, running, met, late, or ended with the episode before it was met. */
export type DoubleState = 'none' | 'running' | 'met' | 'breached' | 'ended';

export function doubleStateOf(
  episode: Pick<EpisodeSummary, 'doubleRequestedAt' | 'doubleMetAt' | 'doubleBreached'> &
    Partial<Pick<EpisodeSummary, 'status'>>,
): DoubleState {
  if (!episode.doubleRequestedAt) return 'none';
  if (episode.doubleMetAt) return 'met';
  if (episode.status === 'closed') return 'ended';
  return episode.doubleBreached ? 'breached' : 'running';
}

/** The follow-up to record now: the earliest one not done whose day has come (none before it is due). */
export function dueFollowUp(followUps: EpisodeFollowUp[], now: Date): EpisodeFollowUp | null {
  return (
    [...followUps]
      .sort((a, b) => a.month - b.month)
      .find((f) => !f.doneAt && new Date(f.dueAt).getTime() <= now.getTime()) ?? null
  );
}

/** A rate as the KPI strip shows it: one decimal and a percent sign; no episodes yet = a dash. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate}%`;
}

/** The board's tag colours: red for overdue, orange for the warning, as on the case board. */
export const CLOCK_COLOURS: Record<ClockState, string> = {
  breached: 'red',
  warning: 'orange',
  'on-track': 'blue',
  met: 'green',
  ended: 'default',
};

export const DOUBLE_COLOURS: Record<DoubleState, string> = {
  none: 'default',
  running: 'blue',
  met: 'green',
  breached: 'red',
  ended: 'default',
};
