// Browser scenarios of the 12345 hotline desk and the case page's intake features (duplicates,
// 吹哨报到 to a county department, call-back). Walked by run.mjs through kScenarios in
// scenarios.mjs; `--only hotline` runs these. Each takes { browser, baseUrl, artifacts, log }.
import { screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { apiCall, openAs, asUser } from './people_console.mjs';
import {
  act,
  closeDialog,
  confirmRefused,
  headerStatus,
  openCase,
  pickOption,
  reportByApi,
  timelineActions,
} from './cases_console.mjs';

const kTownship = '330681109'; // 枫桥镇 (demo)
const kVillage = '330681109290'; // 枫源村
const kCityManagement = '330681901'; // 综合行政执法局（城管）, the `chengguan` account's department
const kHour = 3600 * 1000;

// The console shows times in Asia/Shanghai as "YYYY-MM-DD HH:mm".
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function shown(iso) {
  const p = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

async function openDesk(page) {
  await page.locator('[data-test=side-menu]').getByText('热线受理台', { exact: true }).click();
  await page.waitForURL('**/cases/hotline');
  await page.locator('[data-test=hotline-form]').waitFor();
}

/** Clicks a request type or class radio button by its code. */
async function pickRadio(page, group, value) {
  await page.locator(`[data-test=${group}] [data-value="${value}"]`).click();
}

/** Types part of an area's name into the desk's area picker and picks the area by its code. */
async function pickArea(page, typed, code) {
  await page.locator('[data-test=hotline-area]').click();
  await page.keyboard.type(typed, { delay: 30 });
  const option = page.locator(`.el-select-dropdown__item[data-code="${code}"]:visible`);
  await option.waitFor();
  await option.click();
}

async function submitTicket(page, how) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/hotline/tickets') && r.request().method() === 'POST'),
    how(),
  ]);
  const body = await response.json();
  check(response.status() === 201, `POST /hotline/tickets answered ${response.status()}: ${JSON.stringify(body)}`);
  return body;
}

