// Browser scenarios of the people pages of the desktop console (journey 5: village staff keep the
// village's base data; journeys 2/6: township and county read it). Walked by run.mjs through
// kScenarios in scenarios.mjs. Each takes { browser, baseUrl, artifacts, log }.
import { apiGet, loginThroughForm, newConsolePage, screenshot } from './lib/browser.mjs';
import { check, checkMaskedDerived, checkNoPageErrors } from './lib/assert.mjs';

const kWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid 18-digit ID number (GB 11643) for a birth date and a 3-digit sequence. */
export function makeIdNumber(birth, sequence, area = '330681') {
  const first = `${area}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const sum = [...first].reduce((acc, c, i) => acc + Number(c) * kWeights[i], 0);
  return first + '10X98765432'[sum % 11];
}

const kCreditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const kCreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A valid unified social credit code (GB 32100) ending in a 7-digit serial. */
export function makeCreditCode(serial) {
  const first = `91330681MA${String(serial).padStart(7, '0').slice(-7)}`;
  const sum = [...first].reduce((acc, c, i) => acc + kCreditChars.indexOf(c) * kCreditWeights[i], 0);
  return first + kCreditChars[(31 - (sum % 31)) % 31];
}

// Pinyin initials of the surnames and given-name characters of the demo county (no polyphones:
// 单 曾 长 重 行 乐 are left out), enough to search a demo resident by initials (张伟 -> zw).
const kInitials = {
  a: '安艾爱',
  b: '白包边宝炳斌博波毕',
  c: '陈曹蔡程才成超晨宸辰诚彩翠崔',
  d: '丁董邓杜德东丹娣',
  e: '娥',
  f: '冯方福发法飞峰锋凤芳芬',
  g: '郭高国根刚桂',
  h: '黄胡何韩华海辉洪浩航皓昊涵花红慧',
  j: '蒋金建杰军健俊嘉娟菊静佳洁晶',
  k: '孔可',
  l: '李刘林罗梁吕楼骆郦良磊亮霖兰丽琳莉玲利',
  m: '马明铭美梅妹敏',
  n: '诺',
  p: '彭潘平鹏萍',
  q: '钱庆强琴倩青琪',
  r: '荣睿然若',
  s: '孙宋苏沈斯寿生水松秀素诗思三',
  t: '唐田屠土涛天婷桐彤',
  w: '王吴魏伟',
  x: '徐谢许肖宣祥兴轩仙香杏霞雪欣馨萱',
  y: '杨袁于余叶俞勇宇一逸阳英玉月燕艳颖亚怡雨语悦依妍',
  z: '张赵周朱郑忠樟子梓泽珍',
};
const kInitialOf = new Map(Object.entries(kInitials).flatMap(([letter, chars]) => [...chars].map((c) => [c, letter])));
/** The initials of a name when every character is in the table, else ''. */
export function nameInitials(name) {
  const letters = [...name].map((c) => kInitialOf.get(c));
  return letters.every(Boolean) ? letters.join('') : '';
}

// Logins are limited per address (auth.login_rate_per_minute, 10 by default), so each user logs
// in through the form once per run and later scenarios reuse the session cookies.
const kSessions = new Map(); // `${baseUrl} ${username}` -> Playwright storage state

export async function openAs(browser, baseUrl, username) {
  const key = `${baseUrl} ${username}`;
  const saved = kSessions.get(key);
  if (!saved) {
    const opened = await newConsolePage(browser, baseUrl);
    await loginThroughForm(opened.page, username);
    kSessions.set(key, await opened.context.storageState());
    return opened;
  }
  const { context, page } = await newConsolePage(browser, baseUrl, { storageState: saved });
  await page.goto('/home');
  await page.locator('[data-test=side-menu]').waitFor();
  return { context, page };
}

/** Runs work({ context, page }) on a console page of `username`; closes the page after. */
export async function asUser(browser, baseUrl, username, work) {
  const opened = await openAs(browser, baseUrl, username);
  try {
    return await work(opened);
  } finally {
    await opened.context.close();
  }
}

export async function csrfOf(context) {
  return (await context.cookies()).find((c) => c.name === 'jiceng_csrf')?.value ?? '';
}

/** A JSON call through the page's session (cookie + CSRF); returns {status, body}. */
export async function apiCall(context, method, path, data) {
  const response = await context.request.fetch(path, {
    method,
    headers: { 'X-CSRF-Token': await csrfOf(context), 'Content-Type': 'application/json' },
    data: data === undefined ? undefined : JSON.stringify(data),
  });
  const text = await response.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status(), body };
}

/** The grids of the signed-in village user: [{code, name}]. */
async function villageGrids(context) {
  const me = await apiGet(context, '/api/v1/auth/me');
  check(me.status === 200, `GET /auth/me answered ${me.status}`);
  const village = (me.body.user ?? me.body).org_code.slice(0, 12);
  const children = await apiGet(context, `/api/v1/orgs/${village}/children?limit=100`);
  check(children.status === 200, `GET children of ${village} answered ${children.status}`);
  const grids = (children.body.items ?? []).filter((o) => o.level === 'grid');
  check(grids.length > 0, `village ${village} has no grids`);
  return { village, grids };
}

async function searchResidents(page, q) {
  const input = page.locator('input[data-test=resident-q]');
  await input.fill(q);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/residents?') && r.url().includes(`q=${encodeURIComponent(q)}`)),
    input.press('Enter'),
  ]);
  check(response.status() === 200, `search "${q}" answered ${response.status()}`);
  const body = await response.json();
  await page.waitForTimeout(200);
  return body.items ?? [];
}

async function tableNames(page) {
  return page.locator('[data-test=resident-table] .el-table__body .name-link').allInnerTexts();
}

/** A resident to search for: a two-character name whose initials are known, if there is one. */
function pickSearchable(items) {
  const named = items.filter((r) => [...r.name].length >= 2);
  const twoChars = named.filter((r) => [...r.name].length === 2);
  return (
    twoChars.find((r) => nameInitials(r.name)) ?? named.find((r) => nameInitials(r.name)) ?? twoChars[0] ?? named[0]
  );
}

async function openResidentsPage(page) {
  await page.goto('/people/residents');
  await page.locator('[data-test=resident-table] .el-table__row').first().waitFor();
}

/** Journey 5: search by 2 characters and by pinyin initials, open the resident (masked), reveal. */
export async function villageSearchScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'village', async ({ context, page }) => {
    await page.locator('[data-test=side-menu]').getByText('实有人口', { exact: true }).click();
    await page.waitForURL('**/people/residents');
    await page.locator('[data-test=resident-table] .el-table__row').first().waitFor();
    await screenshot(page, artifacts, 'people-01-residents');

    const first = await apiGet(context, '/api/v1/residents?limit=100');
    check(first.status === 200, `GET /residents answered ${first.status}`);
    const target = pickSearchable(first.body.items ?? []);
    check(target, 'the village has no resident with a name of two characters or more');
    const prefix = [...target.name].slice(0, 2).join('');
    log(`searching ${target.name} (#${target.id}) by "${prefix}"`);
    const byName = await searchResidents(page, prefix);
    check(byName.some((r) => r.id === target.id), `"${prefix}" does not find ${target.name}`);
    check((await tableNames(page)).includes(target.name), `the table does not show ${target.name}`);
    await screenshot(page, artifacts, 'people-02-search-name');

    const initials = nameInitials(target.name);
    if (initials) {
      const byInitials = await searchResidents(page, initials);
      check(byInitials.some((r) => r.id === target.id), `initials "${initials}" do not find ${target.name}`);
      log(`initials "${initials}" find ${byInitials.length} residents`);
      await screenshot(page, artifacts, 'people-03-search-initials');
    } else {
      const letter = [...target.name][0];
      log(`no initials known for ${target.name}; skipped the initials search (surname ${letter})`);
    }

    // Detail: masked ID in the drawer, then reveal with a purpose.
    await page.locator('[data-test=resident-table] .name-link', { hasText: target.name }).first().click();
    const detail = page.locator('[data-test=resident-detail]');
    await detail.locator('[data-test=resident-name]').waitFor();
    const masked = (await detail.locator('[data-test=resident-id-number]').innerText()).trim();
    check(/^\d{6}\*+[\dX]{4}$/.test(masked) || /\*/.test(masked), `ID number shown as "${masked}", expected masked`);
    await detail.locator('[data-test=resident-history]').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'people-04-detail-masked');

    const reveal = detail.locator('[data-test=resident-reveal]');
    check(await reveal.isVisible(), 'village staff hold people.sensitive.read but see no reveal button');
    await reveal.click();
    await page.locator('[data-test=reveal-confirm]').click();
    await page.locator('.el-form-item__error').filter({ hasText: '2–200' }).waitFor();
    await page.locator('textarea[data-test=reveal-purpose]').fill('核对高龄津贴申请人身份');
    const [revealed] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/residents/${target.id}?`) && r.url().includes('purpose=')),
      page.locator('[data-test=reveal-confirm]').click(),
    ]);
    check(revealed.status() === 200, `reveal answered ${revealed.status()}`);
    await detail.locator('[data-test=resident-hide]').waitFor();
    const full = (await detail.locator('[data-test=resident-id-number]').innerText()).trim();
    check(!full.includes('*') && full.length >= 15, `revealed ID number is "${full}"`);
    await screenshot(page, artifacts, 'people-05-detail-revealed');
    await detail.locator('[data-test=resident-hide]').click();
    check((await detail.locator('[data-test=resident-id-number]').innerText()).includes('*'), 'hide did not mask the ID again');
    checkNoPageErrors(page);
  });
}

/** Journey 5: typing an ID number fills birth date and gender; a wrong check digit is shown inline. */
export async function villageCreateScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'village', async ({ context, page }) => {
    const { grids } = await villageGrids(context);
    const grid = grids[0];
    await openResidentsPage(page);
    await page.locator('[data-test=resident-create]').click();
    const idInput = page.locator('input[data-test=form-id-number]');
    await idInput.waitFor();

    const birth = '1956-07-15';
    const sequence = 200 + (Date.now() % 400) * 2; // even: female
    const idNumber = makeIdNumber(birth, sequence);
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    await idInput.fill(wrongCheck);
    const idItem = page.locator('.el-form-item').filter({ has: idInput });
    await idItem.locator('.el-form-item__error').filter({ hasText: '校验位' }).waitFor();
    await screenshot(page, artifacts, 'people-06-form-check-error');

    await idInput.fill(idNumber);
    await page.locator('[data-test=id-fill-hint]').waitFor();
    const dialog = page.locator('.el-dialog').filter({ has: idInput });
    const birthValue = await dialog.locator('.el-date-editor input').first().inputValue();
    check(birthValue === birth, `birth date shows "${birthValue}", expected ${birth}`);
    const gender = (await dialog.locator('.el-radio.is-checked').first().innerText()).trim();
    check(gender === '女', `gender shows "${gender}", expected 女`);
    log(`typed ${idNumber}: birth ${birthValue}, gender ${gender}`);

    await page.locator('input[data-test=form-name]').fill('测试居民');
    await dialog.locator('[data-test=form-grid]').click();
    await page.keyboard.type(grid.name);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: grid.code }).first().click();
    await screenshot(page, artifacts, 'people-07-form-filled');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/residents') && r.request().method() === 'POST'),
      page.locator('[data-test=form-save]').click(),
    ]);
    const createdBody = await created.json();
    check(created.status() === 201, `POST /residents answered ${created.status()}: ${JSON.stringify(createdBody)}`);
    checkMaskedDerived(createdBody, 'female', birth);
    check(String(createdBody.id_number).includes('*'), `POST answered the ID unmasked: ${createdBody.id_number}`);
    await page.locator('[data-test=resident-detail] [data-test=resident-name]').filter({ hasText: '测试居民' }).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'people-08-created');

    // Someone else saves first: the form says so instead of overwriting.
    await page.locator('[data-test=resident-detail] [data-test=resident-edit]').click();
    const other = await apiCall(context, 'PATCH', `/api/v1/residents/${createdBody.id}`, {
      occupation: '退休',
      version: createdBody.version,
    });
    check(other.status === 200, `PATCH by the API answered ${other.status}: ${JSON.stringify(other.body)}`);
    const notes = page.locator('.el-dialog:visible textarea').last();
    await notes.fill('e2e 修改');
    const [conflict] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/residents/${createdBody.id}`) && r.request().method() === 'PATCH'),
      page.locator('.el-dialog:visible [data-test=form-save]').click(),
    ]);
    check(conflict.status() === 409, `stale PATCH answered ${conflict.status()}`);
    await page.locator('[data-test=version-conflict]').waitFor();
    await screenshot(page, artifacts, 'people-09-version-conflict');
    checkNoPageErrors(page);
  });
}

