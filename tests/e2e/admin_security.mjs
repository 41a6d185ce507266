// Browser journey of the administrators' security (docs/api.md, "Auth, users, roles"): the
// security administrator's first login enrols a second factor (QR code, recovery codes), the
// next asks for a one-time code; the system administrator creates an account with business roles
// only; the security administrator makes it an audit administrator, resets its factor and its
// password; the account changes its password first, then enrols, then reaches the page it asked
// for. Walked by run.mjs through kScenarios in scenarios.mjs (--only security).
import { apiGet, kDemoPassword, loginThroughForm, newConsolePage, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { enrolOnPage, nextOutcome, typeLoginCode } from './lib/second_factor.mjs';
import { knowsSecret } from './lib/totp.mjs';

const kStamp = Date.now().toString(36).slice(-5);
const kNewUser = { username: `e2e.audit.${kStamp}`, name: `审计员${kStamp}` };
const kPasswords = { created: 'Start#2026set', own: 'Own#2026pass', reset: 'Reset#2026set', ownAgain: 'Own#2027pass' };

/** The users page filtered to one username; answers that user's table row. */
async function findUser(page, username) {
  if (!page.url().endsWith('/system/users')) await page.goto('/system/users');
  await page.locator('[data-test=user-search] input, input[data-test=user-search]').first().fill(username);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('[data-test=user-table] .el-table__row').filter({ hasText: username });
  await row.first().waitFor();
  return row.first();
}

async function confirmMessageBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click();
}

/** Fills the forced password change and sends it. */
async function changePassword(page, oldPassword, newPassword) {
  const form = page.locator('[data-test=password-change-form]');
  await form.locator('input[data-test=password-old]').fill(oldPassword);
  await form.locator('input[data-test=password-new]').fill(newPassword);
  await form.locator('input[data-test=password-again]').fill(newPassword);
  await page.locator('[data-test=password-submit]').click();
}

