// Browser scenarios of the case pages of the desktop console (issue 4: the case loop). Walked by
// run.mjs through kScenarios in scenarios.mjs. Each takes { browser, baseUrl, artifacts, log }.
import { apiGet, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { apiCall, openAs, asUser } from './people_console.mjs';

const kGrid1 = '330681109290001'; // 枫源村第一网格 (demo)
const kCityManagement = '330681901'; // 综合行政执法局（城管）, the department of the `chengguan` account

/** Reports a case through the API as the context's user; returns the case. */
export async function reportByApi(context, description, extra = {}) {
  const { status, body } = await apiCall(context, 'POST', '/api/v1/cases', {
    category_code: 'E0102',
    description,
    org_code: kGrid1,
    address: '枫源村村口',
    ...extra,
  });
  check(status === 201, `POST /cases answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Picks an option of an el-select: click it, type to filter, click the option with the text. */
export async function pickOption(page, selectLocator, typed, optionText) {
  await selectLocator.click();
  if (typed) await page.keyboard.type(typed, { delay: 30 });
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: optionText }).first();
  await option.waitFor();
  await option.click();
}

export const headerStatus = (page, status) => page.locator(`.detail-header [data-test=case-status][data-status="${status}"]`);

export async function openCase(page, id) {
  await page.goto(`/cases/${id}`);
  await page.locator('[data-test=case-fields]').waitFor();
}

/** Clicks an action button, fills the dialog (note and the action's fields) and waits for `next`. */
export async function act(page, action, next, { note, fill } = {}) {
  await page.locator(`[data-test=case-action-${action}]`).click();
  const dialog = page.locator(`.el-dialog[data-action="${action}"]`);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  if (note) await dialog.locator('textarea[data-test=case-action-note]').fill(note);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/actions/${action}`) && r.request().method() === 'POST'),
    dialog.locator('[data-test=case-action-confirm]').click(),
  ]);
  check(response.status() === 200, `${action} answered ${response.status()}: ${await response.text()}`);
  await headerStatus(page, next).waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Opens an action's dialog with `button` and confirms it before it is complete (after writing
 * `note`, if given): the dialog must refuse with `message`. Answers the dialog, still open.
 */
export async function confirmRefused(page, button, action, message, { note } = {}) {
  await button.click();
  const dialog = page.locator(`.el-dialog[data-action="${action}"]`);
  if (note) await dialog.locator('textarea[data-test=case-action-note]').fill(note);
  await dialog.locator('[data-test=case-action-confirm]').click();
  await dialog.locator('[data-test=case-action-error]').getByText(message).waitFor();
  return dialog;
}

