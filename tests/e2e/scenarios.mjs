// Browser scenarios walked by run.mjs. Each takes { browser, baseUrl, artifacts, log }.
import { request } from 'playwright-core';
import { apiGet, kDemoPassword, newConsolePage, screenshot, withLogin } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { squareInside } from './lib/geometry.mjs';
import { kMobileScenarios } from './mobile.mjs';
import { kPeopleConsoleScenarios } from './people_console.mjs';
import { kCasesConsoleScenarios } from './cases_console.mjs';
import { kCasesBoardScenarios } from './cases_board.mjs';
import { kCasesMobileScenarios } from './cases_mobile.mjs';
import { kCasesHotlineScenarios } from './cases_hotline.mjs';
import { kCaseDetailScenarios } from './cases_detail.mjs';
import { kCasesWorkScenarios } from './cases_work.mjs';
import { kAdminSecurityScenarios } from './admin_security.mjs';
import { kPublicBoardScenarios } from './public_board.mjs';
import { kAutonomyConsoleScenarios } from './autonomy_console.mjs';
import { kPartyConsoleScenarios } from './party_console.mjs';

const kTownship = '330681109'; // 枫桥镇

async function allPages(context, path) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { status, body } = await apiGet(context, `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    check(status === 200, `GET ${path} answered ${status}: ${JSON.stringify(body)}`);
    items.push(...(body.items ?? []));
    cursor = body.next_cursor ?? null;
  } while (cursor);
  return items;
}

/** A village of 枫桥镇 with a boundary and at least two grids. */
async function villageWithGrids(context) {
  const villages = (await allPages(context, `/api/v1/orgs/${kTownship}/children`)).filter((o) => o.level === 'village');
  check(villages.length > 0, `no villages under ${kTownship}`);
  for (const village of villages) {
    if (village.has_boundary === false) continue;
    const { status, body } = await apiGet(context, `/api/v1/orgs/${village.code}/grids`);
    if (status === 200 && (body.features ?? []).length >= 2) return { village, grids: body.features };
  }
  throw new Error(`no village of ${kTownship} has a boundary and two grids`);
}

async function openOrgTreeToVillage(page, villageCode) {
  await page.locator('[data-test=side-menu]').getByText('行政区划', { exact: true }).click();
  await page.waitForURL('**/org');
  const tree = page.locator('[data-test=org-tree]');
  const township = tree.locator(`.org-node[data-code="${kTownship}"]`);
  await township.waitFor();
  await township.locator('xpath=ancestor::div[contains(@class,"el-tree-node__content")]').locator('.el-tree-node__expand-icon').click();
  const villageNode = tree.locator(`.org-node[data-code="${villageCode}"]`);
  for (let i = 0; i < 20 && !(await villageNode.isVisible().catch(() => false)); i++) {
    const more = tree.locator('.org-node-more').first();
    if (await more.isVisible().catch(() => false)) await more.click();
    await page.waitForTimeout(300);
  }
  await villageNode.click();
  await page.locator('[data-test=org-detail]').getByText(villageCode).waitFor();
}

async function mapPoint(page, [lng, lat]) {
  const canvas = page.locator('[data-test=grid-map-canvas]');
  const box = await canvas.boundingBox();
  const point = await canvas.evaluate((el, ll) => {
    const p = el._jicengMap.latLngToContainerPoint([ll[1], ll[0]]);
    return { x: p.x, y: p.y };
  }, [lng, lat]);
  return { x: box.x + point.x, y: box.y + point.y };
}

async function drawPolygon(page, corners) {
  await page.locator('[data-test=grid-draw]').click();
  await page.locator('[data-test=grid-finish-draw]').waitFor();
  const points = [];
  for (const corner of corners) points.push(await mapPoint(page, corner));
  for (const p of [...points, points[0]]) {
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(250);
  }
  await page.locator('[data-test=grid-form]').waitFor();
}

async function saveNewGrid(page, name, workerName) {
  await page.locator('input[data-test=grid-name]').fill(name);
  if (workerName) {
    // The picker lists the township's grid workers the user may assign.
    await page.locator('[data-test=grid-workers]').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: workerName }).click();
    await page.keyboard.press('Escape');
  }
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/grids') && r.request().method() === 'POST'),
    page.locator('[data-test=grid-save]').click(),
  ]);
  return response;
}

export async function gridEditingScenario({ browser, baseUrl, artifacts, log }) {
  await withLogin(browser, baseUrl, 'township', async ({ context, page }) => {
    const { village, grids } = await villageWithGrids(context);
    // Prefer freeing a grid nobody works in, so the grid workers' own grids stay.
    const freed = grids.find((f) => !(f.properties.workers ?? []).length) ?? grids[0];
    const neighbour = grids.find((f) => f !== freed);
    log(`village ${village.name} ${village.code}; deleting ${freed.properties.code}, neighbour ${neighbour.properties.code}`);

    await openOrgTreeToVillage(page, village.code);
    await screenshot(page, artifacts, '01-org-tree');
    await page.locator('[data-test=open-grid-map]').click();
    await page.waitForURL(`**/org/${village.code}/map`);
    await page.locator(`[data-test=grid-list] [data-code="${freed.properties.code}"]`).waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, artifacts, '02-grid-map');

    // Delete one grid through the UI.
    await page.locator(`[data-test=grid-list] [data-code="${freed.properties.code}"]`).click();
    await page.locator('[data-test=grid-card]').waitFor();
    await page.locator('[data-test=grid-delete]').click();
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/grids/${freed.properties.code}`) && r.request().method() === 'DELETE'),
      page.locator('.el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary').last().click(),
    ]);
    check(deleted.status() === 204, `DELETE grid answered ${deleted.status()}`);
    await page.locator(`[data-test=grid-list] [data-code="${freed.properties.code}"]`).waitFor({ state: 'detached' });

    // Draw a new grid inside the freed area and save it.
    await drawPolygon(page, squareInside(freed.geometry, 0.35));
    await screenshot(page, artifacts, '03-grid-drawn');
    const created = await saveNewGrid(page, 'E2E测试网格', '王丽');
    const createdBody = await created.json();
    check(created.status() === 201, `POST /api/v1/grids answered ${created.status()}: ${JSON.stringify(createdBody)}`);
    const newCode = createdBody.properties?.code ?? createdBody.id;
    check(/^\d{15}$/.test(String(newCode)) && String(newCode).startsWith(village.code), `new grid code ${newCode} does not extend ${village.code}`);
    await page.locator(`[data-test=grid-list] [data-code="${newCode}"]`).waitFor();
    const fetched = await apiGet(context, `/api/v1/grids/${newCode}`);
    check(fetched.status === 200 && fetched.body.properties?.name === 'E2E测试网格', `GET new grid: ${fetched.status} ${JSON.stringify(fetched.body).slice(0, 200)}`);
    const workers = (fetched.body.properties.workers ?? []).map((w) => w.name);
    check(workers.includes('王丽'), `new grid's workers are ${JSON.stringify(workers)}, expected 王丽`);
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, '04-grid-saved');
    log(`created grid ${newCode}`);

    // An overlapping polygon is refused with the overlap error shown next to the form.
    await drawPolygon(page, squareInside(neighbour.geometry, 0.4));
    const refused = await saveNewGrid(page, 'E2E重叠网格');
    const refusedBody = await refused.json();
    check(refused.status() === 422 && refusedBody.code === 'org.grid.overlap',
      `overlapping grid answered ${refused.status()} ${JSON.stringify(refusedBody)}`);
    const alert = page.locator('[data-test=grid-form] [data-test=problem-alert]');
    await alert.waitFor();
    const alertText = await alert.innerText();
    check(alertText.includes(refusedBody.title), `error panel shows "${alertText}", expected the title "${refusedBody.title}"`);
    await screenshot(page, artifacts, '05-grid-overlap-error');
    await page.locator('[data-test=grid-cancel]').click();
    checkNoPageErrors(page);
  });
}

