/**
 * Benchmark of WorkingCalendar#deadline (O(1): prefix sums over the loaded years) against the naive
 * day-by-day loop (NaiveCalendar), in the same run, on the same random instants (2020-2026, seeded, so
 * every run uses the same ones) and the same N (1-10 working days). Single-threaded. Not a test.
 *
 *   npm run bench:calendar [-- --seconds 2]
 */
import { NaiveCalendar, OFFICIAL_CALENDAR, WorkingCalendar } from '@platform/calendar';

const TARGET_OPS = 1_000_000;
const SAMPLES = 1 << 16;
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 2;

/** mulberry32: a small seeded PRNG, so the instants are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = prng(962110);
const from = Date.parse('2020-01-01T00:00:00+08:00');
const to = Date.parse('2026-12-01T00:00:00+08:00'); // leaves room for N days before 2027 (not loaded)
const instants = Array.from({ length: SAMPLES }, () => new Date(from + Math.floor(random() * (to - from))));
const counts = Array.from({ length: SAMPLES }, () => 1 + Math.floor(random() * 10));

const fast = new WorkingCalendar(OFFICIAL_CALENDAR);
const naive = new NaiveCalendar(OFFICIAL_CALENDAR);

for (let i = 0; i < SAMPLES; i++) {
  const a = fast.deadline(instants[i], counts[i]);
  const b = naive.deadline(instants[i], counts[i]);
  if (
    a.deadline.getTime() !== b.deadline.getTime() ||
    a.dueDate !== b.dueDate ||
    a.provisional !== b.provisional
  ) {
    throw new Error(`fast and naive disagree on ${instants[i].toISOString()} + ${counts[i]}`);
  }
}

type Deadline = (instant: Date, n: number) => { deadline: Date };

/** Calls `fn` over the samples, round after round, for about `seconds`; returns calls per second. */
function measure(fn: Deadline, seconds: number): { opsPerSecond: number; sink: number } {
  let sink = 0;
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < SAMPLES; i++) sink ^= fn(instants[i], counts[i]).deadline.getTime() & 0xffff;
    calls += SAMPLES;
    elapsed = process.hrtime.bigint() - start;
  }
  return { opsPerSecond: calls / (Number(elapsed) / 1e9), sink };
}

const fastFn: Deadline = (instant, n) => fast.deadline(instant, n);
const naiveFn: Deadline = (instant, n) => naive.deadline(instant, n);

// Warm-up: let the JIT optimise both before measuring.
measure(fastFn, 0.5);
measure(naiveFn, 0.5);
const fastResult = measure(fastFn, SECONDS);
const naiveResult = measure(naiveFn, SECONDS);

const fmt = (ops: number) => Math.round(ops).toLocaleString('en-US');
const ratio = fastResult.opsPerSecond / naiveResult.opsPerSecond;
console.log(
  `node ${process.version} (${process.platform}-${process.arch}), ${SAMPLES} random instants 2020-2026, N = 1..10`,
);
console.log(`fast  (prefix sums):   ${fmt(fastResult.opsPerSecond)} deadlines/s`);
console.log(`naive (day-by-day):    ${fmt(naiveResult.opsPerSecond)} deadlines/s`);
console.log(`ratio fast/naive:      ${ratio.toFixed(1)}x`);
console.log(
  `target ≥ ${fmt(TARGET_OPS)}/s on one core: ${fastResult.opsPerSecond >= TARGET_OPS ? 'met' : 'NOT met'}` +
    ` (checksum ${fastResult.sink ^ naiveResult.sink})`,
);
