import { loadConfigOrExit } from '@platform/config';
import { runMigrateCommand } from '@platform/database';
import { hotlineDataSource } from './data-source';
import { hotlineConfigShape } from './config';

// Run by the start script and by deployments before new replicas start; never at service boot.
const config = loadConfigOrExit(
  { DATABASE_URL: hotlineConfigShape.DATABASE_URL, DB_SCHEMA: hotlineConfigShape.DB_SCHEMA },
  'hotline migrate',
);
void runMigrateCommand('hotline', hotlineDataSource(config.DATABASE_URL, config.DB_SCHEMA));