/** A hotline ticket through the API as the context's user (the operator). */
async function ticketByApi(context, extra = {}) {
  const { status, body } = await apiCall(context, 'POST', '/api/v1/hotline/tickets', {
    category_code: 'E0402',
    description: '来电反映小区停水一天',
    org_code: kTownship,
    request_type: 'help',
    hotline_class: 'utility',
    reporter_name: '刘女士',
    reporter_phone: '13900001111',
    ...extra,
  });
  check(status === 201, `POST /hotline/tickets answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** (a) The operator takes a water-supply call by keyboard and answers an enquiry on the spot. */
export async function hotlineDeskScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'hotline', async ({ context, page }) => {
    let posts = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/hotline/tickets') && r.method() === 'POST') posts += 1;
    });
    await openDesk(page);
    const form = page.locator('[data-test=hotline-form]');
    const name = form.locator('input[data-test=hotline-caller-name]');
    // The caller's name has the focus for a new call; Tab goes on to the number.
    check(await name.evaluate((el) => el === document.activeElement), 'the caller name is not focused on arrival');
    await page.keyboard.type('刘女士');
    await page.keyboard.press('Enter'); // Enter never sends the form
    await page.keyboard.press('Tab');
    check(
      await form.locator('input[data-test=hotline-caller-phone]').evaluate((el) => el === document.activeElement),
      'Tab from the caller name does not reach the number',
    );
    await page.keyboard.type('13900001111');
    await page.keyboard.press('Enter');
    // Ctrl+Enter on an incomplete form shows what is missing and sends nothing.
    await page.keyboard.press('Control+Enter');
    await form.locator('[data-test=hotline-error]').getByText('请选择诉求类型').waitFor();
    check(posts === 0, `Enter sent ${posts} ticket(s)`);

    await pickRadio(page, 'hotline-request-type', 'help');
    await pickOption(page, form.locator('[data-test=case-category-select]'), '供水', '供水管道破裂');
    await form.locator('textarea[data-test=hotline-description]').fill('来电反映枫桥镇某小区停水一天，老人孩子用水困难');
    await pickArea(page, '枫桥', kTownship);
    await form.locator('[data-test=hotline-area-hint]').getByText('由派单中心细化到网格').waitFor();
    await form.locator('input[data-test=hotline-address]').fill('枫桥镇新村小区 3 幢');
    // The class defaults to 一般 (7 days); 水电气热 shows its limits in words.
    const limits = form.locator('[data-test=hotline-class-limits]');
    check((await limits.innerText()).includes('须 24 小时内派单，7 天内反馈'), `general class reads "${await limits.innerText()}"`);
    await pickRadio(page, 'hotline-class', 'utility');
    await limits.getByText('须 2 小时内派单，24 小时内反馈').waitFor();
    // The messages about missing fields went away as the fields were filled.
    check((await form.locator('[data-test=hotline-error]').count()) === 0, 'fixed fields are still reported missing');
    await page.waitForTimeout(300); // the radio buttons' colour transition
    await screenshot(page, artifacts, 'hotline-01-utility-call');

    const ticket = await submitTicket(page, () => page.keyboard.press('Control+Enter'));
    log(`utility ticket #${ticket.id}`);
    check(ticket.channel === 'hotline' && ticket.request_type === 'help' && ticket.hotline_class === 'utility',
      `ticket ${JSON.stringify(ticket)}`);
    check(ticket.org_code === kTownship, `ticket located to ${ticket.org_code}, expected the township`);
    const created = Date.parse(ticket.created_at);
    check(Date.parse(ticket.stage_due_at) - created === 2 * kHour, `dispatch due ${ticket.stage_due_at} is not 2 h after ${ticket.created_at}`);
    check(Date.parse(ticket.feedback_due_at) - created === 24 * kHour, `feedback due ${ticket.feedback_due_at} is not 24 h later`);
    const receipt = page.locator('[data-test=hotline-receipt]');
    await receipt.waitFor();
    check((await receipt.getAttribute('data-status')) === 'reported', 'the receipt is not of a reported ticket');
    check(
      (await receipt.locator('[data-test=hotline-receipt-number]').getAttribute('data-id')) === String(ticket.id),
      'the receipt shows another ticket number',
    );
    const dispatchText = await receipt.locator('[data-test=hotline-receipt-dispatch]').innerText();
    const feedbackText = await receipt.locator('[data-test=hotline-receipt-feedback]').innerText();
    check(dispatchText.includes(shown(ticket.stage_due_at)), `dispatch due shown as "${dispatchText}", expected ${shown(ticket.stage_due_at)}`);
    check(feedbackText.includes(shown(ticket.feedback_due_at)), `feedback due shown as "${feedbackText}", expected ${shown(ticket.feedback_due_at)}`);
    // Cleared for the next call, the caller name focused again.
    check((await name.inputValue()) === '', 'the form keeps the last caller');
    check((await form.locator('textarea[data-test=hotline-description]').inputValue()) === '', 'the form keeps the last description');
    await page.waitForFunction(() => document.activeElement?.matches('input[data-test=hotline-caller-name]'));
    await page.locator('[data-test=hotline-tab-today]').click();
    await page.locator(`[data-test=hotline-today-item][data-id="${ticket.id}"]`).waitFor();
    await screenshot(page, artifacts, 'hotline-02-receipt');

    // An enquiry answered during the call closes at once.
    await name.fill('王先生');
    await pickRadio(page, 'hotline-request-type', 'consult');
    await form.locator('[data-test=hotline-answer-area]').waitFor();
    await pickOption(page, form.locator('[data-test=case-category-select]'), '暴露垃圾', '暴露垃圾');
    await form.locator('textarea[data-test=hotline-description]').fill('来电咨询大件垃圾怎么处理');
    await pickArea(page, '枫源村', kVillage);
    await form.locator('[data-test=hotline-answer-now]').click();
    await form.locator('[data-test=hotline-submit]').getByText('答复并办结').waitFor();
    // The answer is required once 当场答复办结 is ticked.
    await form.locator('[data-test=hotline-submit]').click();
    await form.locator('[data-test=hotline-error]').getByText('请填写当场答复的内容').waitFor();
    await form.locator('textarea[data-test=hotline-answer]').fill('每周六上午在村委会门口集中收运大件垃圾');
    await screenshot(page, artifacts, 'hotline-03-consult-answer');
    const answered = await submitTicket(page, () => form.locator('[data-test=hotline-submit]').click());
    check(answered.status === 'closed' && answered.stage_due_at === null, `answered ticket ${JSON.stringify(answered)}`);
    await page.locator(`[data-test=hotline-receipt][data-status="closed"]`).getByText('已当场答复，工单已办结').waitFor();
    await page.locator(`[data-test=hotline-today-item][data-id="${answered.id}"]`).waitFor();
    check(posts === 2, `${posts} tickets were sent, expected 2`);
    await page.waitForTimeout(300); // the cleared radio buttons' colour transition
    await screenshot(page, artifacts, 'hotline-04-answered');

    // The closed ticket's page shows the answer in its timeline and the hotline facts.
    await openCase(page, answered.id);
    await headerStatus(page, 'closed').waitFor();
    const actions = await timelineActions(page);
    check(JSON.stringify(actions) === JSON.stringify(['report', 'answer']), `timeline of the answered ticket: ${actions.join(', ')}`);
    await page.locator('[data-test=case-timeline]').getByText('当场答复').waitFor();
    await page.locator('[data-test=case-timeline]').getByText('每周六上午在村委会门口集中收运大件垃圾').waitFor();
    await page.locator('[data-test=case-hotline-class]').getByText('一般').waitFor();
    checkNoPageErrors(page);
  });
}

