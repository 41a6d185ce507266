// Browser scenarios of the autonomy console (村务): the party secretary walks a major matter
// through 四议两公开 with the law's numbers shown as typed, and a meeting that misses its quorum;
// the supervisor refuses a finance disclosure with a reason, the secretary revises it, the
// supervisor signs it off and the secretary publishes it; the disclosure calendar and the
// township's overview. Walked by run.mjs through kScenarios in scenarios.mjs.
import { apiGet, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { openAs } from './people_console.mjs'; // one login per user and run, then its saved session

/** POST through the context's session (with its CSRF token); returns {status, body}. */
async function apiPost(context, path, data) {
  const csrf = (await context.cookies()).find((c) => c.name === 'jiceng_csrf')?.value ?? '';
  const response = await context.request.post(path, { data, headers: { 'X-CSRF-Token': csrf } });
  return { status: response.status(), body: await response.json().catch(() => null) };
}

const dialogOf = (page, name) => page.locator(`.el-dialog[data-test=${name}]`);

/** Saves a dialog and waits for the POST or PUT it makes; returns the response. */
async function saveDialog(page, dialog, saveTest, urlPart) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(urlPart) && ['POST', 'PUT'].includes(r.request().method())),
    dialog.locator(`[data-test=${saveTest}]`).click(),
  ]);
  return response;
}

/** Fills the stage dialog's numbers (strings as typed). */
async function fillStage(dialog, { stage, expected, present, votesFor, votesAgainst = '0', abstained = '0' }) {
  if (stage) await dialog.locator(`[data-test=stage-kind] [data-value=${stage}]`).click();
  await dialog.locator('input[data-test=stage-expected]').fill(expected);
  await dialog.locator('input[data-test=stage-present]').fill(present);
  await dialog.locator('input[data-test=stage-votes-for]').fill(votesFor);
  await dialog.locator('input[data-test=stage-votes-against]').fill(votesAgainst);
  await dialog.locator('input[data-test=stage-abstained]').fill(abstained);
}

async function recordStage(page, numbers, { expectStatus = 201 } = {}) {
  await page.locator('[data-test=decision-record-stage]').click();
  const dialog = dialogOf(page, 'stage-dialog');
  await dialog.waitFor();
  await fillStage(dialog, numbers);
  const response = await saveDialog(page, dialog, 'stage-save', '/stages');
  check(response.status() === expectStatus, `stage ${numbers.stage ?? ''} answered ${response.status()}, expected ${expectStatus}`);
  await dialog.waitFor({ state: 'hidden' });
}

async function stepStatuses(page) {
  return page.locator('[data-test=decision-stepper] [data-step]').evaluateAll((els) => els.map((e) => e.dataset.status));
}

async function waitForSteps(page, expected) {
  const stepper = page.locator('[data-test=decision-stepper]');
  await stepper.locator(`[data-step]`).first().waitFor();
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('[data-test=decision-stepper] [data-step]')].map((e) => e.dataset.status).join(',') === want,
    expected.join(','),
  );
}