/** Journey 5: a small CSV with bad rows; the dry run lists every bad row, then valid rows go in. */
export async function villageImportScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'village', async ({ context, page }) => {
    const { grids } = await villageGrids(context);
    const grid = grids[0].code;
    const stamp = Date.now() % 400;
    const good = makeIdNumber('1988-02-10', 101 + stamp * 2);
    const badCheck = makeIdNumber('1990-05-06', 301 + stamp * 2);
    const mismatch = makeIdNumber('1975-09-09', 103 + stamp * 2);
    const csv = [
      '姓名,性别,出生日期,民族,证件类型,证件号码,联系电话,网格编码,现住地址',
      `导入甲,男,1988-02-10,汉族,居民身份证,${good},13800001234,${grid},枫源村 1 号`,
      `导入乙,男,1990-05-06,汉族,居民身份证,${badCheck.slice(0, 17)}${badCheck[17] === '0' ? '1' : '0'},,${grid},枫源村 2 号`,
      `导入丙,男,1975-10-10,汉族,居民身份证,${mismatch},,${grid},枫源村 3 号`,
      `导入丁,女,1992-01-01,汉族,居民身份证,${makeIdNumber('1992-01-01', 402)},1380000,${grid},枫源村 4 号`,
      // 张三 of the demo village (seeded with this number): already registered.
      `张三,男,1950-03-15,汉族,居民身份证,330681195003150013,,${grid},枫源村 1 号`,
    ].join('\n');

    await page.goto('/people/imports');
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles({
      name: 'e2e-residents.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}\n`, 'utf8'),
    });
    await screenshot(page, artifacts, 'people-10-import-chosen');
    const [upload] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/imports/residents?') && r.request().method() === 'POST'),
      page.locator('[data-test=import-dry-run]').click(),
    ]);
    check(upload.status() === 202, `upload answered ${upload.status()}: ${await upload.text()}`);
    await page.locator('[data-test=import-job][data-status=done]').waitFor({ timeout: 30000 });
    const errors = await page.locator('[data-test=import-errors] .el-table__body tr').allInnerTexts();
    log(`dry run errors: ${errors.map((e) => e.replace(/\s+/g, ' ')).join(' | ')}`);
    for (const row of ['3', '4', '5', '6']) {
      check(errors.some((e) => e.trim().startsWith(row)), `row ${row} is not listed as bad`);
    }
    check(!errors.some((e) => e.trim().startsWith('2')), 'the valid row 2 is listed as bad');
    await screenshot(page, artifacts, 'people-11-import-dry-run');

    await page.locator('[data-test=import-commit-valid]').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.locator('[data-test=import-job][data-status=done] [data-test=import-outcome]').filter({ hasText: '已导入' }).waitFor({ timeout: 30000 });
    await screenshot(page, artifacts, 'people-12-import-done');
    const found = await apiGet(context, `/api/v1/residents?q=${encodeURIComponent('导入甲')}`);
    check((found.body.items ?? []).some((r) => r.name === '导入甲'), 'the valid row was not imported');
    check(!(found.body.items ?? []).some((r) => r.name === '导入乙'), 'a bad row was imported');
  });
}