/**
 * (b) A caller's ticket goes to the township, which summons the county's 城管 (吹哨报到); the
 * department finds it in its queue and resolves it; the operator calls the caller back from 待回访.
 */
export async function hotlineEscalationScenario({ browser, baseUrl, artifacts, log }) {
  const marker = `吹哨测试 ${Date.now() % 100000}`;
  let ticket = null;
  const operator = await openAs(browser, baseUrl, 'hotline');
  try {
    ticket = await ticketByApi(operator.context, { description: `来电反映夜间施工噪声扰民（${marker}）`, category_code: 'E0301', hotline_class: 'general', request_type: 'complaint' });
    log(`ticket #${ticket.id}`);
  } finally {
    await operator.context.close();
  }

  const township = await openAs(browser, baseUrl, 'township');
  try {
    const { page } = township;
    await page.goto('/cases?channel=hotline');
    await page.locator('[data-test=case-table] .el-table__body').getByText(marker).first().click();
    await page.waitForURL(`**/cases/${ticket.id}`);
    await headerStatus(page, 'reported').waitFor();
    await page.locator('[data-test=case-hotline-tag]').waitFor();
    await act(page, 'file', 'filed');
    // Escalation names the summoned department; it is refused in the dialog without one.
    const escalate = page.locator('[data-test=case-action-escalate]');
    await closeDialog(
      await confirmRefused(page, escalate, 'escalate', '请选择被召集（吹哨）的部门', { note: '需县级执法部门到场处置' }),
    );
    await act(page, 'escalate', 'dispatched', {
      note: '夜间施工噪声，需县级执法部门到场处置（吹哨报到）',
      fill: async (d) => {
        // The picker lists the county's departments next to the township's.
        await pickOption(page, d.locator('[data-test=case-department-picker]'), '城管', '综合行政执法局（城管）');
        await d.locator('[data-test=case-action-department-hint]').getByText('吹哨报到').waitFor();
        await page.waitForTimeout(300); // the closing dropdown
        await screenshot(page, artifacts, 'hotline-05-escalate-dialog');
      },
    });
    await page.locator('[data-test=case-escalated]').waitFor();
    await page.locator('[data-test=case-department]').getByText('综合行政执法局（城管）').waitFor();
    await page.locator('[data-test=case-timeline]').getByText('吹哨召集：综合行政执法局（城管）').waitFor();
    await page.locator('[data-test=case-timeline]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'hotline-06-escalated');
    checkNoPageErrors(page);
  } finally {
    await township.context.close();
  }

  await asUser(browser, baseUrl, 'chengguan', async ({ page }) => {
    await page.goto('/cases?status=dispatched');
    const row = page.locator('[data-test=case-table] .el-table__body .el-table__row').filter({ hasText: marker }).first();
    await row.waitFor();
    check((await row.innerText()).includes('已吹哨'), `the queue row does not flag the summons: ${await row.innerText()}`);
    await screenshot(page, artifacts, 'hotline-07-department-queue');
    await row.click();
    await page.waitForURL(`**/cases/${ticket.id}`);
    await act(page, 'accept', 'accepted');
    await act(page, 'resolve', 'resolved', { note: '已责令施工方夜间停工，并告知来电人' });
    checkNoPageErrors(page);
  });

  const back = await openAs(browser, baseUrl, 'hotline');
  try {
    const { page } = back;
    await openDesk(page);
    const item = page.locator(`[data-test=hotline-pending-item][data-id="${ticket.id}"]`);
    await item.waitFor();
    check((await item.innerText()).includes(shown(ticket.feedback_due_at).slice(5)), `待回访 item reads "${await item.innerText()}"`);
    await screenshot(page, artifacts, 'hotline-08-pending');
    await item.locator('[data-test=hotline-follow-up]').click();
    const dialog = page.locator('.el-dialog[data-action="follow_up"]');
    await dialog.waitFor();
    await dialog.locator('[data-test=case-action-satisfaction]').getByText('基本满意', { exact: true }).click();
    await dialog.locator('textarea[data-test=case-action-note]').fill('来电人表示夜间已无施工');
    await screenshot(page, artifacts, 'hotline-09-follow-up-dialog');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/cases/${ticket.id}/actions/follow_up`)),
      dialog.locator('[data-test=case-action-confirm]').click(),
    ]);
    const body = await response.json();
    check(response.status() === 200, `follow_up answered ${response.status()}: ${JSON.stringify(body)}`);
    check(body.followed_up_at, 'the follow-up was not recorded');
    await item.waitFor({ state: 'detached' });
    await openCase(page, ticket.id);
    await page.locator('[data-test=case-feedback]').getByText('已于').waitFor();
    await page.locator('[data-test=case-timeline]').getByText('满意度：基本满意').waitFor();
    check(!(await page.locator('[data-test=case-action-follow_up]').isVisible()), 'a called-back ticket still offers 回访');
    checkNoPageErrors(page);
  } finally {
    await back.context.close();
  }
}

/** (c) Intake flags a likely duplicate; the township merges it from the banner in one go. */
export async function hotlineDuplicateScenario({ browser, baseUrl, artifacts, log }) {
  const address = `枫源村文化礼堂东侧（重复测试 ${Date.now() % 100000}）`;
  await asUser(browser, baseUrl, 'township', async ({ context, page }) => {
    const report = (description) => reportByApi(context, description, { category_code: 'C0102', address });
    const first = await report('污水井盖缺失，行人易踩空');
    const second = await report('井盖没了，晚上很危险');
    check(second.likely_duplicate_of === first.id, `the second report suggests ${second.likely_duplicate_of}, expected #${first.id}`);
    log(`#${second.id} likely duplicates #${first.id}`);
    await openCase(page, second.id);
    const banner = page.locator('[data-test=case-duplicate-banner]');
    await banner.waitFor();
    await banner.getByText(`#${first.id}`).waitFor();
    await screenshot(page, artifacts, 'hotline-10-duplicate-banner');
    await banner.locator('[data-test=case-duplicate-merge]').click();
    const [merged] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/cases/${second.id}/actions/merge`)),
      page.locator('.el-message-box .el-button--primary').click(),
    ]);
    const body = await merged.json();
    check(merged.status() === 200 && body.duplicate_of === first.id, `merge answered ${merged.status()}: ${JSON.stringify(body)}`);
    await headerStatus(page, 'closed').waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.locator('[data-test=case-timeline]').getByText(`合并到案件 #${first.id}`).waitFor();
    // The banner links to the other case.
    await openCase(page, first.id);
    check(!(await banner.isVisible()), 'the first case shows a duplicate banner');
    checkNoPageErrors(page);
  });
}

export const kCasesHotlineScenarios = [
  ['hotline: operator takes a utility call and answers an enquiry on the spot', hotlineDeskScenario],
  ['hotline: township summons 城管 (吹哨), the department resolves, the operator calls back', hotlineEscalationScenario],
  ['hotline: township merges a likely duplicate from its banner', hotlineDuplicateScenario],
];
