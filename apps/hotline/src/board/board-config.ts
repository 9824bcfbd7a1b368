export const BOARD_CONFIG = Symbol('BOARD_CONFIG');

/** What the board needs from the hotline config. */
export interface BoardConfig {
  NODE_ENV: string;
  DATABASE_URL: string;
}
