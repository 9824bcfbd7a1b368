import { loadConfigOrExit } from '@platform/config';
import { runMigrateCommand } from '@platform/database';
import { jobsDataSource } from './data-source';
import { jobsConfigShape } from './config';

// Run by the start script and by deployments before new replicas start; never at service boot.
const config = loadConfigOrExit(
  { DATABASE_URL: jobsConfigShape.DATABASE_URL, DB_SCHEMA: jobsConfigShape.DB_SCHEMA },
  'jobs migrate',
);
void runMigrateCommand('jobs', jobsDataSource(config.DATABASE_URL, config.DB_SCHEMA));
