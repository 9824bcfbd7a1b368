/**
 * The time a service acts at. Code that decides by today's date (coverage warnings, periods, ages) asks the
 * injected clock, so tests choose the date and pass on any day of the year.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stays where it is set: for tests and replays. */
export class FixedClock extends Clock {
  constructor(private at: Date) {
    super();
  }

  now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = at;
  }
}