/** The grid code a grid worker works in: their org code, or the grid listing them as worker. */
async function gridOfWorker(baseUrl, username, township) {
  const ctx = await request.newContext({ baseURL: baseUrl });
  try {
    const login = await ctx.post('/api/v1/auth/login', { data: { username, password: kDemoPassword } });
    check(login.ok(), `API login of ${username} answered ${login.status()}`);
    const me = (await (await ctx.get('/api/v1/auth/me')).json()).user;
    if (/^\d{15}$/.test(me.org_code)) return me.org_code;
    const body = await (await township.get(`/api/v1/orgs/${me.org_code.slice(0, 12)}/grids`)).json();
    const grid = (body.features ?? []).find((f) => (f.properties.workers ?? []).some((w) => String(w.user_id) === String(me.id)));
    check(grid, `cannot find the grid of ${username}`);
    return grid.properties.code;
  } finally {
    await ctx.dispose();
  }
}

export async function gridScopeScenario({ browser, baseUrl, artifacts, log }) {
  const township = await request.newContext({ baseURL: baseUrl });
  const login = await township.post('/api/v1/auth/login', { data: { username: 'township', password: kDemoPassword } });
  check(login.ok(), `API login of township answered ${login.status()}`);
  const ownGrid = await gridOfWorker(baseUrl, 'grid1', township);
  const otherGrid = await gridOfWorker(baseUrl, 'grid2', township);
  check(ownGrid !== otherGrid, `grid1 and grid2 share grid ${ownGrid}`);
  const seenByTownship = await township.get(`/api/v1/grids/${otherGrid}`);
  check(seenByTownship.status() === 200, `township cannot read grid ${otherGrid}: ${seenByTownship.status()}`);
  await township.dispose();
  log(`grid1 works in ${ownGrid}, grid2 in ${otherGrid}`);

  await withLogin(browser, baseUrl, 'grid1', async ({ context, page }) => {
    await page.goto(`/grids/${ownGrid}`);
    await page.locator('[data-test=grid-card]').waitFor();
    await page.goto(`/grids/${otherGrid}`);
    await page.locator('[data-test=status-404], [data-test=status-403]').first().waitFor();
    await screenshot(page, artifacts, '06-grid1-refused');
    const api = await apiGet(context, `/api/v1/grids/${otherGrid}`);
    check(api.status === 404, `grid1 reading grid ${otherGrid} through the API got ${api.status}, expected 404`);
  });
}

