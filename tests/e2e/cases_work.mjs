// Browser scenarios of the case work pages (分拨台, 部门待办, 我的待办; journeys 1–3). Walked by
// run.mjs through kScenarios in scenarios.mjs. Each takes { browser, baseUrl, artifacts, log }.
import { apiGet, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { openAs, asUser } from './people_console.mjs';
import { actByApi, closeDialog, confirmRefused, pickOption, reportByApi } from './cases_console.mjs';

const kCityManagement = '330681901'; // 综合行政执法局（城管）, the `chengguan` account's department

const report = (context, description, address) => reportByApi(context, description, { address });

async function boardCounts(context, org) {
  const { status, body } = await apiGet(context, `/api/v1/case-board${org ? `?org=${org}` : ''}`);
  check(status === 200, `GET /case-board answered ${status}`);
  const counts = Object.fromEntries(body.pipeline.map((p) => [p.status, p.count]));
  counts.overdue = body.overdue.count;
  return counts;
}

// The row of case `id` (staff lists show the case number, never the resident's tracking code).
const codeOf = (page, id) => page.locator(`[data-test=case-work-code][data-id="${id}"]`);
const rowOf = (page, list, id) =>
  page.locator(`[data-test=${list}] .el-table__body .el-table__row`).filter({ has: codeOf(page, id) });

async function countText(page, selector) {
  return (await page.locator(`[data-test=${selector}]`).innerText()).trim();
}

/** Waits until a tab's count reads `expected` (board counts move by the page's own bookkeeping). */
async function waitForCount(page, selector, expected) {
  const locator = page.locator(`[data-test=${selector}]`);
  for (let i = 0; i < 50; i++) {
    if ((await locator.innerText().catch(() => '')).trim() === String(expected)) return;
    await page.waitForTimeout(100);
  }
  check(false, `${selector} reads "${await locator.innerText().catch(() => '')}", expected ${expected}`);
}

/** Clicks a row's quick action and waits for its POST; returns the response. */
async function quick(page, row, action, { note, fill, expectStatus = 200 } = {}) {
  const button = row.locator(`[data-test=case-work-${action}]`);
  const wait = page.waitForResponse((r) => r.url().includes(`/actions/${action}`) && r.request().method() === 'POST');
  await button.click();
  if (action === 'merge') await page.locator('.el-message-box .el-button--primary').click();
  if (note !== undefined || fill) {
    const dialog = page.locator(`.el-dialog[data-action="${action}"]`);
    await dialog.waitFor();
    if (fill) await fill(dialog);
    if (note !== undefined) await dialog.locator('textarea[data-test=case-action-note]').fill(note);
    await dialog.locator('[data-test=case-action-confirm]').click();
  }
  const response = await wait;
  check(response.status() === expectStatus, `${action} answered ${response.status()}: ${await response.text()}`);
  return response;
}

/** Waits until no list of the page is loading (and fades have ended), for a screenshot. */
async function settle(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null));
  await page.waitForTimeout(300);
}

/** Waits until every card of 我的待办 shows its count. */
async function cardsCounted(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-test=case-task-count]')].every((el) => el.textContent.trim() !== '…'),
  );
}

/** Due times of the rows shown in a list, in order ("2026-11-27 13:35"), rows without one left out. */
async function dueTimes(page, list) {
  const texts = await page.locator(`[data-test=${list}] .el-table__body .el-table__row [data-test=case-due]`).allInnerTexts();
  return texts.map((t) => t.trim().slice(0, 16));
}

