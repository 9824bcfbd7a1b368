export const BOARD_CONFIG = Symbol('BOARD_CONFIG');

/** What the board needs from the hotline config. */
export interface BoardConfig {
  NODE_ENV: string;
  DATABASE_URL: string;
  /** Working hours without referral news after which the board says the employer is silent. */
  BOARD_EMPLOYER_SILENT_WORKING_HOURS: number;
}
