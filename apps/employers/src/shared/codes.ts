/** Assistance categories are policy data (codes), not an enum in code. */
export const CATEGORY = /^[a-z0-9_-]{1,40}$/;
/** yyyy-mm of this century (the dates around it are computed by Postgres, which refuses year 0). */
export const PERIOD = /^20\d{2}-(0[1-9]|1[0-2])$/;
/** A Chengdu district, or the city itself (510100) for what serves the whole city. */
export const DISTRICT = /^5101\d{2}$/;
export const COMMUNITY = /^5101\d{8}$/;
