// What a login asks after the password: an enrolled administrator's one-time code, an
// administrator's first enrolment (QR page, then the recovery codes), a forced password change.
// The browser types what a person would read off their phone, computed by totp.mjs.
import { freshCode, rememberSecret } from './totp.mjs';

// What the page shows once a login form or a step was sent.
const kOutcomes = {
  console: '[data-test=side-menu]',
  otp: '[data-test=login-otp] input',
  otpRefused: '[data-test=login-otp] .el-form-item__error',
  enrol: '[data-test=totp-secret]',
  password: '[data-test=password-change-form]',
  problem: '[data-test=problem-alert]',
};

/** Waits for the next thing the page asks; answers its name in kOutcomes. */
export async function nextOutcome(page, { timeout = 15000, skip = [] } = {}) {
  const wanted = Object.entries(kOutcomes).filter(([name]) => !skip.includes(name));
  const any = wanted.map(([, selector]) => selector).join(', ');
  await page.locator(any).filter({ visible: true }).first().waitFor({ timeout });
  for (const [name, selector] of wanted) {
    if (await page.locator(selector).filter({ visible: true }).count()) return name;
  }
  return nextOutcome(page, { timeout, skip }); // it went away meanwhile: look again
}

/** Types a fresh one-time code of `username` into the login form (six digits send it). */
export async function typeLoginCode(page, username) {
  const code = await freshCode(username);
  await page.locator('[data-test=login-otp] input').fill(code);
  return code;
}

/**
 * Enrols `username` on the enrolment page: reads the secret as a person would type it into an
 * app, types the app's code (six digits confirm), then acknowledges the recovery codes.
 * onQr(page) and onCodes(page, codes) run while each half shows (screenshots). Answers the codes.
 */
export async function enrolOnPage(page, username, { onQr, onCodes } = {}) {
  const secret = (await page.locator('[data-test=totp-secret]').innerText()).trim();
  await page.locator('[data-test=totp-qr]').waitFor();
  if (onQr) await onQr(page);
  rememberSecret(username, secret);
  await page.locator('[data-test=totp-scan-step] [data-test=otp-input]').fill(await freshCode(username));
  const sheet = page.locator('[data-test=recovery-codes]');
  await sheet.waitFor();
  const codes = await sheet.locator('[data-test=recovery-code]').allInnerTexts();
  if (onCodes) await onCodes(page, codes);
  await page.locator('[data-test=recovery-done]').click();
  return codes;
}