async function decisionWalkScenario({ browser, baseUrl, artifacts }) {
  const { context, page } = await openAs(browser, baseUrl, 'secretary');
  try {
    await page.locator('[data-test=side-menu]').getByText('重大事项决策', { exact: true }).click();
    await page.locator('[data-test=decision-table]').waitFor();
    const title = `村道硬化工程 e2e ${Date.now() % 100000}`;
    await page.locator('[data-test=decision-propose]').click();
    const propose = dialogOf(page, 'propose-dialog');
    await propose.locator('input[data-test=propose-title]').fill(title);
    await propose.locator('textarea[data-test=propose-text]').fill('拟对村西组道路进行硬化，预算 30 万元，由村集体经济承担。');
    const proposed = await saveDialog(page, propose, 'propose-save', '/api/v1/decisions');
    check(proposed.status() === 201, `propose answered ${proposed.status()}`);
    await page.waitForURL(/\/autonomy\/decisions\/\d+$/);
    await page.locator('[data-test=decision-title]').filter({ hasText: title }).waitFor();
    await waitForSteps(page, ['finish', 'process', 'wait', 'wait', 'wait', 'wait']);

    // 商议: no threshold.
    await recordStage(page, { expected: '9', present: '8', votesFor: '8' });
    await waitForSteps(page, ['finish', 'finish', 'process', 'wait', 'wait', 'wait']);
    // 审议: more than half of the members attend and agree.
    await recordStage(page, { expected: '40', present: '31', votesFor: '28', votesAgainst: '2', abstained: '1' });
    await waitForSteps(page, ['finish', 'finish', 'finish', 'process', 'wait', 'wait']);

    // 决议 by the villagers' assembly: the numbers shown as they are typed.
    await page.locator('[data-test=decision-record-stage]').click();
    const dialog = dialogOf(page, 'stage-dialog');
    await dialog.waitFor();
    await fillStage(dialog, { stage: 'assembly', expected: '120', present: '60', votesFor: '31' });
    const quorum = dialog.locator('[data-test=quorum-check]');
    await quorum.locator('[data-test=quorum-line]').filter({ hasText: '应到 120，实到 60，过半数需 61 人到会' }).waitFor();
    check((await quorum.getAttribute('data-outcome')) === 'quorum_not_met', 'exactly half present should show the quorum missed');
    await dialog.locator('input[data-test=stage-present]').fill('61');
    await quorum.locator('[data-test=vote-line]').filter({ hasText: '同意 31 / 需 >30.5' }).waitFor();
    check((await quorum.getAttribute('data-outcome')) === 'passed', `61 of 120 present, 31 for: ${await quorum.innerText()}`);
    await screenshot(page, artifacts, 'autonomy-01-assembly-numbers');
    const resolved = await saveDialog(page, dialog, 'stage-save', '/stages');
    check(resolved.status() === 201, `assembly answered ${resolved.status()}`);
    await waitForSteps(page, ['finish', 'finish', 'finish', 'finish', 'process', 'wait']);

    // 两公开: the resolution, then the result.
    for (const [button, text, steps] of [
      ['decision-disclose-resolution', '经村民会议表决通过：实施村西组道路硬化工程。', ['finish', 'finish', 'finish', 'finish', 'finish', 'process']],
      ['decision-disclose-result', '道路硬化工程已于本月完工并通过验收，实际支出 29.6 万元。', ['finish', 'finish', 'finish', 'finish', 'finish', 'finish']],
    ]) {
      await page.locator(`[data-test=${button}]`).click();
      const disclose = dialogOf(page, 'disclose-dialog');
      await disclose.locator('textarea[data-test=disclose-body]').fill(text);
      const answer = await saveDialog(page, disclose, 'disclose-save', '/disclosures');
      check(answer.status() === 201, `${button} answered ${answer.status()}`);
      await waitForSteps(page, steps);
    }
    await page.locator('[data-test=decision-status]').filter({ hasText: '已完成' }).waitFor();
    check((await page.locator('[data-test=decision-disclosure]').count()) === 2, 'the decision should list its two disclosures');
    check((await page.locator('[data-test=decision-meetings] .el-table__body tr').count()) === 3, 'three meetings on record');
    await page.locator('[data-test=decision-page]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'autonomy-02-stepper-done');
    check(!(await page.locator('[data-test=decision-record-stage]').isVisible()), 'a done decision offers no further meeting');

    // A party members' meeting that misses its quorum: the server's numbers, the decision stopped.
    const created = await apiPost(context, '/api/v1/decisions', {
      org_code: (await apiGet(context, '/api/v1/auth/me')).body.user.org_code,
      title: `集体资产出租 e2e ${Date.now() % 100000}`,
      matter: 'assets',
      proposal: '拟将村集体闲置厂房对外出租。',
    });
    check(created.status === 201, `propose by API answered ${created.status}`);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const joint = await apiPost(context, `/api/v1/decisions/${created.body.id}/stages`, {
      stage: 'joint_meeting', held_on: today, expected: 9, present: 9, votes_for: 9, votes_against: 0, abstained: 0,
    });
    check(joint.status === 201, `joint meeting by API answered ${joint.status}`);
    await page.goto(`/autonomy/decisions/${created.body.id}`);
    await waitForSteps(page, ['finish', 'finish', 'process', 'wait', 'wait', 'wait']);
    await page.locator('[data-test=decision-record-stage]').click();
    const stop = dialogOf(page, 'stage-dialog');
    await stop.waitFor();
    await fillStage(stop, { expected: '40', present: '20', votesFor: '20' });
    await stop.locator('[data-test=quorum-outcome]').filter({ hasText: '未达法定人数' }).waitFor();
    const refused = await saveDialog(page, stop, 'stage-save', '/stages');
    check(refused.status() === 422, `a party meeting of 20 of 40 answered ${refused.status()}`);
    const stopped = page.locator('[data-test=decision-stopped]');
    await stopped.filter({ hasText: '党员大会应到 40 人、实到 20 人' }).waitFor();
    check((await stopped.getAttribute('data-code')) === 'autonomy.decision.quorum_not_met', 'the stop names its code');
    await waitForSteps(page, ['finish', 'finish', 'error', 'wait', 'wait', 'wait']);
    await page.locator('[data-test=decision-status]').filter({ hasText: '已终止' }).waitFor();
    await page.locator('[data-test=decision-meetings] .el-tag').filter({ hasText: '未达法定人数' }).waitFor();
    await screenshot(page, artifacts, 'autonomy-03-quorum-not-met');
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }
}

async function financeSignOffScenario({ browser, baseUrl, artifacts }) {
  const secretary = await openAs(browser, baseUrl, 'secretary');
  const supervisor = await openAs(browser, baseUrl, 'supervisor');
  try {
    const { page } = secretary;
    // The secretary writes a finance disclosure; the totals must add up.
    await page.goto('/autonomy/disclosures');
    await page.locator('[data-test=disclosure-table]').waitFor();
    await page.locator('[data-test=disclosure-create]').click();
    const editor = dialogOf(page, 'disclosure-editor');
    await editor.waitFor();
    const title = `财务收支公开 e2e ${Date.now() % 100000}`;
    await editor.locator('input[data-test=disclosure-title]').fill(title);
    const lines = editor.locator('[data-test=disclosure-line]');
    await lines.nth(0).locator('input[data-test=line-label]').fill('上级转移支付');
    await lines.nth(0).locator('input[data-test=line-amount]').fill('12000');
    await lines.nth(1).locator('input[data-test=line-label]').fill('村道路灯维修');
    await lines.nth(1).locator('input[data-test=line-amount]').fill('800.5');
    await editor.locator('input[data-test=total-income]').fill('12000');
    await editor.locator('input[data-test=total-expense]').fill('800');
    await editor.locator('[data-test=sum-expense]').filter({ hasText: '800.50' }).waitFor();
    await editor.locator('[data-test=totals-off]').waitFor();
    const mismatch = await saveDialog(page, editor, 'disclosure-save', '/api/v1/disclosures');
    check(mismatch.status() === 422, `totals that do not add up answered ${mismatch.status()}`);
    await editor.locator('.el-form-item__error').filter({ hasText: '支出合计 800.00 元与各项支出之和 800.50 元不符' }).waitFor();
    await editor.locator('[data-test=take-sums]').click();
    check(!(await editor.locator('[data-test=totals-off]').isVisible()), 'the totals add up after taking the sums');
    const created = await saveDialog(page, editor, 'disclosure-save', '/api/v1/disclosures');
    check(created.status() === 201, `the finance disclosure answered ${created.status()}`);
    await page.waitForURL(/\/autonomy\/disclosures\/\d+$/);
    const id = page.url().match(/(\d+)$/)[1];
    await page.locator('[data-test=disclosure-status][data-status=draft]').waitFor();
    check(!(await page.locator('[data-test=disclosure-publish]').isVisible()), 'a finance draft cannot be published before sign-off');

    // The supervisor refuses it: a reason is required.
    const sup = supervisor.page;
    await sup.goto(`/autonomy/disclosures/${id}`);
    await sup.locator('[data-test=disclosure-title]').filter({ hasText: title }).waitFor();
    await sup.locator('[data-test=disclosure-refuse]').click();
    const review = dialogOf(sup, 'review-dialog');
    await review.waitFor();
    const noReason = await saveDialog(sup, review, 'review-save', '/sign-off');
    check(noReason.status() === 422, `a refusal without a reason answered ${noReason.status()}`);
    await review.locator('.el-form-item__error').filter({ hasText: '不同意时请写明理由' }).waitFor();
    const reason = '路灯维修支出未附发票编号，请补充后再报';
    await review.locator('textarea[data-test=review-reason]').fill(reason);
    const refusedAnswer = await saveDialog(sup, review, 'review-save', '/sign-off');
    check(refusedAnswer.status() === 201 || refusedAnswer.status() === 200, `the refusal answered ${refusedAnswer.status()}`);
    await sup.locator('[data-test=disclosure-status][data-status=refused]').waitFor();
    await screenshot(sup, artifacts, 'autonomy-04-supervisor-refused');

    // The secretary reads the reason and revises it.
    await page.reload();
    await page.locator('[data-test=disclosure-refusal]').filter({ hasText: reason }).waitFor();
    await page.locator('[data-test=disclosure-edit]').click();
    const revise = dialogOf(page, 'disclosure-editor');
    await revise.waitFor();
    await revise.locator('[data-test=disclosure-line]').nth(1).locator('input[data-test=line-label]').fill('村道路灯维修（发票 No.0031827）');
    const revised = await saveDialog(page, revise, 'disclosure-save', `/api/v1/disclosures/${id}`);
    check(revised.status() === 200, `the revision answered ${revised.status()}`);
    await page.locator('[data-test=disclosure-status][data-status=draft]').waitFor();

    // The supervisor signs it off; the secretary publishes it.
    await sup.reload();
    await sup.locator('[data-test=disclosure-approve]').click();
    const approve = dialogOf(sup, 'review-dialog');
    await approve.waitFor();
    const approved = await saveDialog(sup, approve, 'review-save', '/sign-off');
    check(approved.status() < 300, `the sign-off answered ${approved.status()}`);
    await sup.locator('[data-test=disclosure-status][data-status=signed_off]').waitFor();
    check(!(await sup.locator('[data-test=disclosure-publish]').isVisible()), 'the supervisor does not publish');

    await page.reload();
    await page.locator('[data-test=disclosure-publish]').click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/disclosures/${id}/publish`) && r.status() < 300),
      page.locator('.el-message-box__btns .el-button--primary').click(),
    ]);
    await page.locator('[data-test=disclosure-status][data-status=published]').waitFor();
    await page.locator('[data-test=disclosure-totals]').filter({ hasText: '收入合计 12000.00 元，支出合计 800.50 元，结余 11199.50 元' }).waitFor();
    check((await page.locator('[data-test=disclosure-reviews] .el-timeline-item').count()) === 2, 'two reviews on record');
    await screenshot(page, artifacts, 'autonomy-05-finance-published');
    const pdf = await secretary.context.request.get(await page.locator('[data-test=disclosure-pdf]').getAttribute('href'));
    check(pdf.status() === 200 && (pdf.headers()['content-type'] ?? '').includes('application/pdf'), `the PDF answered ${pdf.status()} ${pdf.headers()['content-type']}`);
    checkNoPageErrors(page);
    checkNoPageErrors(sup);
  } finally {
    await secretary.context.close();
    await supervisor.context.close();
  }
}

async function calendarScenario({ browser, baseUrl, artifacts }) {
  const secretary = await openAs(browser, baseUrl, 'secretary');
  try {
    const { page } = secretary;
    await page.locator('[data-test=side-menu]').getByText('公开日历', { exact: true }).click();
    const calendar = page.locator('[data-test=schedule-calendar]');
    await calendar.waitFor();
    // The demo village publishes every period but the finance month three months back.
    const overdue = calendar.locator('tr[data-kind=finance] td[data-state=overdue]');
    check((await overdue.count()) === 1, `one overdue finance month expected, saw ${await overdue.count()}`);
    check((await calendar.locator('td[data-state=done]').count()) > 5, 'published periods show as done');
    await page.locator('[data-test=schedule-overdue]').filter({ hasText: '逾期未公开 1 期' }).waitFor();
    await page.locator('[data-test=schedule-page] .el-loading-mask').waitFor({ state: 'hidden' });
    await screenshot(page, artifacts, 'autonomy-06-calendar');
    checkNoPageErrors(page);
  } finally {
    await secretary.context.close();
  }
  const township = await openAs(browser, baseUrl, 'township');
  try {
    const { page } = township;
    await page.goto('/autonomy/schedule');
    const overview = page.locator('[data-test=overview-table]');
    await overview.locator('.el-table__body tr').first().waitFor();
    await overview.getByText('枫源村').click();
    await page.locator('[data-test=schedule-calendar] td[data-state=overdue]').first().waitFor();
    await screenshot(page, artifacts, 'autonomy-07-township-overview');
    checkNoPageErrors(page);
  } finally {
    await township.context.close();
  }
}

async function deliberationScenario({ browser, baseUrl, artifacts }) {
  const { context, page } = await openAs(browser, baseUrl, 'secretary');
  let village = ''; // the secretary's village
  try {
    // A topic turned from a case, agreed at its consultation meeting: it becomes a decision proposal.
    await page.goto('/autonomy/topics');
    await page.locator('[data-test=topic-table]').waitFor();
    await page.locator('[data-test=topic-raise]').click();
    const raise = dialogOf(page, 'topic-dialog');
    await raise.waitFor();
    const title = `村口停车难 e2e ${Date.now() % 100000}`;
    await raise.locator('input[data-test=topic-title]').fill(title);
    await raise.locator('textarea[data-test=topic-description]').fill('村口道路两侧乱停车，影响通行，居民多次反映。');
    await raise.locator('input[data-test=topic-case]').fill('12');
    const raised = await saveDialog(page, raise, 'topic-save', '/api/v1/topics');
    check(raised.status() === 201, `raising a topic answered ${raised.status()}`);
    await page.waitForURL(/\/autonomy\/topics\/\d+$/);
    await page.locator('[data-test=topic-status]').filter({ hasText: '待协商' }).waitFor();
    await page.locator('[data-test=topic-consult]').click();
    const consult = dialogOf(page, 'consultation-dialog');
    await consult.waitFor();
    for (const [kind, count] of [['residents', '12'], ['representatives', '5'], ['units', '1']]) {
      const input = consult.locator(`[data-test=participants-${kind}] input`);
      await input.fill(count);
      await input.press('Tab');
    }
    const consulted = await saveDialog(page, consult, 'consultation-save', '/consultations');
    check(consulted.status() === 201, `the consultation answered ${consulted.status()}`);
    await page.locator('[data-test=topic-status]').filter({ hasText: '达成一致' }).waitFor();
    await page.locator('[data-test=topic-consultation]').filter({ hasText: '居民 12' }).waitFor();
    await screenshot(page, artifacts, 'autonomy-08-topic-agreed');
    await page.locator('[data-test=topic-decision]').click();
    await page.waitForURL(/\/autonomy\/decisions\/\d+$/);
    await page.locator('[data-test=decision-title]').filter({ hasText: title }).waitFor();
    await waitForSteps(page, ['finish', 'process', 'wait', 'wait', 'wait', 'wait']);

    // Conventions: the version in force, and a new draft.
    await page.goto('/autonomy/conventions');
    await page.locator('[data-test=convention-in-force]').filter({ hasText: '第 1 版' }).waitFor();
    await page.locator('[data-test=convention-draft]').click();
    const draft = dialogOf(page, 'convention-dialog');
    await draft.waitFor();
    await draft.locator('input[data-test=convention-title]').fill('枫源村村规民约（修订稿）');
    await draft.locator('textarea[data-test=convention-body]').fill('第一条 爱党爱国，遵纪守法。\n第二条 车辆有序停放，不占道。');
    const drafted = await saveDialog(page, draft, 'convention-save', '/api/v1/conventions');
    check(drafted.status() === 201, `the draft answered ${drafted.status()}`);
    const draftRow = page.locator('[data-test=convention-table] .el-table__row').filter({ hasText: '草案' });
    await draftRow.waitFor();

    // Adopted through a convention decision the assembly passed (made here through the API).
    village = (await apiGet(context, '/api/v1/auth/me')).body.user.org_code;
    const decision = await apiPost(context, '/api/v1/decisions', { org_code: village, title: `村规民约修订 e2e ${Date.now() % 100000}`, matter: 'convention', proposal: '修订村规民约。' });
    check(decision.status === 201, `the convention decision answered ${decision.status}`);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    for (const [stage, expected, present, votes] of [['joint_meeting', 9, 9, 9], ['party_meeting', 40, 30, 28], ['representatives_assembly', 30, 25, 20]]) {
      const met = await apiPost(context, `/api/v1/decisions/${decision.body.id}/stages`, { stage, held_on: today, expected, present, votes_for: votes, votes_against: 0, abstained: 0 });
      check(met.status === 201, `${stage} by API answered ${met.status}`);
    }
    await draftRow.locator('[data-test=convention-adopt]').click();
    const adopt = dialogOf(page, 'convention-dialog');
    await adopt.waitFor();
    await adopt.locator('.el-select').click();
    await page.locator('.el-select-dropdown__item').filter({ hasText: '村规民约修订 e2e' }).first().click();
    const adopted = await saveDialog(page, adopt, 'convention-save', '/adopt');
    check(adopted.status() < 300, `adopting answered ${adopted.status()}`);
    await page.locator('[data-test=convention-table] .el-table__row').filter({ hasText: '已表决通过' }).waitFor();
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }

  // The township files it (备案) after its legality review: the new version is in force.
  const township = await openAs(browser, baseUrl, 'township');
  try {
    const { page } = township;
    await page.goto(`/autonomy/conventions?org=${village}`);
    const row = page.locator('[data-test=convention-table] .el-table__row').filter({ hasText: '已表决通过' });
    await row.locator('[data-test=convention-file]').click();
    const file = dialogOf(page, 'convention-dialog');
    await file.waitFor();
    const filed = await saveDialog(page, file, 'convention-save', '/filing');
    check(filed.status() < 300, `filing answered ${filed.status()}`);
    await page.locator('[data-test=convention-in-force]').filter({ hasText: '第 2 版' }).waitFor();
    await page.locator('[data-test=convention-table] .el-table__row').filter({ hasText: '已被替代' }).waitFor();
    await file.waitFor({ state: 'hidden' });
    await page.locator('[data-test=convention-table] .el-loading-mask').waitFor({ state: 'hidden' });
    await screenshot(page, artifacts, 'autonomy-09-conventions');
    checkNoPageErrors(page);
  } finally {
    await township.context.close();
  }
}

export const kAutonomyConsoleScenarios = [
  ['autonomy: secretary walks a decision through 四议两公开', decisionWalkScenario],
  ['autonomy: supervisor refuses, then signs off a finance disclosure', financeSignOffScenario],
  ['autonomy: disclosure calendar and township overview', calendarScenario],
  ['autonomy: a topic from a case agreed into a proposal; a convention drafted, adopted and filed', deliberationScenario],
];
