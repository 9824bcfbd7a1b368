import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { eventually, freePort, httpOk, REPO_ROOT } from '@platform/testing';
import type { Platform } from '../../e2e/support/platform';

const VITE = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
const VITE_CONFIG = join(REPO_ROOT, 'apps/console/vite.config.mts');
/** Git-ignored; each spec saves a screenshot per console area here. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output/console');

/**
 * The console as deployed: built by Vite into a throwaway folder and served by Vite's preview server, its
 * /api/<service> prefixes proxied to the spec's platform.
 */
class ConsoleServer {
  private child: ChildProcess | undefined;
  private output = '';
  url = '';

  constructor(private readonly outDir = mkdtempSync(join(tmpdir(), 'console-'))) {}

  async start(urls: Platform['urls']): Promise<void> {
    execFileSync(
      process.execPath,
      [VITE, 'build', '--config', VITE_CONFIG, '--outDir', this.outDir, '--logLevel', 'error'],
      {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      },
    );
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      [VITE, 'preview', '--config', VITE_CONFIG, '--outDir', this.outDir],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          CONSOLE_PORT: String(port),
          CONSOLE_HOTLINE_URL: urls.hotline,
          CONSOLE_PEOPLE_URL: urls.people,
          CONSOLE_EMPLOYERS_URL: urls.employers,
          CONSOLE_JOBS_URL: urls.jobs,
        },
      },
    );
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    try {
      await eventually('the console is served', () => httpOk(this.url), 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${this.output}`);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.outDir, { recursive: true, force: true });
  }
}

/** Debian's Chromium (scripts/ensure-chromium.sh puts its path in CHROMIUM_PATH); never a downloaded browser. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** The browser-console errors and uncaught exceptions the page has logged so far. */
  errors: string[];
}

/**
 * A page at the size the console must work at (1366×768), Chinese first, that records every browser-console
 * error and uncaught exception: a screen that logs one fails its test.
 */
async function openPage(browser: Browser): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // Chromium itself logs every 4xx answer ("Failed to load resource: … status of 404"); a test that expects
    // one checks the page shows it. A 5xx and whatever the console's own code logs still fail the test.
    if (/^Failed to load resource: .* status of 4\d\d/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning')
      errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors };
}

/** Signs in with the keyboard only (type, Tab, type, Enter): the login works without a mouse. */
async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('用户名').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  if (!(await page.getByLabel('密码').evaluate((input) => input === input.ownerDocument.activeElement))) {
    throw new Error('Tab from the username did not reach the password field');
  }
  await page.keyboard.type('Demo-962110!');
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Finished animations: a screen caught mid fade-in would look disabled.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** What a spec starts behind the console: the URLs the console's /api/<service> prefixes go to, and its stop. */
export interface ConsoleBackend {
  urls: Platform['urls'];
  close(): Promise<void>;
}

export interface ConsoleBrowser {
  /** The served console's base URL (once the spec's beforeAll has run). */
  readonly url: string;
  /** A fresh browser context (see openPage) signed in as the user; closed by the spec's teardown at the latest. */
  signedIn(username: string): Promise<OpenedPage>;
  /** Closes every page opened so far. */
  closePages(): Promise<void>;
}

/**
 * The set-up every console browser spec shares, registered as the calling describe's beforeAll and afterAll:
 * the spec's services (`start`), the console built and served in front of them, and one Chromium; teardown
 * closes the pages, the browser, the console and the services, in that order.
 * `closePagesAfterEachTest`: each test signs in afresh, and fails on any browser-console error its pages logged.
 */
export function setUpConsoleBrowser(
  start: () => Promise<ConsoleBackend>,
  options: { closePagesAfterEachTest?: boolean } = {},
): ConsoleBrowser {
  // Building the console and driving a real browser against the platform is slow on a shared machine.
  jest.setTimeout(180_000);
  const server = new ConsoleServer();
  let backend: ConsoleBackend | undefined;
  let browser: Browser | undefined;
  let opened: OpenedPage[] = [];

  const closePages = async () => {
    const closing = opened;
    opened = [];
    for (const { context } of closing) await context.close();
  };

  beforeAll(async () => {
    backend = await start();
    await server.start(backend.urls);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await closePages();
    await browser?.close();
    await server.stop();
    await backend?.close();
  }, 60_000);

  if (options.closePagesAfterEachTest) {
    afterEach(async () => {
      const pages = opened;
      await closePages();
      // Read after closing: an error logged while the page went away still counts.
      expect(pages.flatMap((page) => page.errors)).toEqual([]);
    });
  }

  return {
    get url() {
      return server.url;
    },
    async signedIn(username) {
      if (!browser) throw new Error('signedIn before the console browser was set up');
      const page = await openPage(browser);
      opened.push(page);
      await signIn(page.page, server.url, username);
      return page;
    },
    closePages,
  };
}

/**
 * Picks an option of a dialog's select (a tree select's node with `tree`). A click during the dropdown's opening
 * animation may miss (seen under load): pick again, opening the dropdown first if the miss closed it.
 */
export async function pickOption(
  within: Locator,
  label: string,
  option: string,
  { tree = false, exactLabel = false } = {},
): Promise<void> {
  const page = within.page();
  const chosen = within
    .locator('.ant-select-content, .ant-select-selection-item', { hasText: option })
    .first();
  const listed = page.locator(
    `.ant-select-dropdown:not(.ant-select-dropdown-hidden) ${tree ? '.ant-select-tree-title' : '.ant-select-item-option'}`,
    { hasText: option },
  );
  for (let attempt = 1; ; attempt++) {
    if (!(await listed.isVisible())) await within.getByLabel(label, { exact: exactLabel }).click();
    await listed.click();
    try {
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
