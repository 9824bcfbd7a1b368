/**
 * Fills a running local stack with demo data for Chengdu so every console screen has something to show:
 * employers, assistance bases, public-welfare pools, vacancies, persons and households, and help-request cases
 * in every state of the workflow. Talks only to the services' HTTP APIs, as the demo accounts. Idempotent: a
 * second run finds everything and creates nothing. Prints counts only (never personal data).
 *
 *   node -r @swc-node/register scripts/demo/seed-demo-data.ts
 *
 * Service URLs: HOTLINE_URL, PEOPLE_URL, EMPLOYERS_URL, JOBS_URL (default 127.0.0.1:3000…3003).
 */
import { ensureAccounts, JINJIANG_OPERATOR } from './accounts';
import { ensureCases } from './cases';
import { DEMO_EMPLOYERS, ensureAssistanceBases, ensureEmployers, ensureWelfarePools } from './employers';
import { login, serviceUrlsFromEnv, Session } from './http-client';
import { ensurePeople } from './people';
import { Tally } from './tally';
import { DEMO_EMPLOYER_ACCOUNT, ensureVacancies } from './vacancies';

async function main(): Promise<void> {
  const started = Date.now();
  const urls = serviceUrlsFromEnv();
  const tally = new Tally();

  const admin = await login(urls, 'admin');
  await ensureAccounts(admin, [JINJIANG_OPERATOR], tally);
  const employerIds = await ensureEmployers(admin, tally);
  await ensureAssistanceBases(admin, employerIds, tally);
  await ensureWelfarePools(admin, tally);

  // Each of these logs in once (login is throttled per client).
  const operators = ['operator.wuhou', JINJIANG_OPERATOR.username];
  const employers = [DEMO_EMPLOYER_ACCOUNT, ...DEMO_EMPLOYERS.map((employer) => employer.account.username)];
  const sessions = new Map<string, Session>();
  for (const username of [...operators, ...employers]) sessions.set(username, await login(urls, username));

  const vacancies = await ensureVacancies(
    new Map(employers.map((username) => [username, sessions.get(username)!])),
    tally,
  );
  // Each person is registered by the station of their community.
  const staffFor = (communityCode: string) =>
    sessions.get(communityCode.startsWith('510104') ? JINJIANG_OPERATOR.username : 'operator.wuhou')!;
  const personIds = await ensurePeople(staffFor, tally);
  await ensureCases({ sessions, vacancies, personIds, tally });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write([`demo data (Chengdu) in ${seconds} s:`, ...tally.lines(), ''].join('\n'));
  if (tally.failureCount) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`demo data: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
