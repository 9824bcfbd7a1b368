import { loadConfigOrExit } from '@platform/config';
import { runMigrateCommand } from '@platform/database';
import { employersDataSource } from './data-source';
import { employersConfigShape } from './config';

// Run by the start script and by deployments before new replicas start; never at service boot.
const config = loadConfigOrExit(
  { DATABASE_URL: employersConfigShape.DATABASE_URL, DB_SCHEMA: employersConfigShape.DB_SCHEMA },
  'employers migrate',
);
void runMigrateCommand('employers', employersDataSource(config.DATABASE_URL, config.DB_SCHEMA));
