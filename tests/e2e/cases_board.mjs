// Browser scenarios of the command board (案件看板, issue 4): township staff watch their board
// on a 1366×768 desk screen while a case comes in (the intake tile changes without a reload:
// the board is live), drill down to a village, open the list behind a number; county staff
// drill from the county to a township. Walked by run.mjs through kScenarios (--only board).
import { apiGet, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { apiCall, asUser } from './people_console.mjs';

const kTownship = '330681109'; // 枫桥镇
const kVillage = '330681109290'; // 枫源村
const kGrid1 = '330681109290001'; // 枫源村第一网格

const tileValue = (page, key) =>
  page.locator(`[data-test=board-tile-${key}] [data-test=board-tile-value]`).innerText();
const asNumber = (text) => Number(String(text).replace(/,/g, ''));

/** A point inside a grid: the mean of its outer ring's corners (the demo grids are convex). */
async function pointInGrid(context, code) {
  const { status, body } = await apiGet(context, `/api/v1/grids/${code}`);
  check(status === 200, `GET grid ${code} answered ${status}`);
  const ring = body.geometry.coordinates[0].slice(0, -1);
  const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return { lng, lat };
}

async function waitForLiveBoard(page, orgCode) {
  await page.locator(`[data-test=board-title][data-org="${orgCode}"]`).waitFor();
  await page.locator('[data-test=case-board][data-state=live]').waitFor();
  await page.locator('[data-test=board-tiles]').waitFor();
}

/** Township staff: the live board, a new case arriving, drill-down, the list behind a number. */
export async function townshipBoardScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'township', async ({ context, page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('[data-test=side-menu]').getByText('案件看板', { exact: true }).click();
    await page.waitForURL('**/cases/board');
    await waitForLiveBoard(page, kTownship);
    const title = await page.locator('[data-test=board-title]').innerText();
    check(title.includes('枫桥镇'), `the board title reads "${title}"`);
    for (const key of ['intakeToday', 'open', 'toDispatch', 'dueSoon', 'overdue']) {
      const text = await tileValue(page, key);
      check(/^\d[\d,]*$/.test(text.trim()), `tile ${key} shows "${text}", not a number`);
    }
    const rate = await tileValue(page, 'onTime');
    check(/^(\d+(\.\d)?%|—)$/.test(rate.trim()), `the on-time tile shows "${rate}"`);
    const before = asNumber(await tileValue(page, 'intakeToday'));
    const openBefore = asNumber(await tileValue(page, 'open'));
    log(`intake today ${before}, open ${openBefore}`);
    // The charts drew (canvas) and the children are the township's villages.
    for (const chart of ['channels', 'pipeline']) {
      await page.locator(`[data-test=board-chart-${chart}] canvas`).first().waitFor();
    }
    await page.locator(`[data-test=board-child-${kVillage}]`).waitFor();
    await page.waitForTimeout(500); // charts and map tiles settle
    await screenshot(page, artifacts, 'board-01-township');

    // A case comes in through the API while the page stays open: no reload, the tile moves.
    await page.evaluate(() => {
      window.__boardNoReload = true;
    });
    const { lng, lat } = await pointInGrid(context, kGrid1);
    const created = await apiCall(context, 'POST', '/api/v1/cases', {
      category_code: 'C0101',
      description: `看板实时测试：井盖破损 ${Date.now() % 100000}`,
      lng,
      lat,
      address: '枫源村村委会门口',
    });
    check(created.status === 201, `POST /cases answered ${created.status}: ${JSON.stringify(created.body)}`);
    check(created.body.org_code === kGrid1, `the case was located to ${created.body.org_code}, not ${kGrid1}`);
    const started = Date.now();
    await page.waitForFunction(
      (expected) => {
        const el = document.querySelector('[data-test=board-tile-intakeToday] [data-test=board-tile-value]');
        return el && Number(el.textContent.replace(/,/g, '')) === expected;
      },
      before + 1,
      { timeout: 15000 },
    );
    log(`the intake tile showed ${before + 1} ${Date.now() - started} ms after the report`);
    check(await page.evaluate(() => window.__boardNoReload === true), 'the page reloaded to show the new case');
    check(asNumber(await tileValue(page, 'open')) === openBefore + 1, 'the open tile did not count the new case');
    const updated = await page.locator('[data-test=board-updated]').innerText();
    check(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(updated), `the update time reads "${updated}"`);
    await screenshot(page, artifacts, 'board-02-township-after-new-case');
    await page.locator('[data-test=board-map]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await screenshot(page, artifacts, 'board-02b-township-map');

    // Drill down to the village: its board, its grids, the new case on the map.
    await page.locator(`[data-test=board-child-${kVillage}]`).click();
    await page.waitForURL(`**/cases/board?org=${kVillage}`);
    await waitForLiveBoard(page, kVillage);
    await page.locator(`[data-test=board-child-${kGrid1}]`).waitFor();
    const points = await page.locator('[data-test=board-map]').evaluate((el) => {
      let n = 0;
      el._jicengMap.eachLayer((layer) => {
        if (layer.getRadius && layer.getLatLng) n += 1;
      });
      return n;
    });
    check(points >= 1, `the village map shows ${points} case dots`);
    await page.locator('[data-test=board-map]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
    await screenshot(page, artifacts, 'board-03-village-map');
    await page.locator('[data-test=board-overdue]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'board-04-village-overdue');

    // A number opens the list behind it; back up to the township.
    await page.locator('.app-content').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('[data-test=board-tile-open]').click();
    await page.waitForURL((url) => url.pathname === '/cases' && url.search.includes('status=open') && url.search.includes(`org=${kVillage}`));
    await page.locator('[data-test=case-table] .el-table__body').getByText('看板实时测试').first().waitFor();
    await page.goBack();
    await waitForLiveBoard(page, kVillage);
    await page.locator('[data-test=board-up]').waitFor();
    await page.locator('[data-test=board-up]').click();
    await waitForLiveBoard(page, kTownship);
    checkNoPageErrors(page);
  });
}

/** County staff: the county's board, townships as children, drill down to 枫桥镇. */
export async function countyBoardScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'county', async ({ context, page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/cases/board');
    await waitForLiveBoard(page, '330681');
    const rows = page.locator('[data-test=board-children] .el-table__body .el-table__row');
    await rows.first().waitFor();
    check((await rows.count()) >= 20, `the county board lists ${await rows.count()} townships`);
    await page.waitForTimeout(800);
    await screenshot(page, artifacts, 'board-05-county');
    await page.locator(`[data-test=board-child-${kTownship}]`).click();
    await page.waitForURL(`**/cases/board?org=${kTownship}`);
    await waitForLiveBoard(page, kTownship);
    await page.locator('[data-test=board-up]').waitFor();
    log(`county → ${await page.locator('[data-test=board-title]').innerText()}`);
    await page.locator('[data-test=board-tab-soon]').click();
    await page.locator('[data-test=board-due-soon]').waitFor();
    checkNoPageErrors(page);
  });
}

export const kCasesBoardScenarios = [
  ['board: township watches its case board live, drills down to a village', townshipBoardScenario],
  ['board: county drills from the county to a township', countyBoardScenario],
];