/** Township desk → 城管 queue → township's tasks, one case (and its duplicate and a rejected one). */
export async function workWalkScenario({ browser, baseUrl, artifacts, log }) {
  const stamp = Date.now() % 1000000;
  const address = `枫源村村口分拨测试 ${stamp}`;
  const grid = await openAs(browser, baseUrl, 'grid1');
  let a;
  let b;
  let c;
  let d;
  try {
    // A grid worker reports from the field; the same problem twice is flagged as a likely duplicate.
    a = await report(grid.context, `垃圾桶满溢（分拨台测试 A ${stamp}）`, address);
    b = await report(grid.context, `垃圾桶满溢，垃圾散落（分拨台测试 B ${stamp}）`, address);
    c = await report(grid.context, `测试误报（分拨台测试 C ${stamp}）`, `${address} 另一处`);
    d = await report(grid.context, `门前垃圾（分拨台测试 D ${stamp}）`, `${address} 第三处`);
    check(a.channel === 'grid_worker', `grid1's report came through channel ${a.channel}`);
    check(b.likely_duplicate_of === a.id, `B is not flagged as a duplicate of A: ${b.likely_duplicate_of}`);
    log(`A #${a.id}, B #${b.id}, C #${c.id}, D #${d.id}`);
  } finally {
    await grid.context.close();
  }

  await asUser(browser, baseUrl, 'township', async ({ page, context }) => {
    const before = await boardCounts(context);
    await page.goto('/cases/desk');
    const reported = 'case-desk-list-reported';
    await rowOf(page, reported, a.id).waitFor();
    await waitForCount(page, 'case-desk-count-reported', before.reported);
    check((await countText(page, 'case-desk-count-filed')) === String(before.filed), 'the 待派遣 tab count differs from the board');
    const dupBadge = rowOf(page, reported, b.id).locator('[data-test=case-work-duplicate]');
    check((await dupBadge.innerText()).includes(`#${a.id}`), `B's badge reads "${await dupBadge.innerText()}"`);
    check((await rowOf(page, reported, a.id).innerText()).includes('枫源村第一网格'), 'the row does not name the grid');
    check((await rowOf(page, reported, a.id).innerText()).includes('网格员上报'), 'the row does not name the channel');
    // Most urgent first: the deadlines shown never go back in time.
    const dues = await dueTimes(page, reported);
    check(dues.length > 3 && dues.every((t, i) => i === 0 || dues[i - 1] <= t), `due times out of order: ${dues.join(', ')}`);
    await settle(page);
    await screenshot(page, artifacts, 'work-01-desk-reported');

    // 不予立案 needs a reason: refused in the dialog, then sent.
    const rowC = rowOf(page, reported, c.id);
    const reject = await confirmRefused(page, rowC.locator('[data-test=case-work-reject]'), 'reject', '请填写说明');
    await settle(page);
    await screenshot(page, artifacts, 'work-02-desk-reject-note-required');
    const [rejected] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/actions/reject')),
      (async () => {
        await reject.locator('textarea[data-test=case-action-note]').fill('经核实为误报');
        await reject.locator('[data-test=case-action-confirm]').click();
      })(),
    ]);
    check(rejected.status() === 200, `reject answered ${rejected.status()}`);
    await rowC.waitFor({ state: 'detached' });
    await waitForCount(page, 'case-desk-count-reported', before.reported - 1);

    // 合并 B into A, the duplicate found at intake.
    const rowB = rowOf(page, reported, b.id);
    await quick(page, rowB, 'merge');
    await rowB.waitFor({ state: 'detached' });
    const merged = await apiGet(context, `/api/v1/cases/${b.id}`);
    check(merged.body.status === 'closed' && merged.body.duplicate_of === a.id, `B after merge: ${JSON.stringify(merged.body).slice(0, 200)}`);
    await waitForCount(page, 'case-desk-count-reported', before.reported - 2);

    // Someone else adds a note to A meanwhile: the desk's 立案 meets a version conflict, refreshes
    // the row and says so; the second click files it.
    await actByApi(context, a.id, 'note', { note: '已电话联系网格员核实' });
    const rowA = rowOf(page, reported, a.id);
    await quick(page, rowA, 'file', { expectStatus: 409 });
    await page.locator('.el-message--warning').getByText('案件已被他人更新，本行已刷新').waitFor();
    await settle(page);
    await screenshot(page, artifacts, 'work-03-desk-conflict');
    await rowA.waitFor();
    await quick(page, rowA, 'file');
    await rowA.waitFor({ state: 'detached' });
    await waitForCount(page, 'case-desk-count-reported', before.reported - 3);
    await waitForCount(page, 'case-desk-count-filed', before.filed + 1);

    // 待派遣: dispatch A to 城管 with the department picker.
    await page.locator('[data-test=case-desk-tab-filed]').click();
    const filedRowA = rowOf(page, 'case-desk-list-filed', a.id);
    await filedRowA.waitFor();
    await quick(page, filedRowA, 'dispatch', {
      note: '请城管尽快清运',
      fill: async (dialog) => {
        await pickOption(page, dialog.locator('[data-test=case-department-picker]'), '城管', '综合行政执法局（城管）');
        await settle(page);
        await screenshot(page, artifacts, 'work-04-desk-dispatch-dialog');
      },
    });
    await filedRowA.waitFor({ state: 'detached' });
    await waitForCount(page, 'case-desk-count-filed', before.filed);
    await settle(page);
    await screenshot(page, artifacts, 'work-05-desk-filed');
    const dispatched = await apiGet(context, `/api/v1/cases/${a.id}`);
    check(
      dispatched.body.status === 'dispatched' && dispatched.body.department_code === kCityManagement,
      `A after dispatch: ${dispatched.body.status} ${dispatched.body.department_code}`,
    );
    // D goes the same way through the API (to be sent back by 城管); A is put under supervision.
    await actByApi(context, d.id, 'file');
    await actByApi(context, d.id, 'dispatch', { department_code: kCityManagement });
    await actByApi(context, a.id, 'supervise', { note: '群众反映强烈，请优先处置' });
    checkNoPageErrors(page);
  });

  await asUser(browser, baseUrl, 'chengguan', async ({ page, context }) => {
    const counts = await boardCounts(context);
    await page.goto('/cases/queue');
    await page.locator('[data-test=case-queue-department]').getByText('城管').waitFor();
    const waiting = 'case-queue-list-dispatched';
    const rowA = rowOf(page, waiting, a.id);
    await rowA.waitFor();
    await waitForCount(page, 'case-queue-count-dispatched', counts.dispatched);
    await waitForCount(page, 'case-queue-count-working', counts.accepted + counts.handling);
    await waitForCount(page, 'case-queue-count-resolved', counts.resolved);
    check(await rowA.locator('[data-test=case-work-supervised]').isVisible(), 'the supervised case shows no 督办 tag');
    const dues = await dueTimes(page, waiting);
    check(dues.every((t, i) => i === 0 || dues[i - 1] <= t), `queue not sorted by due time: ${dues.join(', ')}`);
    // Exactly the overdue cases of the queue are highlighted (the demo county keeps few late).
    const overdueRows = await page.locator(`[data-test=${waiting}] .el-table__row.case-work-overdue`).count();
    const listed = (await apiGet(context, '/api/v1/cases?status=dispatched&department=330681901&limit=100')).body.items;
    const late = listed.filter((c) => c.overdue || (c.stage_due_at && new Date(c.stage_due_at).getTime() < Date.now())).length;
    check(overdueRows === late, `${overdueRows} rows highlighted, ${late} of the queue's cases are overdue`);
    await settle(page);
    await screenshot(page, artifacts, 'work-06-queue-dispatched');

    // 退回 needs a reason; D goes back to the dispatcher.
    const rowD = rowOf(page, waiting, d.id);
    await closeDialog(await confirmRefused(page, rowD.locator('[data-test=case-work-return]'), 'return', '请填写说明'));
    await quick(page, rowD, 'return', { note: '不属于本部门职责，属村内保洁' });
    await rowD.waitFor({ state: 'detached' });

    // 签收 moves A to 处置中; an extension request keeps it there; 开始处置, then 处置完毕.
    await quick(page, rowA, 'accept');
    await rowA.waitFor({ state: 'detached' });
    await waitForCount(page, 'case-queue-count-dispatched', counts.dispatched - 2); // D returned, A accepted
    await page.locator('[data-test=case-queue-tab-working]').click();
    const working = 'case-queue-list-working';
    const workingA = rowOf(page, working, a.id);
    await workingA.waitFor();
    await quick(page, workingA, 'request_extension', {
      note: '需协调环卫车辆',
      fill: async (dialog) => {
        await dialog.locator('[data-test=case-action-days] input').fill('2');
        await dialog.locator('[data-test=case-action-days] input').press('Tab');
      },
    });
    await quick(page, workingA, 'start');
    await workingA.locator('[data-test=case-status][data-status=handling]').waitFor();
    await settle(page);
    await screenshot(page, artifacts, 'work-07-queue-working');
    // 城管's own tasks: its queue, overdue and supervised; nothing of the centre's. A, supervised
    // and in its hands, waits under 督办件.
    await page.goto('/cases/tasks');
    await page.locator('[data-test=case-task-card-handle]').waitFor();
    await cardsCounted(page);
    const cards = await page.locator('[data-test^=case-task-card-]').evaluateAll((els) => els.map((e) => e.dataset.test.slice(15)));
    check(JSON.stringify(cards) === JSON.stringify(['handle', 'overdue', 'supervised']), `城管's cards: ${cards.join(', ')}`);
    const now = await boardCounts(context);
    const handleCount = (await page.locator('[data-test=case-task-card-handle] [data-test=case-task-count]').innerText()).trim();
    check(handleCount === String(now.dispatched + now.accepted + now.handling), `待处置 reads ${handleCount}`);
    await page.locator('[data-test=case-task-card-supervised]').click();
    await page.locator('[data-test=case-task-list-supervised]').locator(`[data-test=case-work-code][data-id="${a.id}"]`).waitFor();
    await settle(page);
    await screenshot(page, artifacts, 'work-08-tasks-department');

    // Back in the queue, 处置完毕 moves A to 已办结待核查, which is read only.
    await page.goto('/cases/queue?tab=working');
    const handlingA = rowOf(page, working, a.id);
    await handlingA.waitFor();
    await quick(page, handlingA, 'resolve', { note: '已清运，垃圾桶已更换' });
    await handlingA.waitFor({ state: 'detached' });
    await page.locator('[data-test=case-queue-tab-resolved]').click();
    const resolvedA = rowOf(page, 'case-queue-list-resolved', a.id);
    await resolvedA.waitFor();
    check((await page.locator('[data-test=case-queue-list-resolved] [data-test=case-work-actions]').count()) === 0, 'resolved cases offer actions');
    await waitForCount(page, 'case-queue-count-resolved', counts.resolved + 1);
    await settle(page);
    await screenshot(page, artifacts, 'work-09-queue-resolved');
    const timeline = (await apiGet(context, `/api/v1/cases/${a.id}`)).body.timeline.map((e) => e.action);
    for (const action of ['accept', 'request_extension', 'start', 'resolve']) {
      check(timeline.includes(action), `A's timeline lacks ${action}: ${timeline.join(', ')}`);
    }
    // Resolved, A no longer waits on 城管 under 督办件.
    await page.goto('/cases/tasks?kind=supervised');
    await page.locator('[data-test=case-task-list-supervised] [data-test=case-work-table]').waitFor();
    await settle(page);
    check(!(await page.locator('[data-test=case-task-list-supervised]').locator(`[data-test=case-work-code][data-id="${a.id}"]`).isVisible()), 'a resolved case still waits on 城管');
    checkNoPageErrors(page);
  });

  const back = await openAs(browser, baseUrl, 'township');
  try {
    const { page, context } = back;
    const counts = await boardCounts(context);
    await page.goto('/cases/tasks');
    await page.locator('[data-test=case-task-card-verify]').waitFor();
    await cardsCounted(page);
    const cards = await page.locator('[data-test^=case-task-card-]').evaluateAll((els) => els.map((e) => e.dataset.test.slice(15)));
    check(
      JSON.stringify(cards) === JSON.stringify(['file', 'dispatch', 'verify', 'close', 'overdue', 'supervised']),
      `township's cards: ${cards.join(', ')}`,
    );
    const cardCount = async (kind) => (await page.locator(`[data-test=case-task-card-${kind}] [data-test=case-task-count]`).innerText()).trim();
    check((await cardCount('file')) === String(counts.reported), `待立案 card reads ${await cardCount('file')}, board ${counts.reported}`);
    check((await cardCount('verify')) === String(counts.resolved), `待核查 card reads ${await cardCount('verify')}`);
    check((await cardCount('overdue')) === String(counts.overdue), `已超时 card reads ${await cardCount('overdue')}`);
    // D, sent back by 城管, waits for dispatch again.
    await page.locator('[data-test=case-task-card-dispatch]').click();
    await page.locator('[data-test=case-task-list-dispatch]').locator(`[data-test=case-work-code][data-id="${d.id}"]`).waitFor();
    await page.locator('[data-test=case-task-card-verify]').click();
    await page.waitForURL(/kind=verify/);
    const rowA = rowOf(page, 'case-task-list-verify', a.id);
    await rowA.waitFor();
    const text = await page.locator('[data-test=case-tasks]').innerText();
    for (const word of ['排名', '积分', '得分']) check(!text.includes(word), `my tasks shows "${word}"`);
    await settle(page);
    await screenshot(page, artifacts, 'work-10-tasks-verify');
    // A row opens the case; verified there, it waits under 待结案.
    await rowA.click();
    await page.waitForURL(`**/cases/${a.id}`);
    await page.locator('[data-test=case-action-verify]').click();
    const verify = page.locator('.el-dialog[data-action="verify"]');
    const [verified] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/actions/verify')),
      verify.locator('[data-test=case-action-confirm]').click(),
    ]);
    check(verified.status() === 200, `verify answered ${verified.status()}`);
    await page.goto('/cases/tasks?kind=close');
    await rowOf(page, 'case-task-list-close', a.id).waitFor();
    await cardsCounted(page);
    await settle(page);
    await screenshot(page, artifacts, 'work-11-tasks-close');
    checkNoPageErrors(page);
  } finally {
    await back.context.close();
  }
}