/** Journey 5: the 民政 80岁以上老人 ledger computes itself; the field usage view explains it. */
export async function villageLedgerScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'village', async ({ context, page }) => {
    await page.locator('[data-test=side-menu]').getByText('部门台账', { exact: true }).click();
    await page.waitForURL('**/people/ledgers');
    const card = page.locator('.ledger-card[data-key="civil_affairs.over_80"]');
    await card.waitFor();
    await screenshot(page, artifacts, 'people-13-ledgers');
    await card.click();
    await page.locator('[data-test=ledger-title]').filter({ hasText: '80' }).waitFor();
    const total = (await page.locator('[data-test=ledger-total]').innerText()).trim();
    const api = await apiGet(context, '/api/v1/ledgers/civil_affairs.over_80?limit=1');
    check(api.status === 200, `GET the over_80 ledger answered ${api.status}`);
    check(total.includes(String(api.body.total)), `the page says "${total}", the API ${api.body.total}`);
    if (api.body.total > 0) {
      await page.locator('[data-test=ledger-table] .el-table__row').first().waitFor();
      const ages = await page.locator('[data-test=ledger-table] .el-table__body tr').evaluateAll((rows) => rows.length);
      check(ages > 0, 'the ledger table shows no rows');
    }
    log(`ledger over_80: ${total}`);
    const href = await page.locator('[data-test=export-xlsx]').getAttribute('href');
    check(href?.startsWith('/api/v1/ledgers/civil_affairs.over_80/export.xlsx'), `export link is ${href}`);
    await screenshot(page, artifacts, 'people-14-ledger-over-80');
    await page.goto('/people/ledgers/field-usage');
    await page.locator('[data-test=field-usage] .el-table__row').first().waitFor();
    await screenshot(page, artifacts, 'people-15-field-usage');
  });
}

