/**
 * The query side of the n-gram index (migration 1764100000000, function cjk_grams): a keyword becomes the AND of
 * the grams that must all be in a matching text, plus the terms that need an ILIKE recheck (3+ characters,
 * where bigrams alone can match text that does not contain the whole term).
 */
export interface GramQuery {
  /** A tsquery literal, e.g. `'保洁' & '洁员'`. */
  tsquery: string;
  /** The grams ANDed in the tsquery. */
  grams: string[];
  /** ILIKE patterns, escaped, that every matching text must also satisfy. */
  recheck: string[];
}

export function keywordTerms(keyword: string): string[] {
  return keyword
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((term) => term.length > 0);
}

const lexeme = (gram: string) => `'${gram.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Null when the keyword has no searchable character. */
export function gramQuery(keyword: string): GramQuery | null {
  const terms = keywordTerms(keyword);
  if (!terms.length) return null;
  const grams = new Set<string>();
  const recheck: string[] = [];
  for (const term of terms) {
    const chars = [...term];
    if (chars.length <= 2) grams.add(term);
    else {
      for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i] + chars[i + 1]);
      recheck.push(likePattern(term));
    }
  }
  return { tsquery: [...grams].map(lexeme).join(' & '), grams: [...grams], recheck };
}
