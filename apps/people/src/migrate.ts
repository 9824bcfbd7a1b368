import { loadConfigOrExit } from '@platform/config';
import { runMigrateCommand } from '@platform/database';
import { peopleDataSource } from './data-source';
import { peopleConfigShape } from './config';

// Run by the start script and by deployments before new replicas start; never at service boot.
const config = loadConfigOrExit(
  { DATABASE_URL: peopleConfigShape.DATABASE_URL, DB_SCHEMA: peopleConfigShape.DB_SCHEMA },
  'people migrate',
);
void runMigrateCommand('people', peopleDataSource(config.DATABASE_URL, config.DB_SCHEMA));