/** Households, houses with the rental filter, units and tag groups load; elder mode stays legible. */
export async function peoplePagesTour({ browser, baseUrl, artifacts }) {
  await asUser(browser, baseUrl, 'village', async ({ context, page }) => {
    await page.goto('/people/households');
    await page.locator('[data-test=household-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=household-table] .el-table__row').first().locator('button').first().click();
    await page.locator('[data-test=household-members] .el-table__row').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, artifacts, 'people-16-household');
    await page.goto('/people/houses?rental_status=rented');
    await page.locator('[data-test=house-table]').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, artifacts, 'people-17-houses-rented');
    await page.goto('/people/units');
    await page.locator('[data-test=unit-table]').waitFor();
    await page.goto('/people/tags');
    await page.locator('[data-test=tag-kinds] .kind').first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, artifacts, 'people-18-tag-groups');

    await openResidentsPage(page);
    await page.locator('[data-test=elder-switch] .el-switch').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    await page.waitForTimeout(300);
    const metrics = await page.evaluate(() => {
      const cell = document.querySelector('[data-test=resident-table] .el-table__body td');
      const button = document.querySelector('[data-test=resident-search]').getBoundingClientRect();
      return { cellFont: parseFloat(getComputedStyle(cell).fontSize), buttonHeight: button.height };
    });
    check(metrics.cellFont >= 18, `elder mode table text ${metrics.cellFont}px < 18px`);
    check(metrics.buttonHeight >= 44, `elder mode search button ${metrics.buttonHeight}px < 44px`);
    await screenshot(page, artifacts, 'people-19-residents-elder');
    await page.locator('[data-test=resident-table] .name-link').first().click();
    await page.locator('[data-test=resident-detail] [data-test=resident-name]').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'people-20-detail-elder');
    checkNoPageErrors(page);
  });
}