export async function closeDialog(dialog) {
  await dialog.locator('.el-dialog__headerbtn').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** An action through the API with the case's current version; answers the case after it. */
export async function actByApi(context, id, action, params = {}) {
  const current = await apiGet(context, `/api/v1/cases/${id}`);
  check(current.status === 200, `GET case ${id} answered ${current.status}`);
  const { status, body } = await apiCall(context, 'POST', `/api/v1/cases/${id}/actions/${action}`, {
    version: current.body.version,
    ...params,
  });
  check(status === 200, `${action} of ${id} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export async function timelineActions(page) {
  return page.locator('[data-test=case-timeline] [data-test=case-event]').evaluateAll((items) =>
    items.map((li) => li.getAttribute('data-action')),
  );
}

/** (a) Township staff: the case list with its filters, the categories (read only), the calendar. */
export async function townshipListScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'township', async ({ context, page }) => {
    for (let i = 1; i <= 3; i++) await reportByApi(context, `列表测试：垃圾桶满溢 ${i}`, i === 3 ? { urgency: 'urgent' } : {});
    const menu = page.locator('[data-test=side-menu]');
    await menu.getByText('案件列表', { exact: true }).click();
    await page.waitForURL('**/cases');
    const rows = page.locator('[data-test=case-table] .el-table__body .el-table__row');
    await rows.first().waitFor();
    check((await rows.count()) >= 3, `the case list shows ${await rows.count()} rows, expected at least 3`);
    const firstRow = await rows.first().innerText();
    check(firstRow.includes('暴露垃圾'), `the first row does not name the category: ${firstRow}`);
    check(firstRow.includes('待立案'), `the first row does not show the status 待立案: ${firstRow}`);
    await page.locator('[data-test=case-table] .el-table__body').getByText('枫源村第一网格').first().waitFor();
    await screenshot(page, artifacts, 'cases-01-list');

    // Status filter 未办结 goes to the API as status=open and into the address bar.
    const [filtered] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/cases?') && r.url().includes('status=open')),
      pickOption(page, page.locator('[data-test=case-status-filter]'), '', '未办结'),
    ]);
    check(filtered.status() === 200, `status=open answered ${filtered.status()}`);
    check(page.url().includes('status=open'), `the filter is not in the address: ${page.url()}`);
    const [overdue] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/cases?') && r.url().includes('overdue=1')),
      page.locator('[data-test=case-overdue-filter]').click(),
    ]);
    check(overdue.status() === 200, `overdue=1 answered ${overdue.status()}`);
    await page.locator('[data-test=case-overdue-filter]').click();

    // A row opens the case.
    await rows.first().click();
    await page.waitForURL(/\/cases\/\d+$/);
    await page.locator('[data-test=case-fields]').waitFor();
    await page.locator('[data-test=case-action-file]').waitFor();
    check(!(await page.locator('[data-test=case-action-accept]').isVisible()), 'a reported case offers 签收');

    await menu.getByText('类别管理', { exact: true }).click();
    await page.waitForURL('**/cases/categories');
    await page.locator('[data-test=category-table] .el-table__body').getByText('暴露垃圾').first().waitFor();
    check(await page.locator('[data-test=category-read-only]').isVisible(), 'township staff see no read-only notice');
    check((await page.locator('[data-test^=category-edit-]').count()) === 0, 'township staff may edit categories');
    const count = await page.locator('[data-test=category-count]').innerText();
    check(count.includes('69'), `category count reads "${count}", expected 69 seeded categories`);
    await screenshot(page, artifacts, 'cases-02-categories-readonly');

    await menu.getByText('工作日历', { exact: true }).click();
    await page.waitForURL('**/cases/calendar');
    await page.locator('[data-test=calendar-hours]').getByText('08:30–12:00').waitFor();
    const year = Number((await page.locator('[data-test=calendar-year]').innerText()).slice(0, 4));
    log(`calendar year ${year}`);
    await page.locator('[data-test=calendar-month-10] [data-test=calendar-day]').first().waitFor();
    check(
      (await page.locator('[data-test=calendar-month-10]').innerText()).includes('国庆'),
      'October of the calendar names no 国庆节',
    );
    check(!(await page.locator('[data-test=calendar-add]').isVisible()), 'township staff may edit the calendar');
    await screenshot(page, artifacts, 'cases-03-calendar');
    checkNoPageErrors(page);
  });
}

/** County staff (cases.admin) edit a category's deadline and add and remove a calendar day. */
export async function countyAdminScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'county', async ({ context, page }) => {
    await page.goto('/cases/categories');
    await page.locator('[data-test=category-edit-C0102]').click();
    const form = page.locator('.el-dialog[data-test=category-form]');
    await form.waitFor();
    const amounts = form.locator('[data-test=category-deadlines] .el-table__row');
    check((await amounts.count()) === 8, `C0102 shows ${await amounts.count()} deadline rows, expected 8`);
    // Row 3 is handling / normal (rows are sorted by stage, then urgency).
    const handling = amounts.nth(2).locator('[data-test=deadline-amount] input');
    check((await handling.inputValue()) === '240', `handling/normal of C0102 is ${await handling.inputValue()}, expected 240`);
    await handling.fill('300');
    await handling.press('Tab');
    await screenshot(page, artifacts, 'cases-04-category-edit');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/case-categories/C0102') && r.request().method() === 'PATCH'),
      form.locator('[data-test=category-save]').click(),
    ]);
    const body = await saved.json();
    check(saved.status() === 200, `PATCH C0102 answered ${saved.status()}: ${JSON.stringify(body)}`);
    check(body.version === 2, `C0102 version is ${body.version} after one edit`);
    check(
      body.deadlines.some((d) => d.stage === 'handling' && d.urgency === 'normal' && d.amount === 300),
      `the new deadline was not saved: ${JSON.stringify(body.deadlines)}`,
    );
    await form.waitFor({ state: 'hidden' });
    const row = page.locator('[data-test=category-table] .el-table__body .el-table__row').filter({ hasText: 'C0102' }).first();
    await row.getByText('300 工作分钟').first().waitFor();

    await page.goto('/cases/calendar');
    const year = Number((await page.locator('[data-test=calendar-year]').innerText()).slice(0, 4));
    const date = `${year}-12-30`;
    await page.locator('[data-test=calendar-add]').click();
    const dialog = page.locator('.el-dialog[data-test=calendar-dialog]');
    await dialog.waitFor();
    const dateInput = dialog.locator('.el-date-editor input').first();
    await dateInput.fill(date);
    await dateInput.press('Enter');
    await dialog.locator('input[data-test=calendar-name]').fill('测试放假');
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/case-calendar/${date}`) && r.request().method() === 'PUT'),
      dialog.locator('[data-test=calendar-save]').click(),
    ]);
    check(put.status() === 200, `PUT ${date} answered ${put.status()}: ${await put.text()}`);
    const day = page.locator(`[data-test=calendar-month-12] [data-date="${date}"]`);
    await day.waitFor();
    check((await day.innerText()).includes('测试放假'), `the new day reads "${await day.innerText()}"`);
    await screenshot(page, artifacts, 'cases-05-calendar-admin');
    await page.locator(`[data-test="calendar-remove-${date}"]`).click();
    const [del] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/case-calendar/${date}`) && r.request().method() === 'DELETE'),
      page.locator('.el-message-box .el-button--primary').click(),
    ]);
    check(del.status() === 204, `DELETE ${date} answered ${del.status()}`);
    await day.waitFor({ state: 'detached' });
    log(`edited C0102 and added/removed ${date}`);
    checkNoPageErrors(page);
  });
}

/** (b) One case through the console: township reports, files, dispatches; 城管 handles; township verifies and closes. */
export async function caseWalkthroughScenario({ browser, baseUrl, artifacts, log }) {
  const description = `村口垃圾桶满溢，垃圾散落路边（控制台测试 ${Date.now() % 100000}）`;
  let id = 0;
  const township = await openAs(browser, baseUrl, 'township');
  try {
    const { page } = township;
    await page.locator('[data-test=side-menu]').getByText('上报案件', { exact: true }).click();
    await page.waitForURL('**/cases/report');
    const form = page.locator('[data-test=case-report-form]');
    // Submitting empty shows the required fields.
    await page.locator('[data-test=case-report-submit]').click();
    await form.locator('.el-form-item__error').first().waitFor();
    await pickOption(page, form.locator('[data-test=case-category-select]'), '暴露垃圾', '暴露垃圾');
    await form.locator('textarea[data-test=case-report-description]').fill(description);
    await pickOption(page, form.locator('[data-test=case-report-grid]'), '枫源村第一', '枫源村第一网格');
    await form.locator('input[data-test=case-report-address]').fill('枫源村村口公交站旁');
    await form.locator('input[data-test=case-report-reporter-name]').fill('张三');
    await form.locator('input[data-test=case-report-reporter-phone]').fill('13857512345');
    await page.waitForTimeout(400); // the cleared validation messages fade out
    await screenshot(page, artifacts, 'cases-10-report-form');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST'),
      page.locator('[data-test=case-report-submit]').click(),
    ]);
    const body = await created.json();
    check(created.status() === 201, `report answered ${created.status()}: ${JSON.stringify(body)}`);
    check(body.org_code === kGrid1 && body.category_code === 'E0102', `reported ${JSON.stringify(body)}`);
    id = body.id;
    log(`case #${id}`);
    await page.waitForURL(`**/cases/${id}`);
    await headerStatus(page, 'reported').waitFor();
    const phone = (await page.locator('[data-test=case-reporter-phone]').innerText()).trim();
    check(phone.includes('*') && !phone.includes('13857512345'), `reporter phone shown as "${phone}", expected masked`);
    check((await page.locator('[data-test=case-description]').innerText()).includes('控制台测试'), 'description missing');

    await act(page, 'file', 'filed');
    // Dispatch needs a department: confirming without one is refused in the dialog.
    await closeDialog(await confirmRefused(page, page.locator('[data-test=case-action-dispatch]'), 'dispatch', '请选择承办部门'));
    await act(page, 'dispatch', 'dispatched', {
      note: '请城管尽快清运',
      fill: async (dialog) => {
        // The county's departments are outside a township user's org tree: typed in by code.
        await dialog.locator('[data-test=case-department-picker]').click();
        await page.keyboard.type(kCityManagement, { delay: 20 });
        await page.keyboard.press('Enter');
        await screenshot(page, artifacts, 'cases-11-dispatch-dialog');
      },
    });
    await page.locator('[data-test=case-department]').getByText('城管').waitFor();
    await screenshot(page, artifacts, 'cases-12-dispatched');
  } finally {
    await township.context.close();
  }

  await asUser(browser, baseUrl, 'chengguan', async ({ page }) => {
    await page.locator('[data-test=side-menu]').getByText('案件列表', { exact: true }).click();
    await page.locator('[data-test=case-table] .el-table__body').getByText('控制台测试').first().click();
    await page.waitForURL(`**/cases/${id}`);
    await headerStatus(page, 'dispatched').waitFor();
    check(!(await page.locator('[data-test=case-action-dispatch]').isVisible()), '城管 may dispatch');
    await act(page, 'accept', 'accepted');
    await act(page, 'start', 'handling');
    // 处置完毕 needs a note: refused in the dialog first.
    const resolve = await confirmRefused(page, page.locator('[data-test=case-action-resolve]'), 'resolve', '请填写说明');
    await resolve.locator('textarea[data-test=case-action-note]').fill('已清运，垃圾桶已更换');
    const [resolved] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/actions/resolve')),
      resolve.locator('[data-test=case-action-confirm]').click(),
    ]);
    check(resolved.status() === 200, `resolve answered ${resolved.status()}`);
    await headerStatus(page, 'resolved').waitFor();
    await resolve.waitFor({ state: 'hidden' });
    await screenshot(page, artifacts, 'cases-13-resolved-by-department');
    checkNoPageErrors(page);
  });

  await asUser(browser, baseUrl, 'township', async ({ page, context }) => {
    await openCase(page, id);
    await headerStatus(page, 'resolved').waitFor();
    // Someone else acts meanwhile: the page's version is stale, the server answers 409 and the
    // page reloads and says so.
    const current = await apiGet(context, `/api/v1/cases/${id}`);
    const noted = await apiCall(context, 'POST', `/api/v1/cases/${id}/actions/note`, {
      version: current.body.version,
      note: '已电话联系上报人',
    });
    check(noted.status === 200, `note answered ${noted.status}: ${JSON.stringify(noted.body)}`);
    await page.locator('[data-test=case-action-verify]').click();
    const verify = page.locator('.el-dialog[data-action="verify"]');
    const [conflict] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/actions/verify')),
      verify.locator('[data-test=case-action-confirm]').click(),
    ]);
    check(conflict.status() === 409, `a stale verify answered ${conflict.status()}, expected 409`);
    await page.locator('.el-message--warning').getByText('案件已被他人处理，页面已刷新').waitFor();
    await page.locator('[data-test=case-event-note]').getByText('已电话联系上报人').waitFor();
    await screenshot(page, artifacts, 'cases-14-version-conflict');

    await act(page, 'verify', 'verified');
    await act(page, 'close', 'closed');
    await act(page, 'follow_up', 'closed', {
      fill: async (dialog) => {
        await dialog.locator('[data-test=case-action-satisfaction]').getByText('满意', { exact: true }).click();
      },
    });
    await page.locator('[data-test=case-timeline]').getByText('满意度：满意').waitFor();
    const actions = await timelineActions(page);
    const expected = ['report', 'file', 'dispatch', 'accept', 'start', 'resolve', 'note', 'verify', 'close', 'follow_up'];
    check(JSON.stringify(actions) === JSON.stringify(expected), `timeline is ${actions.join(', ')}; expected ${expected.join(', ')}`);
    const timeline = await page.locator('[data-test=case-timeline]').innerText();
    for (const text of ['上报', '立案', '派遣', '承办部门：综合行政执法局（城管）', '签收', '开始处置', '处置完毕', '已清运，垃圾桶已更换', '核查通过', '结案', '周敏（城管）', '陈刚']) {
      check(timeline.includes(text), `the timeline does not show "${text}"`);
    }
    check(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(timeline), 'the timeline shows no times');
    // The caller is asked once: after the follow-up the action is gone.
    await page.locator('[data-test=case-actions]').waitFor();
    check(!(await page.locator('[data-test=case-action-follow_up]').isVisible()), 'a followed-up case still offers 回访');
    await page.locator('[data-test=case-timeline]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'cases-15-closed-timeline');
    await page.locator('.app-content').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, artifacts, 'cases-16-closed-detail');

    // The closed case in the list, filtered by status.
    await page.goto('/cases?status=closed');
    await page.locator('[data-test=case-table] .el-table__body').getByText('控制台测试').first().waitFor();
    checkNoPageErrors(page);
  });
}

export const kCasesConsoleScenarios = [
  ['cases: township opens the case list, the categories and the calendar', townshipListScenario],
  ['cases: county edits a category deadline and the calendar', countyAdminScenario],
  ['cases: one case from report to close in the console', caseWalkthroughScenario],
];
