// Headless Debian Chromium through playwright-core (no browser downloads).
import { chromium } from 'playwright-core';
import { enrolOnPage, nextOutcome, typeLoginCode } from './second_factor.mjs';

export const kDemoPassword = 'Demo#2026pass';

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a context of its own (Chinese, Shanghai time, and `options`); the page's script
 * errors gather in page.consoleErrors (see checkNoPageErrors). */
export async function newPage(browser, options) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.consoleErrors = errors;
  return { context, page };
}

/** A desktop screen; `extra`: more context options (a saved session's storageState...). */
export function newConsolePage(browser, baseUrl, extra = {}) {
  return newPage(browser, { baseURL: baseUrl, viewport: { width: 1440, height: 900 }, ...extra });
}

export const kPhone = { width: 360, height: 640 };

/** A phone: small touch screen at twice the pixels. */
export function newPhonePage(browser, baseUrl, extra = {}) {
  return newPage(browser, { baseURL: baseUrl, viewport: kPhone, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...extra });
}

/**
 * Logs in through the login form and waits for the console. An administrator types a one-time
 * code, or at its first login of the run enrols (second_factor.mjs). steps: onQr(page) and
 * onCodes(page, codes) while the enrolment shows; onPasswordChange(page) takes a forced
 * password change (without it, one fails the login: the caller did not expect it).
 */
export async function loginThroughForm(page, username, password = kDemoPassword, steps = {}) {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
  let outcome = await nextOutcome(page);
  if (outcome === 'otp') {
    await typeLoginCode(page, username);
    outcome = await nextOutcome(page, { skip: ['otp'], timeout: 45000 });
  }
  if (outcome === 'password' && steps.onPasswordChange) {
    await steps.onPasswordChange(page);
    outcome = await nextOutcome(page, { skip: ['password'] });
  }
  if (outcome === 'enrol') {
    await enrolOnPage(page, username, steps);
    outcome = await nextOutcome(page, { skip: ['enrol'] });
  }
  if (outcome !== 'console') {
    const said = await page.locator('[data-test=problem-alert], .el-form-item__error').allInnerTexts();
    throw new Error(`login of ${username} stopped at "${outcome}" on ${page.url()}: ${said.join(' / ')}`);
  }
}

/**
 * Runs work({ context, page }) on a new console page logged in through the form as `username`
 * (a login of its own, not a saved session); closes the page after.
 */
export async function withLogin(browser, baseUrl, username, work) {
  const { context, page } = await newConsolePage(browser, baseUrl);
  try {
    await loginThroughForm(page, username);
    return await work({ context, page });
  } finally {
    await context.close();
  }
}

/** GET through the context's cookie jar (same session as the page); returns {status, body}. */
export async function apiGet(context, path) {
  const response = await context.request.get(path);
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status(), body };
}

export async function screenshot(page, artifactsDir, name) {
  const path = `${artifactsDir}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}