/** Journey 5: tag a resident, record a visit (a note, nothing else), edit a field and see it in
 *  the history; register a unit with its credit code checked as typed. */
export async function villageRecordsScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'village', async ({ context, page }) => {
    const { grids } = await villageGrids(context);
    const idNumber = makeIdNumber('1948-04-04', 501 + (Date.now() % 200) * 2);
    const created = await apiCall(context, 'POST', '/api/v1/residents', {
      name: '记录测试',
      id_type: 'resident_id',
      id_number: idNumber,
      org_code: grids[0].code,
    });
    check(created.status === 201, `POST /residents answered ${created.status}: ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    await page.goto(`/people/residents/${id}`);
    const detail = page.locator('[data-test=resident-detail]');
    await detail.locator('[data-test=resident-name]').filter({ hasText: '记录测试' }).waitFor();

    // A care tag.
    await detail.locator('[data-test=tag-add]').click();
    await page.locator('.el-dialog:visible [data-test=tag-kind]').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '空巢老人' }).first().click();
    const [tagged] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/residents/${id}/tags`) && r.request().method() === 'POST'),
      page.locator('.el-dialog:visible .el-dialog__footer .el-button--primary').click(),
    ]);
    check(tagged.status() === 201 || tagged.status() === 200, `POST tag answered ${tagged.status()}: ${await tagged.text()}`);
    await detail.locator('[data-test=resident-tags]').getByText('空巢老人').waitFor();

    // A visit: only a note.
    await detail.locator('.el-tabs__item').filter({ hasText: '走访记录' }).click();
    await detail.locator('[data-test=visit-list] button').filter({ hasText: '记录走访' }).click();
    await detail.locator('[data-test=visit-list] textarea').first().fill('上门看望，身体尚可，需代购降压药。');
    const [visited] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/visits') && r.request().method() === 'POST'),
      detail.locator('[data-test=visit-list] .el-button--primary').click(),
    ]);
    check(visited.status() === 201 || visited.status() === 200, `POST visit answered ${visited.status()}: ${await visited.text()}`);
    await detail.locator('[data-test=visit-list]').getByText('需代购降压药').waitFor();
    await screenshot(page, artifacts, 'people-23-tag-and-visit');

    // Edit one field; the history shows it.
    await detail.locator('[data-test=resident-edit]').click();
    const dialog = page.locator('.el-dialog:visible');
    await dialog.locator('.el-form-item').filter({ hasText: '职业' }).locator('input').fill('退休');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/v1/residents/${id}`) && r.request().method() === 'PATCH'),
      dialog.locator('[data-test=form-save]').click(),
    ]);
    check(patched.status() === 200, `PATCH answered ${patched.status()}: ${await patched.text()}`);
    const sent = JSON.parse(patched.request().postData() ?? '{}');
    check(!('id_number' in sent) && !('phone' in sent), `the edit sent masked numbers back: ${JSON.stringify(sent)}`);
    await detail.locator('.el-tabs__item').filter({ hasText: '变更记录' }).click();
    await detail.locator('[data-test=resident-history]').getByText('退休').first().waitFor();
    await detail.locator('[data-test=resident-history]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'people-24-history');

    // A unit with a credit code: a wrong check character is shown before saving.
    const creditCode = makeCreditCode(Date.now() % 10000000);
    await page.goto('/people/units');
    await page.locator('[data-test=unit-create]').click();
    const unitDialog = page.locator('.el-dialog:visible');
    await unitDialog.locator('.el-form-item').filter({ hasText: '单位名称' }).locator('input').fill(`枫源村测试合作社${creditCode.slice(-4)}`);
    const wrongCode = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0');
    await page.locator('input[data-test=unit-credit-code]').fill(wrongCode);
    await unitDialog.locator('.el-form-item__error').filter({ hasText: '校验位' }).waitFor();
    await page.locator('input[data-test=unit-credit-code]').fill(creditCode);
    await unitDialog.locator('.el-form-item').filter({ hasText: '单位类型' }).locator('.el-select').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '企业' }).first().click();
    await unitDialog.locator('.el-form-item').filter({ hasText: '所属组织' }).locator('.el-select').click();
    await page.keyboard.type(grids[0].name);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: grids[0].code }).first().click();
    const [unit] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/units') && r.request().method() === 'POST'),
      unitDialog.locator('.el-dialog__footer .el-button--primary').click(),
    ]);
    check(unit.status() === 201, `POST /units answered ${unit.status()}: ${await unit.text()}`);
    await page.locator('[data-test=unit-table]').getByText(`枫源村测试合作社${creditCode.slice(-4)}`).waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, artifacts, 'people-25-unit');
    log(`resident #${id} tagged, visited, edited; unit registered`);
    checkNoPageErrors(page);
  });
}

