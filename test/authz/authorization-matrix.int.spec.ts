import { Platform, startPlatform } from '../e2e/support/platform';
import { EXPECTATIONS } from './expectations';
import { buildFixtures, Fixtures } from './fixtures';
import { Cell, formatMatrix, inParallel, runRow, SERVICES } from './matrix';
import { documentedOperations, Operation } from './openapi-operations';

/** Rows in flight at once: enough to overlap the workflow round trips, few enough for a 2-core machine. */
const CONCURRENT_ROWS = 4;

// Every documented operation of every service, called as every role on real objects of two areas and two
// employers, against the table in expectations.ts.
describe('authorization matrix: every operation × every role', () => {
  let platform: Platform;
  let fx: Fixtures;
  const documented = new Map<string, { service: (typeof SERVICES)[number]; operation: Operation }>();

  beforeAll(async () => {
    platform = await startPlatform();
    fx = await buildFixtures(platform);
    for (const service of SERVICES) {
      for (const operation of await documentedOperations(platform.urls[service]))
        documented.set(`${service} ${operation.key}`, { service, operation });
    }
  }, 240_000);
  afterAll(() => platform?.close(), 60_000);

  it('has a row for every documented operation, and no row for an operation that is gone', () => {
    const tabled = SERVICES.flatMap((service) =>
      Object.keys(EXPECTATIONS[service]).map((key) => `${service} ${key}`),
    );
    expect({ withoutRow: [...documented.keys()].filter((key) => !tabled.includes(key)) }).toEqual({
      withoutRow: [],
    });
    expect({ notDocumented: tabled.filter((key) => !documented.has(key)) }).toEqual({ notDocumented: [] });
  });

  it('answers every role as the table says', async () => {
    const rows = [...documented.values()].filter(
      ({ service, operation }) => EXPECTATIONS[service][operation.key],
    );
    const run =
      ({ service, operation }: (typeof rows)[number]) =>
      () =>
        runRow(fx, platform.urls[service], service, operation, EXPECTATIONS[service][operation.key]);
    const isLast = ({ service, operation }: (typeof rows)[number]) =>
      !!EXPECTATIONS[service][operation.key].last;
    const cells: Cell[] = [
      ...(await inParallel(CONCURRENT_ROWS, rows.filter((row) => !isLast(row)).map(run))),
      ...(await inParallel(1, rows.filter(isLast).map(run))),
    ].flat();
    console.log(formatMatrix(cells));
    const wrong = cells
      .filter((cell) => !cell.passed)
      .map(
        (cell) =>
          `${cell.service} ${cell.key} as ${cell.role}: ${cell.status}, expected ${cell.expected} — ${cell.answer}`,
      );
    expect(wrong).toEqual([]);
  }, 180_000);
});
