import { EntityManager } from 'typeorm';

/**
 * Picks how a keyword search (newest first, one page) runs, because the planner gets it wrong both ways:
 * - several grams: it multiplies their frequencies as if independent, but the bigrams of one word are strongly
 *   correlated (五险, 险一, 一金), so it thinks a common phrase is rare and fetches every hit (or scans the table)
 *   and sorts: 440 ms at 1M vacancies;
 * - a gram that never occurs (鲸): it walks the created_at index expecting a hit soon and reads all of it: 3.8 s.
 * From the lexeme statistics we know how common the rarest gram is: common → walk the newest vacancies and stop
 * after a page ("newest-first"); rare → fetch the few hits through the n-gram GIN index and sort them.
 * The choice is applied with SET LOCAL for that one statement.
 */
export interface GramStats {
  /** Lexeme frequencies from pg_stats (share of rows containing each). */
  frequency: Map<string, number>;
  /** The lowest listed frequency: an unlisted gram is at most this common (the GIN path bounds its cost). */
  floor: number;
}

export const NEWEST_FIRST_MIN_FREQUENCY = 0.003;

export type SearchPlan = 'newest-first' | 'n-gram-index';

/**
 * newest-first: an ordered scan of the (created_at DESC, id) index that stops after a page — no bitmap, no
 * sequential scan, no sort, no parallel workers (which would sort), no JIT (compiling cost 40 ms).
 * n-gram-index: the GIN bitmap, then a sort of the few hits.
 */
export const PLAN_SETTINGS: Record<SearchPlan, string[]> = {
  'newest-first': [
    'SET LOCAL enable_bitmapscan = off',
    'SET LOCAL enable_seqscan = off',
    'SET LOCAL enable_sort = off',
    'SET LOCAL max_parallel_workers_per_gather = 0',
    'SET LOCAL jit = off',
  ],
  'n-gram-index': [
    'SET LOCAL enable_indexscan = off',
    'SET LOCAL enable_seqscan = off',
    'SET LOCAL jit = off',
  ],
};

export async function readGramStats(manager: EntityManager, schema: string): Promise<GramStats> {
  const [row] = (await manager.query(
    `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
       FROM pg_stats WHERE schemaname = $1 AND tablename = 'vacancies' AND attname = 'search_grams'`,
    [schema],
  )) as Array<{ elems: string[] | null; freqs: number[] | null }>;
  const frequency = new Map<string, number>();
  (row?.elems ?? []).forEach((gram, i) => frequency.set(gram, Number(row!.freqs![i])));
  // most_common_elem_freqs ends with the minimum, maximum and null frequency.
  const listed = [...frequency.values()];
  return { frequency, floor: listed.length ? Math.min(...listed) : 0 };
}

/**
 * An unlisted gram counts as absent: it is rarer than every listed one, possibly absent altogether, and a
 * newest-first walk for a keyword with no hit reads the whole index.
 */
export function searchPlan(grams: string[], stats: GramStats): SearchPlan {
  const rarest = Math.min(...grams.map((gram) => stats.frequency.get(gram) ?? 0));
  return rarest >= NEWEST_FIRST_MIN_FREQUENCY ? 'newest-first' : 'n-gram-index';
}
