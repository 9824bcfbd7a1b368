import { loadConfigOrExit } from '@platform/config';
import { Topics } from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { employersConfigShape } from './config';
import { employersDataSource } from './data-source';
import { usccCheckCharacter } from './employers/uscc';

// Run by the local start command after `migrate`: the employer the hotline's `employer.demo` account acts for.
// Its id is fixed by that account (the API assigns ids, so it cannot be created over HTTP).
const DEMO_EMPLOYER_ID = '00000000-0000-4000-8000-000000000001';
const USCC_BODY = '91510107MA9621100';

const config = loadConfigOrExit(
  {
    NODE_ENV: employersConfigShape.NODE_ENV,
    DATABASE_URL: employersConfigShape.DATABASE_URL,
    DB_SCHEMA: employersConfigShape.DB_SCHEMA,
  },
  'employers seed-demo',
);

async function main(): Promise<void> {
  if (config.NODE_ENV === 'production') {
    process.stderr.write('employers seed-demo: refusing to create the demo employer in production\n');
    process.exitCode = 1;
    return;
  }
  const dataSource = await employersDataSource(config.DATABASE_URL, config.DB_SCHEMA).initialize();
  const s = config.DB_SCHEMA;
  try {
    const created = await dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; name: string; district_code: string }> = await manager.query(
        `INSERT INTO "${s}".employers
           (id, uscc, name, industry, district_code, street_code, community_code, org_path, address_detail, contacts)
         VALUES ($1, $2, '成都玉林示范用工有限公司', '物业管理', '510107', '510107003', '510107003001',
                 '510100/510107/510107003', '玉林北路 2 号', '[]')
         ON CONFLICT DO NOTHING
         RETURNING id, name, district_code`,
        [DEMO_EMPLOYER_ID, USCC_BODY + usccCheckCharacter(USCC_BODY)],
      );
      if (!rows.length) return false;
      // The same event an employer registered through the API announces.
      await enqueueEvent(manager, s, Topics.employersEmployer, {
        type: 'employers.employer.registered',
        source: 'employers',
        subject: rows[0].id,
        correlationId: 'seed-demo',
        data: {
          employerId: rows[0].id,
          name: rows[0].name,
          districtCode: rows[0].district_code,
          registeredBy: 'seed-demo',
        },
      });
      return true;
    });
    process.stdout.write(
      `${JSON.stringify({ level: 'info', service: 'employers', msg: 'demo employer seeded', created })}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `employers seed-demo: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

void main();
