/**
 * Where a case's person can work from, as `GET`/`PUT /cases/{id}/location` answer it: the community by name and
 * the address masked, never coordinates (matching measures from the community's centroid or the intake's point).
 */
export interface CaseLocation {
  /**
   * Which point matching uses: `operator` — the community an operator set on the case; `intake` — the point the
   * intake recorded; `community` — the centroid of the case's own community; `none` — no point known at all.
   */
  source: 'operator' | 'intake' | 'community' | 'none';
  communityCode: string;
  community: { zh: string; en: string | null };
  street: { zh: string; en: string | null } | null;
  district: { zh: string; en: string | null } | null;
  /** The address the operator gave, masked (its first characters only); null when none was given. */
  addressMasked: string | null;
  /** Who set it (username and the name screens show) and when; null unless `source` is `operator`. */
  setBy: string | null;
  setByName: string | null;
  setAt: string | null;
}

/** PUT /cases/{id}/location: a community of the org tree and, optionally, the address within it. */
export interface SetCaseLocation {
  communityCode: string;
  address?: string;
}