/** County-sized queues page by cursor; users without the work see empty states or no page. */
export async function workPagingScenario({ browser, baseUrl, artifacts, log }) {
  const county = await openAs(browser, baseUrl, 'county');
  try {
    const { page, context } = county;
    const counts = await boardCounts(context);
    await page.goto('/cases/desk');
    const rows = page.locator('[data-test=case-desk-list-reported] .el-table__body .el-table__row');
    await rows.first().waitFor();
    await waitForCount(page, 'case-desk-count-reported', counts.reported);
    const first = await rows.count();
    log(`county: ${counts.reported} to file, first page ${first}`);
    if (counts.reported > first) {
      const more = page.locator('[data-test=case-desk-list-reported] [data-test=case-work-load-more]');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/cases?') && r.url().includes('cursor=')),
        more.click(),
      ]);
      check(response.status() === 200, `the next page answered ${response.status()}`);
      await page.waitForFunction(
        ([sel, n]) => document.querySelectorAll(sel).length > n,
        ['[data-test=case-desk-list-reported] .el-table__body .el-table__row', first],
      );
      const second = await rows.count();
      check(second > first && second <= counts.reported, `after 加载更多 ${second} rows (first ${first}, total ${counts.reported})`);
      const ids = await page
        .locator('[data-test=case-desk-list-reported] [data-test=case-work-code]')
        .evaluateAll((els) => els.map((e) => e.dataset.id));
      check(new Set(ids).size === ids.length, 'a case shows twice after 加载更多');
    }
    // The page orders what it has loaded, and says so while more pages wait (a county at work
    // may have fewer than a page to file).
    const note = page.locator('[data-test=case-desk-list-reported] [data-test=case-work-order-note]');
    if (counts.reported > first) await note.waitFor();
    else check((await note.count()) === 0, 'the order note shows though every case is loaded');
    // Ordered by newest, the first row is the newest case to file.
    await page.locator('[data-test=case-work-order]').getByText('最新上报在前').click();
    const newest = (await apiGet(context, '/api/v1/cases?status=reported&limit=1')).body.items[0];
    const firstId = await rows.first().locator('[data-test=case-work-code]').getAttribute('data-id');
    check(firstId === String(newest.id), `first row #${firstId} is not the newest #${newest.id}`);
    await page.waitForTimeout(400); // the radio buttons' colour transition
    await settle(page);
    await screenshot(page, artifacts, 'work-12-desk-county-more');
    // 长辈版: larger text, the quick actions still fit their column.
    await page.locator('[data-test=elder-switch] .el-switch').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    await page.waitForTimeout(400);
    const cramped = await page.locator('[data-test=case-desk-list-reported] .el-table__body [data-test=case-work-actions]').first().evaluate((el) => {
      const cell = el.closest('td').getBoundingClientRect();
      return [...el.querySelectorAll('button')].some((b) => b.getBoundingClientRect().right > cell.right + 1);
    });
    check(!cramped, 'in elder mode a quick action button sticks out of its column');
    await settle(page);
    await screenshot(page, artifacts, 'work-16-desk-elder');
    await page.locator('[data-test=elder-switch] .el-switch').click();
  } finally {
    await county.context.close();
  }

  // Village staff hold cases.handle but no department: no tasks, and the queue asks for one.
  await asUser(browser, baseUrl, 'village', async ({ page }) => {
    await page.goto('/cases/tasks');
    await page.locator('[data-test=case-tasks-none]').waitFor();
    await settle(page);
    await screenshot(page, artifacts, 'work-13-tasks-none');
    await page.goto('/cases/queue');
    await page.locator('[data-test=case-queue-not-department]').waitFor();
    await settle(page);
    await screenshot(page, artifacts, 'work-14-queue-not-department');
  });

  // A grid worker only verifies: no desk, and one card.
  const grid = await openAs(browser, baseUrl, 'grid1');
  try {
    const { page } = grid;
    await page.goto('/cases/desk');
    await page.locator('[data-test=status-403]').waitFor();
    await page.goto('/cases/tasks');
    await page.locator('[data-test=case-task-card-verify]').waitFor();
    check((await page.locator('[data-test^=case-task-card-]').count()) === 1, 'a grid worker sees more than 待核查');
    await page.locator('[data-test=case-task-list-verify] [data-test=case-work-table]').waitFor();
    await page.waitForTimeout(300);
    await settle(page);
    await screenshot(page, artifacts, 'work-15-tasks-grid-worker');
  } finally {
    await grid.context.close();
  }
}

export const kCasesWorkScenarios = [
  ['case work: desk files and dispatches, 城管 handles from its queue, township verifies from my tasks', workWalkScenario],
  ['case work: county desk pages, empty and refused pages', workPagingScenario],
];
