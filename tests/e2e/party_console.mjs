// Browser scenario of the party pages of the desktop console (issue 13): the township organizer
// opens the party organization tree, sees a rule warning and the to-do list of terms, opens a
// village branch and its members, a member's household links; the village secretary records a
// household visit in two taps; the two committees overview shows 一肩挑 for the demo village.
// Walked by run.mjs through kScenarios in scenarios.mjs.
import { screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { openAs } from './people_console.mjs';

const kVillageName = '枫源村'; // the demo village (its division name may read 枫源村委会)

async function organizerScenario({ browser, baseUrl, artifacts }) {
  const { context, page } = await openAs(browser, baseUrl, 'organizer');
  try {
    const menu = page.locator('[data-test=side-menu]');
    await menu.getByText('党组织', { exact: true }).click();
    await page.waitForURL('**/party/orgs');
    const tree = page.locator('[data-test=party-org-tree]');
    await tree.locator('.tree-node').first().waitFor();
    check((await tree.locator('[data-test=party-org-warning-badge]').count()) > 0, 'no party organization shows a warning badge');
    await page.locator('[data-test=party-todo]').waitFor();

    await tree.locator('.tree-node', { hasText: kVillageName }).first().click();
    const detail = page.locator('[data-test=party-org-detail]');
    await detail.waitFor();
    const warnings = detail.locator('[data-test=party-org-warnings] .el-alert');
    await warnings.first().waitFor();
    const codes = await warnings.evaluateAll((els) => els.map((e) => e.dataset.code));
    check(codes.includes('party.org.term.ending') || codes.includes('party.org.term.ended'), `no term warning on the branch: ${codes}`);
    const rows = detail.locator('[data-test=party-member-table] .el-table__body tr');
    await rows.first().waitFor();
    check((await rows.count()) >= 3, `the branch lists ${await rows.count()} members`);
    check(await detail.getByText('书记', { exact: true }).first().isVisible(), 'no secretary among the members');
    await screenshot(page, artifacts, 'party-01-orgs');

    await rows.first().locator('.el-button').first().click();
    await page.waitForURL('**/party/members/**');
    await page.locator('[data-test=party-member-page] [data-test=party-link-table] .el-table__body tr').first().waitFor();
    await screenshot(page, artifacts, 'party-02-member');

    await menu.getByText('村（社区）“两委”', { exact: true }).click();
    await page.waitForURL('**/party/two-committees**');
    const table = page.locator('[data-test=two-committees-table]');
    const row = table.locator('.el-table__body tr', { hasText: kVillageName }).first();
    await row.waitFor();
    await row.locator('.el-button').first().click();
    const village = page.locator('[data-test=two-committees-village]');
    await village.locator('[data-test=one-shoulder]').waitFor();
    check((await village.locator('[data-test=two-villagers] .el-table__body tr').count()) >= 2, 'the villagers committee is empty');
    await page.locator('[data-test=two-committees-village]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'party-03-two-committees');
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }
}

async function secretaryVisitScenario({ browser, baseUrl, artifacts }) {
  const { context, page } = await openAs(browser, baseUrl, 'secretary');
  try {
    await page.goto('/party/orgs');
    const tree = page.locator('[data-test=party-org-tree]');
    await tree.locator('.tree-node', { hasText: kVillageName }).first().click();
    const rows = page.locator('[data-test=party-member-table] .el-table__body tr');
    await rows.first().waitFor();
    await rows.first().locator('.el-button').first().click();
    const links = page.locator('[data-test=party-link-table] .el-table__body tr');
    await links.first().waitFor();
    // Two taps: 走访 on the household, a usual phrase, then 保存.
    await links.first().locator('[data-test=party-visit]').click();
    const dialog = page.locator('.el-dialog', { hasText: '走访' }).last();
    await dialog.getByRole('button', { name: '家中无困难' }).click();
    const saved = page.waitForResponse((r) => r.url().includes('/visits') && r.request().method() === 'POST');
    await dialog.locator('[data-test=party-visit-save]').click();
    const answer = await saved;
    check(answer.status() === 201, `the visit answered ${answer.status()}`);
    await page.locator('.el-message', { hasText: '已记录走访' }).waitFor();
    await screenshot(page, artifacts, 'party-04-visit');
    checkNoPageErrors(page);
  } finally {
    await context.close();
  }
}

export const kPartyConsoleScenarios = [
  ['party: organizer opens the tree, a branch, its members and the two committees', organizerScenario],
  ['party: secretary records a household visit', secretaryVisitScenario],
];
