import { loadConfigOrExit } from '@platform/config';
import { hotlineConfigShape } from './config';
import { hotlineDataSource } from './data-source';
import { seedDemoAccounts } from './identity/demo-accounts';

// Run by the local start command after `migrate`; creates the demo accounts that are missing.
const config = loadConfigOrExit(
  {
    NODE_ENV: hotlineConfigShape.NODE_ENV,
    DATABASE_URL: hotlineConfigShape.DATABASE_URL,
    DB_SCHEMA: hotlineConfigShape.DB_SCHEMA,
  },
  'hotline seed-demo',
);

async function main(): Promise<void> {
  if (config.NODE_ENV === 'production') {
    process.stderr.write(
      'hotline seed-demo: refusing to create demo accounts (published password) in production\n',
    );
    process.exitCode = 1;
    return;
  }
  const dataSource = await hotlineDataSource(config.DATABASE_URL, config.DB_SCHEMA).initialize();
  try {
    const created = await seedDemoAccounts(dataSource, config.DB_SCHEMA);
    process.stdout.write(
      `${JSON.stringify({ level: 'info', service: 'hotline', msg: 'demo accounts seeded', created })}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `hotline seed-demo: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

void main();
