/**
 * Fills a running local stack with demo data for Chengdu so every console screen has something to show:
 * employers, assistance bases, public-welfare pools, vacancies, persons and households, help-request cases
 * in every state of the workflow, and the employment-service programme on them (training courses, job fairs,
 * personal plans, confirmed 3+1 recommendations, social-insurance lists for the ledgers). Talks only to the services' HTTP APIs, as the demo accounts. Idempotent: a
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
import { ensureJobFairs } from './job-fairs';
import { ensureLedgerImports } from './ledger-imports';
import { ensurePeople, findPerson, personByRef } from './people';
import { ensurePersonalPlans } from './personal-plans';
import { Tally } from './tally';
import { ensureThreePlusOneConfirmations } from './three-plus-one';
import { ensureTraining } from './training';
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
  const staff = ['operator.wuhou', JINJIANG_OPERATOR.username, 'supervisor.wuhou'];
  const employers = [DEMO_EMPLOYER_ACCOUNT, ...DEMO_EMPLOYERS.map((employer) => employer.account.username)];
  const sessions = new Map<string, Session>();
  for (const username of [...staff, ...employers]) sessions.set(username, await login(urls, username));

  const vacancies = await ensureVacancies(
    new Map(employers.map((username) => [username, sessions.get(username)!])),
    tally,
  );
  // Each person is registered by the station of their community.
  const staffFor = (communityCode: string) =>
    sessions.get(communityCode.startsWith('510104') ? JINJIANG_OPERATOR.username : 'operator.wuhou')!;
  const personIds = await ensurePeople(staffFor, tally);
  await ensureCases({ sessions, vacancies, personIds, tally });

  // The employment-service programme (issue 15), in 武侯区 / 玉林街道, on the persons and cases above.
  const operator = sessions.get('operator.wuhou')!;
  const supervisor = sessions.get('supervisor.wuhou')!;
  const step = async (what: string, work: () => Promise<void>) =>
    work().catch((error: unknown) => tally.failed(what, error));
  // 王德明 is registered by his case's intake: known once it ran.
  const intakeRegistered = await findPerson(operator, personByRef('wh-17'));
  if (intakeRegistered) personIds.set('wh-17', intakeRegistered);
  await step('training', () => ensureTraining({ supervisor, operator, personIds, tally }));
  await step('job fairs', () =>
    ensureJobFairs({ supervisor, operator, sessions, vacancies, personIds, tally }),
  );
  await step('personal plans', () => ensurePersonalPlans(operator, personIds, tally));
  await step('3+1 confirmations', () => ensureThreePlusOneConfirmations(operator, personIds, tally));
  await step('ledger imports', () => ensureLedgerImports(supervisor, tally));

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write([`demo data (Chengdu) in ${seconds} s:`, ...tally.lines(), ''].join('\n'));
  if (tally.failureCount) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`demo data: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