/** The security administrator's first login: enrolment, with the QR page and the codes checked. */
async function securityEnrols({ browser, baseUrl, artifacts, log }) {
  check(!knowsSecret('security'), 'the security administrator enrolled earlier in this run: this journey needs its first login');
  const { context, page } = await newConsolePage(browser, baseUrl);
  try {
    let codesSeen = [];
    await loginThroughForm(page, 'security', kDemoPassword, {
      async onQr() {
        check(new URL(page.url()).pathname === '/setup/totp', `enrolment at ${page.url()}`);
        const qr = page.locator('[data-test=totp-qr]');
        const src = await qr.getAttribute('src');
        check(src.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg'), `QR image source ${src.slice(0, 60)}`);
        await page.waitForFunction(() => document.querySelector('[data-test=totp-qr]').naturalWidth > 0);
        const secret = await page.locator('[data-test=totp-secret]').innerText();
        check(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/.test(secret.trim()), `secret shown as "${secret}"`);
        const input = page.locator('[data-test=totp-scan-step] input[data-test=otp-input]');
        check(await input.evaluate((el) => el === document.activeElement), 'the code field does not have the focus');
        await screenshot(page, artifacts, 'sec-01-totp-qr');
      },
      async onCodes(_page, codes) {
        codesSeen = codes;
        check(codes.length === 10 && codes.every((c) => /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/.test(c)), `recovery codes ${codes}`);
        await screenshot(page, artifacts, 'sec-02-recovery-codes');
      },
    });
    check(codesSeen.length === 10, 'the security administrator did not enrol at its first login');
    const me = await apiGet(context, '/api/v1/auth/me');
    check(me.body.pending === '' && me.body.user.totp_enabled === true, `after enrolment /auth/me says ${JSON.stringify(me.body).slice(0, 200)}`);
    log('security enrolled');
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }
}

/** The next login asks for a code: a wrong one is refused under the field, a fresh one lets in. */
async function securityLogsInWithCode({ browser, baseUrl, artifacts }) {
  const opened = await newConsolePage(browser, baseUrl);
  const { page } = opened;
  await page.goto('/login');
  await page.locator('input[name=username]').fill('security');
  await page.locator('input[name=password]').fill(kDemoPassword);
  await page.locator('[data-test=login-submit]').click();
  const otp = page.locator('[data-test=login-otp] input');
  await otp.waitFor();
  check((await otp.getAttribute('inputmode')) === 'numeric', 'the code field does not open the number pad');
  check((await otp.getAttribute('autocomplete')) === 'one-time-code', 'the code field is not autocomplete=one-time-code');
  check(await otp.evaluate((el) => el === document.activeElement), 'the code field does not have the focus');
  await screenshot(page, artifacts, 'sec-03-otp-asked');
  await otp.fill('000000');
  const refused = page.locator('[data-test=login-otp] .el-form-item__error');
  await refused.waitFor();
  check((await refused.innerText()).includes('动态口令'), `a wrong code shows "${await refused.innerText()}"`);
  check(new URL(page.url()).pathname === '/login', 'a wrong code left the login page');
  await screenshot(page, artifacts, 'sec-04-otp-refused');
  await typeLoginCode(page, 'security');
  check((await nextOutcome(page, { skip: ['otp', 'otpRefused'] })) === 'console', 'a fresh code did not open the console');
  return opened;
}

/** The system administrator creates the account: business roles only, its own roles fixed. */
async function adminCreatesAccount({ browser, baseUrl, artifacts, log }) {
  const { context, page } = await newConsolePage(browser, baseUrl);
  try {
    await loginThroughForm(page, 'admin');
    const own = await findUser(page, 'admin');
    await own.locator('[data-test=user-edit]').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.locator('[data-test=user-roles-locked]').waitFor();
    check((await dialog.innerText()).includes('不能修改本人的角色'), 'own account edit does not say the roles are fixed');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.locator('[data-test=user-create]').click();
    const create = page.locator('.el-dialog:visible');
    await create.locator('input[data-test=user-username]').fill(kNewUser.username);
    await create.locator('input[data-test=user-display-name]').fill(kNewUser.name);
    await create.locator('[data-test=org-picker]').click();
    await page.keyboard.type('诸暨');
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await create.locator('[data-test=user-roles]').click();
    // The org list fades out while the role list opens: read the roles only once it has gone.
    const visibleItems = page.locator('.el-select-dropdown__item:visible');
    await visibleItems.filter({ hasText: '县级工作人员' }).first().waitFor();
    await visibleItems.filter({ hasText: '330681' }).first().waitFor({ state: 'hidden' });
    const offered = await visibleItems.allInnerTexts();
    check(offered.includes('县级工作人员') && !offered.some((o) => o.includes('管理员')), `roles offered: ${offered}`);
    await visibleItems.filter({ hasText: '县级工作人员' }).click();
    await create.locator('.el-dialog__title').click(); // closes the list (Escape would close the dialog)
    await create.locator('input[data-test=user-password]').fill(kPasswords.created);
    await screenshot(page, artifacts, 'sec-05-create-account');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      create.locator('[data-test=user-save]').click(),
    ]);
    check(saved.status() === 201 || saved.status() === 200, `creating the account answered ${saved.status()}: ${await saved.text()}`);
    const row = await findUser(page, kNewUser.username);
    await row.locator('[data-test=user-must-change-password]').waitFor();
    log(`admin created ${kNewUser.username}`);
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }
}

/** The security administrator grants audit_admin; no security act shows on its own row. */
async function securityGrantsAuditAdmin(page, artifacts) {
  const own = await findUser(page, 'security');
  check((await own.locator('[data-test=user-reset-password], [data-test=user-grant-admin], [data-test=user-revoke-admin]').count()) === 0,
    'security acts are offered on the security administrator\'s own account');
  const row = await findUser(page, kNewUser.username);
  await row.locator('[data-test=user-grant-admin]').click();
  const dialog = page.locator('.el-dialog:visible');
  await dialog.locator('[data-role=audit_admin]').click();
  await screenshot(page, artifacts, 'sec-06-grant-admin');
  await dialog.locator('[data-test=admin-role-save]').click();
  await dialog.waitFor({ state: 'hidden' });
  await row.filter({ hasText: '审计管理员' }).waitFor();
  await row.locator('[data-test=user-totp][data-totp=off]').waitFor();
  check((await row.locator('[data-test=user-revoke-admin]').count()) === 1, 'no revoke action on the new audit administrator');
}

