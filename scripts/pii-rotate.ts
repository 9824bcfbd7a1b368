/**
 * Re-encrypts personal data at rest: every encrypted value of the people service (ID number, phone, disability
 * certificate number, circumstances, a household's low-income flag, the reasons of a person's categories) and
 * of the hotline (a case's intake, kept until its workflow starts) that is not on the active key, or not yet
 * bound to its row, is decrypted and written again with the active key and its row's context. In batches, each
 * write conditional on the value read (a concurrent update by a service wins); running it again finds nothing
 * to do. Prints a line of counts per column; exits 1 if a value did not
 * decrypt (a key missing from the list, or a tampered or copied value): those stay as they are.
 *
 *   npm run pii:rotate               # people and hotline
 *   npm run pii:rotate -- people     # one service
 *
 * Each service has its own keys, given as that service reads them with a prefix — PEOPLE_PII_ENCRYPTION_KEYS,
 * PEOPLE_PII_ACTIVE_KEY_ID, PEOPLE_PII_BLIND_INDEX_KEY, and HOTLINE_… — or unprefixed when both share them (the
 * local stack). PEOPLE_DATABASE_URL / HOTLINE_DATABASE_URL (default DATABASE_URL), PEOPLE_DB_SCHEMA /
 * HOTLINE_DB_SCHEMA (default the service name), PII_ROTATE_BATCH (default 500). docs/operations.md says when.
 */
import { Pool } from 'pg';
import { z } from 'zod';
import { loadConfig } from '@platform/config';
import { PiiCipher, piiKeyFields, RotationCounts, rotateEncryptedColumn, SqlRunner } from '@platform/pii';
import { PEOPLE_ENCRYPTED_COLUMNS } from '../apps/people/src/pii/encrypted-columns';

/**
 * The hotline's encrypted columns: a case's waiting intake (bound as `intakeContext` in
 * apps/hotline/src/cases/cases.service.ts), the address an operator gave for where the person can work from
 * (`locationAddressContext` in apps/hotline/src/cases/location/case-location.service.ts), the caller's card and
 * waiting intake person (apps/hotline/src/cases/case-caller.ts, bound to the case) and a job fair applicant's
 * details and intake (apps/hotline/src/job-fairs/job-fairs.service.ts). The rotation spec checks that every
 * `*_enc` / `*_encrypted` column of both schemas is listed.
 */
const HOTLINE_ENCRYPTED_COLUMNS = [
  { table: 'cases', column: 'intake_encrypted' },
  { table: 'case_location_changes', column: 'address_encrypted' },
  { table: 'case_callers', column: 'card_encrypted', idColumn: 'case_id' },
  { table: 'case_callers', column: 'person_encrypted', idColumn: 'case_id' },
  { table: 'job_fair_applications', column: 'applicant_encrypted' },
  { table: 'job_fair_applications', column: 'intake_encrypted' },
];

export const ENCRYPTED_COLUMNS = { people: PEOPLE_ENCRYPTED_COLUMNS, hotline: HOTLINE_ENCRYPTED_COLUMNS };
type Service = keyof typeof ENCRYPTED_COLUMNS;

export interface RotationTarget {
  db: SqlRunner;
  schema: string;
  cipher: PiiCipher;
  columns: Array<{ table: string; column: string; idColumn?: string }>;
}

export async function rotatePii(targets: RotationTarget[], batchSize = 500): Promise<RotationCounts[]> {
  const results: RotationCounts[] = [];
  for (const { db, schema, cipher, columns } of targets) {
    for (const { table, column, idColumn } of columns) {
      results.push(await rotateEncryptedColumn(db, { schema, table, column, idColumn }, cipher, batchSize));
    }
  }
  return results;
}

/** A service's settings: `<SERVICE>_<NAME>` when set, else `<NAME>`. */
function settingsOf(service: Service, env: NodeJS.ProcessEnv) {
  const prefix = `${service.toUpperCase()}_`;
  const pick = (name: string) => env[prefix + name] ?? env[name];
  const keys = loadConfig(piiKeyFields, {
    PII_ENCRYPTION_KEYS: pick('PII_ENCRYPTION_KEYS'),
    PII_ACTIVE_KEY_ID: pick('PII_ACTIVE_KEY_ID'),
    PII_BLIND_INDEX_KEY: pick('PII_BLIND_INDEX_KEY'),
  });
  const url = z.string().url(`set ${prefix}DATABASE_URL or DATABASE_URL`).parse(pick('DATABASE_URL'));
  return { cipher: new PiiCipher(keys), url, schema: env[`${prefix}DB_SCHEMA`] ?? service };
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in ENCRYPTED_COLUMNS));
  if (unknown.length) throw new Error(`unknown service ${unknown.join(', ')}: use people and/or hotline`);
  const services = (asked.length ? asked : Object.keys(ENCRYPTED_COLUMNS)) as Service[];
  const batchSize = z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .parse(process.env.PII_ROTATE_BATCH ?? 500);
  const pools: Pool[] = [];
  try {
    const targets = services.map((service): RotationTarget => {
      const { cipher, url, schema } = settingsOf(service, process.env);
      const pool = new Pool({ connectionString: url, max: 2, application_name: 'pii-rotate' });
      pools.push(pool);
      const db: SqlRunner = { query: async (sql, params) => (await pool.query(sql, params)).rows };
      return { db, schema, cipher, columns: ENCRYPTED_COLUMNS[service] };
    });
    const results = await rotatePii(targets, batchSize);
    for (const r of results) {
      process.stdout.write(
        `${r.column}: ${r.stale} to rotate, ${r.rotated} rotated, ${r.skipped} changed meanwhile, ${r.failed} failed\n`,
      );
    }
    if (results.some((r) => r.failed > 0)) process.exitCode = 1;
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // Config errors name the variable, never its value.
    process.stderr.write(`pii:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
