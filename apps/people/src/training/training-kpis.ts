/** The city's training targets (Chengdu's employment-service programme): ≥ 90 % pass, ≥ 90 % employed after. */
export const TRAINING_TARGET = 0.9;

/** How many months after completion an employment counts as "employed after training". */
export const EMPLOYMENT_WINDOW_MONTHS = 6;

export interface RateAgainstTarget {
  /** The share, 0..1, rounded to 4 decimals; null when there is nothing to measure yet. */
  rate: number | null;
  numerator: number;
  denominator: number;
  target: number;
  /** True / false against the target; null when there is nothing to measure. */
  met: boolean | null;
}

export interface TrainingKpis {
  referred: number;
  enrolled: number;
  completed: number;
  passed: number;
  passRate: RateAgainstTarget;
  /** Completed enrolments whose 6 months after completion are over: the employment rate's denominator. */
  employmentWindowClosed: number;
  employedAfterTraining: number;
  employedAfterTrainingRate: RateAgainstTarget;
  /** Completed, still inside their 6 months, already employed (not in the rate yet). */
  employedSoFarWindowOpen: number;
}

/** A share against the 90 % target; an empty denominator measures nothing (neither met nor missed). */
export function againstTarget(
  numerator: number,
  denominator: number,
  target = TRAINING_TARGET,
): RateAgainstTarget {
  if (denominator <= 0) return { rate: null, numerator, denominator, target, met: null };
  const rate = Math.round((numerator / denominator) * 10_000) / 10_000;
  return { rate, numerator, denominator, target, met: numerator >= target * denominator };
}

/**
 * The KPIs of a group of enrolments: pass rate = passed / completed; employed-after-training rate = employed
 * within 6 months of completion / completed enrolments whose 6 months are over.
 */
export function trainingKpis(counts: {
  referred: number;
  enrolled: number;
  completed: number;
  passed: number;
  windowClosed: number;
  employedAfter: number;
  employedSoFarOpen: number;
}): TrainingKpis {
  return {
    referred: counts.referred,
    enrolled: counts.enrolled,
    completed: counts.completed,
    passed: counts.passed,
    passRate: againstTarget(counts.passed, counts.completed),
    employmentWindowClosed: counts.windowClosed,
    employedAfterTraining: counts.employedAfter,
    employedAfterTrainingRate: againstTarget(counts.employedAfter, counts.windowClosed),
    employedSoFarWindowOpen: counts.employedSoFarOpen,
  };
}
