/**
 * Counts what the seeder created and found, per kind, for the closing summary. Only counts, kinds, states and
 * error summaries are ever printed: no names, ID numbers or phones.
 */
export class Tally {
  private readonly counts = new Map<string, { created: number; existing: number }>();
  private readonly notes: string[] = [];
  private readonly failures: string[] = [];

  created(kind: string, count = 1): void {
    this.entry(kind).created += count;
  }

  existing(kind: string, count = 1): void {
    this.entry(kind).existing += count;
  }

  /** A remark for the summary, e.g. why some data could not be created. Printed once. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  failed(what: string, error: unknown): void {
    this.failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }

  get failureCount(): number {
    return this.failures.length;
  }

  lines(): string[] {
    const width = Math.max(...[...this.counts.keys()].map((kind) => kind.length), 0);
    return [
      ...[...this.counts].map(
        ([kind, { created, existing }]) =>
          `  ${kind.padEnd(width)}  ${created} created, ${existing} existing`,
      ),
      ...this.notes.map((text) => `  note: ${text}`),
      ...this.failures.map((text) => `  FAILED ${text}`),
    ];
  }

  private entry(kind: string) {
    let entry = this.counts.get(kind);
    if (!entry) this.counts.set(kind, (entry = { created: 0, existing: 0 }));
    return entry;
  }
}