/** The new account's first login: password change first, then enrolment, then the console. */
async function newAuditorFirstLogin({ browser, baseUrl, artifacts, log }) {
  const { context, page } = await newConsolePage(browser, baseUrl);
  try {
    await loginThroughForm(page, kNewUser.username, kPasswords.created, {
      async onPasswordChange() {
        check(new URL(page.url()).pathname === '/setup/password', `password change at ${page.url()}`);
        await screenshot(page, artifacts, 'sec-07-password-first');
        await changePassword(page, kPasswords.created, kPasswords.own);
      },
    });
    await page.locator('[data-test=side-menu]').getByText('审计日志').first().waitFor();
    log(`${kNewUser.username} changed its password and enrolled`);
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }
}

/** Lost phone and forgotten password: the security administrator resets both. */
async function securityResetsFactorAndPassword(page, artifacts) {
  const row = await findUser(page, kNewUser.username);
  await row.locator('[data-test=user-totp][data-totp=on]').waitFor();
  await row.locator('[data-test=user-reset-totp]').click();
  await screenshot(page, artifacts, 'sec-08-reset-totp-confirm');
  await confirmMessageBox(page);
  await row.locator('[data-test=user-totp][data-totp=off]').waitFor();
  await row.locator('[data-test=user-reset-password]').click();
  const dialog = page.locator('.el-dialog:visible');
  await dialog.locator('input[data-test=reset-password-input]').fill(kPasswords.reset);
  await dialog.locator('[data-test=reset-password-save]').click();
  await dialog.waitFor({ state: 'hidden' });
  await row.locator('[data-test=user-must-change-password]').waitFor();
  await screenshot(page, artifacts, 'sec-09-users-security');
}

/** After the resets: asked for no code, sent to change the password first, then to enrol, then on. */
async function newAuditorAfterResets({ browser, baseUrl, log }) {
  const { page } = await newConsolePage(browser, baseUrl);
  try {
    await page.goto('/audit');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/audit');
    await page.locator('input[name=username]').fill(kNewUser.username);
    await page.locator('input[name=password]').fill(kPasswords.reset);
    await page.locator('[data-test=login-submit]').click();
    check((await nextOutcome(page)) === 'password', `after the resets the login went to ${page.url()}`);
    const atStep = (url) => url.pathname === '/setup/password' && url.searchParams.get('redirect') === '/audit';
    check(atStep(new URL(page.url())), `password change at ${page.url()}`);
    // The step comes first wherever the user tries to go: the address bar does not skip it.
    await page.goto('/audit');
    await page.waitForURL(atStep);
    await changePassword(page, kPasswords.reset, kPasswords.ownAgain);
    check((await nextOutcome(page, { skip: ['password'] })) === 'enrol', `after the password change: ${page.url()}`);
    await enrolOnPage(page, kNewUser.username);
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.locator('[data-test=audit-table]').waitFor();
    log(`${kNewUser.username}: password change, then enrolment, then the page it asked for`);
    checkNoPageErrors(page);
  } finally {
    await page.context().close();
  }
}

export async function adminSecurityJourney(args) {
  await securityEnrols(args);
  const security = await securityLogsInWithCode(args);
  try {
    await adminCreatesAccount(args);
    await securityGrantsAuditAdmin(security.page, args.artifacts);
    await newAuditorFirstLogin(args);
    await securityResetsFactorAndPassword(security.page, args.artifacts);
    await newAuditorAfterResets(args);
    checkNoPageErrors(security.page);
  } finally {
    await security.context.close();
  }
}

export const kAdminSecurityScenarios = [['administrators: second factor, admin roles, password set by the security admin', adminSecurityJourney]];
