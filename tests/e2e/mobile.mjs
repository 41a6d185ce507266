// The grid worker's phone app (/m/) on a 360×640 screen: register a resident, record a visit,
// save an edit without network and see it sent, resolve a conflicting edit, elder mode.
// Counts the taps and typed fields a worker needs (burden) and writes them to
// tests/e2e/artifacts/burden.json.
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { request } from 'playwright-core';
import { kDemoPassword, kPhone, newPhonePage, screenshot } from './lib/browser.mjs';
import { check, checkMaskedDerived, checkNoPageErrors } from './lib/assert.mjs';

const kWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-digit ID number of 诸暨市 (330681) with a random birth day and sequence. */
export function randomIdNumber(gender = 'female') {
  const year = 1950 + Math.floor(Math.random() * 50);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  let seq = 100 + Math.floor(Math.random() * 899);
  if ((seq % 2 === 1) !== (gender === 'male')) seq += 1;
  const first17 = `330681${year}${month}${day}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * kWeights[i];
  return { id: `${first17}${'10X98765432'[sum % 11]}`, birthDate: `${year}-${month}-${day}` };
}

/** Counts what the worker does: every tap (including the tap into a field) and every typed field. */
function burdenCounter() {
  const counter = {
    taps: 0,
    fields: 0,
    reset() {
      counter.taps = 0;
      counter.fields = 0;
    },
    async tap(locator) {
      counter.taps += 1;
      await locator.tap();
    },
    async type(locator, text) {
      counter.taps += 1;
      counter.fields += 1;
      await locator.tap();
      await locator.fill(text);
    },
  };
  return counter;
}

async function apiAs(baseUrl, username) {
  const ctx = await request.newContext({ baseURL: baseUrl });
  const login = await ctx.post('/api/v1/auth/login', { data: { username, password: kDemoPassword } });
  check(login.ok(), `API login of ${username} answered ${login.status()}`);
  const { csrf_token: csrf } = await login.json();
  return {
    ctx,
    async get(path) {
      const r = await ctx.get(path);
      return { status: r.status(), body: await r.json().catch(() => null) };
    },
    async patch(path, data) {
      const r = await ctx.patch(path, { data, headers: { 'X-CSRF-Token': csrf } });
      return { status: r.status(), body: await r.json().catch(() => null) };
    },
  };
}

/** The files /m/ loads (script, preloads, style sheets) and their gzip size. */
async function mobileBundle(baseUrl) {
  const ctx = await request.newContext({ baseURL: baseUrl });
  try {
    const html = await (await ctx.get('/m/')).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    let gz = 0;
    let raw = 0;
    let elementPlus = false;
    for (const url of urls) {
      const body = await (await ctx.get(url)).body();
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
      const text = body.toString('utf8');
      if (text.includes('ElMessage') || text.includes('--el-color-primary') || text.includes('element-plus')) elementPlus = true;
    }
    gz += gzipSync(Buffer.from(html)).length;
    return { urls, raw, gz, elementPlus };
  } finally {
    await ctx.dispose();
  }
}

async function waitNotice(page, text) {
  const notice = page.locator('[data-test=notice] .m-notice-text').filter({ hasText: text });
  await notice.first().waitFor();
  return (await notice.first().innerText()).trim();
}

export async function mobileWorkerScenario({ browser, baseUrl, artifacts, log }) {
  const bundle = await mobileBundle(baseUrl);
  log(`/m/ loads ${bundle.urls.length} files: ${(bundle.raw / 1024).toFixed(0)} kB, ${(bundle.gz / 1024).toFixed(1)} kB gzip`);
  check(!bundle.elementPlus, `the /m/ bundle carries Element Plus: ${bundle.urls.join(', ')}`);
  check(bundle.gz < 200 * 1024, `the /m/ bundle is ${(bundle.gz / 1024).toFixed(0)} kB gzip (limit 200 kB)`);

  // Township staff: an earlier scenario may give grid1 a grid in another village of 枫桥镇, and the
  // phone may then register there; the township sees both.
  const staff = await apiAs(baseUrl, 'township');
  const { context, page } = await newPhonePage(browser, baseUrl);
  const burden = burdenCounter();
  try {
    // ---- login (once; no check-in) ----
    await page.goto('/m/');
    await page.waitForURL('**/m/login**');
    await page.locator('[data-test=login-submit]').waitFor();
    await screenshot(page, artifacts, 'm01-login');
    await page.locator('input[name=username]').fill('grid1');
    await page.locator('input[name=password]').fill(kDemoPassword);
    await page.locator('[data-test=login-submit]').tap();
    await page.locator('[data-test=home]').waitFor();
    await page.locator('[data-test=stat-residents] .m-stat-num').filter({ hasText: /^\d+$/ }).waitFor();
    const gridName = (await page.locator('[data-test=grid-name]').innerText().catch(() => '')).trim();
    const residentsShown = (await page.locator('[data-test=stat-residents] .m-stat-num').innerText()).trim();
    log(`home: grid ${gridName || '(several)'}, ${residentsShown} residents`);
    await screenshot(page, artifacts, 'm02-home');

    // ---- a wrong check digit shows in place (not counted) ----
    await page.goto('/m/residents/new');
    const idInput = page.locator('[data-test=field-id-number] input');
    const good = randomIdNumber('female');
    const wrongLast = good.id[17] === '0' ? '1' : '0';
    await idInput.fill(`${good.id.slice(0, 17)}${wrongLast}`);
    await page.locator('[data-test=field-id-number]').getByText('校验位不对').waitFor();
    await screenshot(page, artifacts, 'm03-id-check-digit');

    // ---- register a new resident: counted from Home ----
    await page.goto('/m/');
    await page.locator('[data-test=home]').waitFor();
    const name = `测试${String(Date.now()).slice(-4)}`;
    burden.reset();
    await burden.tap(page.locator('[data-test=action-register]'));
    await burden.type(page.locator('[data-test=field-name] input'), name);
    await burden.type(page.locator('[data-test=field-id-number] input'), good.id);
    const filled = page.locator('[data-test=id-filled]');
    await filled.waitFor();
    const filledText = await filled.innerText();
    check(filledText.includes(good.birthDate) && filledText.includes('女'), `ID fill shows "${filledText}", expected ${good.birthDate} 女`);
    await screenshot(page, artifacts, 'm04-register-filled');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/residents') && r.request().method() === 'POST'),
      burden.tap(page.locator('[data-test=resident-save]')),
    ]);
    const createdBody = await created.json();
    check(created.status() === 201, `POST /api/v1/residents answered ${created.status()}: ${JSON.stringify(createdBody)}`);
    const residentId = createdBody.id;
    await page.waitForURL(`**/m/residents/${residentId}`);
    await page.locator('[data-test=resident-fields]').waitFor();
    const register = { taps: burden.taps, fields: burden.fields };
    checkMaskedDerived(createdBody, 'female', good.birthDate);
    check(/\*/.test(createdBody.id_number ?? ''), `the answer's ID number is not masked: ${createdBody.id_number}`);
    await screenshot(page, artifacts, 'm05-resident');
    log(`registered ${name} (#${residentId}) with ${register.taps} taps, ${register.fields} typed fields`);

    // ---- visit: counted from Home; recent people first ----
    await page.goto('/m/');
    await page.locator('[data-test=home]').waitFor();
    burden.reset();
    await burden.tap(page.locator('[data-test=action-visit]'));
    await burden.tap(page.locator(`[data-test=visit-recent] [data-type=resident][data-id="${residentId}"]`));
    const note = `入户走访，${name}身体健康，无困难。`;
    await burden.type(page.locator('[data-test=visit-note] textarea'), note);
    const [visit] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/visits') && r.request().method() === 'POST'),
      burden.tap(page.locator('[data-test=visit-save]')),
    ]);
    const visitBody = await visit.json();
    check(visit.status() === 201, `POST /api/v1/visits answered ${visit.status()}: ${JSON.stringify(visitBody)}`);
    check(String(visitBody.resident_id) === String(residentId), `visit is for resident ${visitBody.resident_id}, expected ${residentId}`);
    const visitBurden = { taps: burden.taps, fields: burden.fields };
    await waitNotice(page, '走访已保存');
    await page.locator('[data-test=visit-list]').getByText(note).waitFor();
    await screenshot(page, artifacts, 'm06-visit-saved');
    check(visitBurden.taps <= 4, `a visit took ${visitBurden.taps} taps (goal: at most 4 including the note)`);

    // ---- patrol note (no location, no timer) ----
    await page.goto('/m/patrol');
    const patrolNote = `巡查：${name}楼道灯不亮，已告知物业。`;
    await page.locator('[data-test=patrol-note] textarea').fill(patrolNote);
    const [patrol] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/patrol-logs') && r.request().method() === 'POST'),
      page.locator('[data-test=patrol-save]').tap(),
    ]);
    check(patrol.status() === 201, `POST /api/v1/patrol-logs answered ${patrol.status()}: ${await patrol.text()}`);
    await page.locator('[data-test=patrol-list]').getByText(patrolNote).waitFor();
    await screenshot(page, artifacts, 'm07-patrol');

    // ---- an edit without network is kept on the phone and sent when back online ----
    await page.goto(`/m/residents/${residentId}/edit`);
    await page.locator('[data-test=resident-form]').waitFor();
    await context.setOffline(true);
    await page.locator('[data-test=offline-banner]').waitFor();
    const offlineNote = `地下室登记：租住${String(Date.now()).slice(-3)}号`;
    await page.locator('[data-test=field-notes] textarea').fill(offlineNote);
    await page.locator('[data-test=resident-save]').tap();
    const kept = await waitNotice(page, '已保存在本机');
    check(kept.includes('联网后自动发送'), `offline save says "${kept}"`);
    await page.waitForURL(`**/m/residents/${residentId}`);
    await page.locator('[data-test=resident-drafts]').waitFor();
    await screenshot(page, artifacts, 'm08-offline-kept');
    const before = await staff.get(`/api/v1/residents/${residentId}`);
    check(before.body?.notes !== offlineNote, 'the offline edit reached the server while offline');
    // The app opens again without signal (service worker) and still holds the draft (IndexedDB).
    if (await page.evaluate(() => Boolean(navigator.serviceWorker?.controller))) {
      await page.goto('/m/');
      await page.locator('[data-test=drafts-link]').filter({ hasText: '1 条记录等待发送' }).waitFor();
      await screenshot(page, artifacts, 'm08b-offline-reopened');
      log('reopened /m/ without network: home and the waiting draft shown');
    } else {
      log('no service worker controls the page: offline reopening not checked');
    }
    await context.setOffline(false);
    const sent = await waitNotice(page, '已发送');
    log(`back online: "${sent}"`);
    await screenshot(page, artifacts, 'm09-sent');
    // The notice shows when the phone has sent; poll briefly so a slow commit is not a failure.
    let after = await staff.get(`/api/v1/residents/${residentId}`);
    for (let i = 0; i < 20 && after.body?.notes !== offlineNote; ++i) {
      await new Promise((r) => setTimeout(r, 250));
      after = await staff.get(`/api/v1/residents/${residentId}`);
    }
    check(after.body?.notes === offlineNote, `after going online the server has notes "${after.body?.notes}", expected "${offlineNote}"`);

    // ---- a stale edit meets someone else's newer save: both versions shown, worker chooses ----
    await page.goto(`/m/residents/${residentId}/edit`);
    await page.locator('[data-test=resident-form]').waitFor();
    const current = await staff.get(`/api/v1/residents/${residentId}`);
    const theirs = await staff.patch(`/api/v1/residents/${residentId}`, {
      notes: '村委会核实：已搬走',
      occupation: '个体',
      version: current.body.version,
    });
    check(theirs.status === 200, `township PATCH answered ${theirs.status}: ${JSON.stringify(theirs.body)}`);
    const mine = '网格员核实：仍在住';
    await page.locator('[data-test=field-notes] textarea').fill(mine);
    const [stale] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/residents/${residentId}`) && r.request().method() === 'PATCH'),
      page.locator('[data-test=resident-save]').tap(),
    ]);
    const staleBody = await stale.json();
    check(stale.status() === 409 && staleBody.code === 'people.version_conflict',
      `stale PATCH answered ${stale.status()} ${JSON.stringify(staleBody).slice(0, 200)}`);
    check(staleBody.current && staleBody.current.notes === '村委会核实：已搬走', 'the 409 answer lacks `current` with the server record');
    await page.waitForURL('**/m/drafts/*/conflict');
    const row = page.locator('[data-test=conflict-row][data-field=notes]');
    await row.waitFor();
    check((await row.locator('[data-test=mine-value]').innerText()).includes(mine), 'conflict row does not show my value');
    check((await row.locator('[data-test=server-value]').innerText()).includes('村委会核实'), 'conflict row does not show the server value');
    await page.locator('[data-test=conflict-others]').getByText('个体').waitFor();
    await screenshot(page, artifacts, 'm10-conflict');
    await row.locator('[data-test=choose-mine]').tap();
    await page.locator('[data-test=conflict-save]').tap();
    await page.waitForURL(`**/m/residents/${residentId}`);
    const resolved = await staff.get(`/api/v1/residents/${residentId}`);
    check(resolved.body.notes === mine && resolved.body.occupation === '个体',
      `after resolving: notes "${resolved.body.notes}", occupation "${resolved.body.occupation}"`);

    // ---- elder mode on the first screen ----
    await page.goto('/m/');
    await page.locator('[data-test=home]').waitFor();
    await page.locator('[data-test=elder-switch]').tap();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    await page.waitForTimeout(200);
    const metrics = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      let largest = 0;
      for (const el of document.querySelectorAll('body *')) {
        if (!el.offsetParent || !el.textContent.trim()) continue;
        largest = Math.max(largest, parseFloat(getComputedStyle(el).fontSize));
      }
      const boxes = [...document.querySelectorAll('.m-action, [data-test=elder-switch]')].map((el) => el.getBoundingClientRect());
      return {
        fontSize: parseFloat(body.fontSize),
        lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
        largest,
        smallestControl: Math.min(...boxes.map((b) => Math.min(b.width, b.height))),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    log(`elder mode: body ${metrics.fontSize}px × ${metrics.lineHeight.toFixed(2)}, largest ${metrics.largest}px, smallest main control ${metrics.smallestControl.toFixed(0)}px`);
    check(metrics.fontSize >= 18, `elder body text ${metrics.fontSize}px < 18px`);
    check(metrics.lineHeight >= 1.3, `elder line height ${metrics.lineHeight} < 1.3`);
    check(metrics.largest >= 30, `elder largest text ${metrics.largest}px < 30px`);
    check(metrics.smallestControl >= 60, `elder main control ${metrics.smallestControl}px < 60px`);
    check(metrics.overflow <= 0, `elder home scrolls sideways by ${metrics.overflow}px at 360px`);
    await screenshot(page, artifacts, 'm11-home-elder');
    await page.goto(`/m/residents/${residentId}/edit`);
    await page.locator('[data-test=resident-form]').waitFor();
    await screenshot(page, artifacts, 'm12-form-elder');
    await page.goto('/m/visit');
    await page.locator('[data-test=visit-recent]').waitFor();
    await screenshot(page, artifacts, 'm13-visit-elder');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `elder visit screen scrolls sideways by ${overflow}px`);

    checkNoPageErrors(page);
    const line = `burden: register resident taps=${register.taps} fields=${register.fields}; visit taps=${visitBurden.taps}`;
    console.log(line);
    await writeFile(
      `${artifacts}/burden.json`,
      `${JSON.stringify({ viewport: kPhone, register_resident: register, visit: visitBurden, bundle_gzip_bytes: bundle.gz }, null, 2)}\n`,
    );
  } finally {
    await context.close();
    await staff.ctx.dispose();
  }
}

export const kMobileScenarios = [['mobile: grid worker on a phone', mobileWorkerScenario]];