/** Journeys 2/6: the township narrows the residents to one village; the county reads without reveal. */
export async function townshipCountyScenario({ browser, baseUrl, artifacts, log }) {
  const kVillage = '330681109290'; // 枫源村
  const township = await openAs(browser, baseUrl, 'township');
  try {
    const { page } = township;
    await openResidentsPage(page);
    await page.locator('[data-test=resident-filters] [data-test=org-picker]').click();
    await page.keyboard.type('枫源');
    const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: kVillage }).first();
    const [filtered] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/residents?') && r.url().includes(`org=${kVillage}`)),
      option.click(),
    ]);
    check(filtered.status() === 200, `filtering by ${kVillage} answered ${filtered.status()}`);
    const items = (await filtered.json()).items ?? [];
    check(items.length > 0, `no residents under ${kVillage}`);
    check(items.every((r) => r.org_code.startsWith(kVillage)), 'the org filter let other villages through');
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'people-21-township-village-filter');
    log(`township sees ${items.length} residents of ${kVillage} on the first page`);
  } finally {
    await township.context.close();
  }

  const county = await openAs(browser, baseUrl, 'county');
  try {
    const { page } = county;
    const menu = page.locator('[data-test=side-menu]');
    check(!(await menu.getByText('数据导入', { exact: true }).isVisible()), 'county staff see the import page without people.import');
    await openResidentsPage(page);
    await page.locator('[data-test=resident-table] .name-link').first().click();
    await page.locator('[data-test=resident-detail] [data-test=resident-name]').waitFor();
    check(!(await page.locator('[data-test=resident-reveal]').isVisible()), 'county staff see 查看完整信息 without people.sensitive.read');
    check(!(await page.locator('[data-test=resident-edit]').isVisible()), 'county staff see 编辑 without people.write');
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'people-22-county-detail');
  } finally {
    await county.context.close();
  }
}

export const kPeopleConsoleScenarios = [
  ['people: village staff search and reveal', villageSearchScenario],
  ['people: village staff register a resident', villageCreateScenario],
  ['people: village staff import a CSV', villageImportScenario],
  ['people: village staff tag, visit, edit, register a unit', villageRecordsScenario],
  ['people: village staff open the 80+ ledger', villageLedgerScenario],
  ['people: households, houses, tags, elder mode', peoplePagesTour],
  ['people: township filters a village, county reads without reveal', townshipCountyScenario],
];
