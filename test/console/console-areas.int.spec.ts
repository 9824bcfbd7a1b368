import type { Browser } from 'playwright-core';
import { startPlatform, type Platform } from '../e2e/support/platform';
import { ConsoleServer, launchChromium, openPage, screenshot, signIn } from './support/console-browser';

jest.setTimeout(180_000);

let platform: Platform;
const consoleServer = new ConsoleServer();
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  await consoleServer.start(platform.urls);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer.stop();
  await platform?.close();
});

it('signs an operator in', async () => {
  const { page, errors, context } = await openPage(browser);
  await signIn(page, consoleServer.url, 'operator.wuhou');
  await screenshot(page, 'smoke');
  expect(errors).toEqual([]);
  await context.close();
});