export async function elderModeScenario({ browser, baseUrl, artifacts }) {
  const { context, page } = await newConsolePage(browser, baseUrl);
  try {
    await page.goto('/login');
    await page.locator('[data-test=login-submit]').waitFor();
    await screenshot(page, artifacts, '07-login');
    // A failed login shows the server's problem title on the form.
    await page.locator('input[name=username]').fill('no-such-user-e2e');
    await page.locator('input[name=password]').fill('wrong-password');
    await page.locator('[data-test=login-submit]').click();
    const failure = page.locator('[data-test=problem-alert]');
    await failure.waitFor();
    check((await failure.innerText()).trim().length > 0, 'failed login shows no message');
    await screenshot(page, artifacts, '07b-login-failed');
    await page.locator('[data-test=elder-switch] .el-switch').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    const metrics = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      const button = document.querySelector('[data-test=login-submit]').getBoundingClientRect();
      const input = document.querySelector('input[name=username]').closest('.el-input__wrapper').getBoundingClientRect();
      return {
        fontSize: parseFloat(body.fontSize),
        lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
        buttonHeight: button.height,
        inputHeight: input.height,
      };
    });
    check(metrics.fontSize >= 18, `elder mode body font-size ${metrics.fontSize}px < 18px`);
    check(metrics.lineHeight >= 1.3, `elder mode line-height ${metrics.lineHeight} < 1.3`);
    check(metrics.buttonHeight >= 44, `elder mode login button ${metrics.buttonHeight}px < 44px`);
    check(metrics.inputHeight >= 44, `elder mode input ${metrics.inputHeight}px < 44px`);
    await screenshot(page, artifacts, '08-login-elder');
    await page.reload();
    check(await page.evaluate(() => document.documentElement.classList.contains('elder-mode')), 'elder mode not kept after reload');
  } finally {
    await context.close();
  }
}

export async function languageScenario({ browser, baseUrl, artifacts }) {
  await withLogin(browser, baseUrl, 'admin', async ({ page }) => {
    await page.locator('[data-test=language-switch]').click();
    await page.locator('.el-dropdown-menu [data-locale=en]').click();
    const menu = page.locator('[data-test=side-menu]');
    await menu.getByText('Home', { exact: true }).waitFor();
    for (const label of ['Orgs and grids', 'System']) {
      check(await menu.getByText(label, { exact: true }).isVisible(), `English menu lacks "${label}"`);
    }
    await menu.getByText('System', { exact: true }).click().catch(() => {});
    await page.locator('[data-test=side-menu]').getByText('Users', { exact: true }).click();
    await page.locator('[data-test=user-table]').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, '09-english-users');
  });
}

export async function adminPagesTour({ browser, baseUrl, artifacts }) {
  await withLogin(browser, baseUrl, 'admin', async ({ page }) => {
    await screenshot(page, artifacts, '10-home-admin');
    await page.goto('/system/users');
    await page.locator('[data-test=user-table] .el-table__row').first().waitFor();
    await screenshot(page, artifacts, '11-users');
    await page.goto('/system/roles');
    await page.locator('[data-test=role-table] .el-table__row').first().waitFor();
    await screenshot(page, artifacts, '12-roles');
    await page.goto('/no-such-page');
    await page.locator('[data-test=status-404]').waitFor();
    await page.goto('/audit');
    await page.locator('[data-test=status-403]').waitFor();
    await screenshot(page, artifacts, '13-admin-no-audit');
    await page.goto('/home');
    await page.locator('[data-test=elder-switch] .el-switch').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, '15-home-elder');
  });
  await withLogin(browser, baseUrl, 'auditor', async ({ page }) => {
    await page.goto('/audit');
    await page.locator('[data-test=audit-table]').waitFor();
    await page.locator('[data-test=audit-verify]').click();
    await page.locator('[data-test=audit-verify-result]').waitFor();
    await screenshot(page, artifacts, '14-audit-verified');
  });
}

export const kScenarios = [
  ['elder mode on the login page', elderModeScenario],
  ['grid worker refused another grid', gridScopeScenario],
  ['township draws grids', gridEditingScenario],
  ['language switch to English', languageScenario],
  ['admin and auditor pages', adminPagesTour],
  ...kAdminSecurityScenarios,
  ...kMobileScenarios,
  ...kPeopleConsoleScenarios,
  ...kCasesConsoleScenarios,
  ...kCasesBoardScenarios,
  ...kCasesMobileScenarios,
  ...kCasesHotlineScenarios,
  ...kCaseDetailScenarios,
  ...kCasesWorkScenarios,
  ...kPublicBoardScenarios,
  ...kAutonomyConsoleScenarios,
  ...kPartyConsoleScenarios,
];
