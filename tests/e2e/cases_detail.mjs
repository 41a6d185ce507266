// Browser scenarios of the case detail page's map and photos (console). Walked by run.mjs
// through kScenarios in scenarios.mjs; names start with "case detail:" (--only "case detail").
//   1. township reports a case at a point in 枫源村第一网格 with a photo (as the phone app does);
//      the detail page draws the grid and the point, and shows the photo under 上报;
//   2. 城管 (department handler) resolves it in the console with an after-photo, and a file the
//      server refuses: the dialog names the server's reason, the action stays done;
//   3. township verifies with a PNG; the page shows the photos by step and in the timeline;
//   4. a demo case without a point shows its grid alone and the photo panel's empty text.
import { apiGet, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';
import { squareInside } from './lib/geometry.mjs';
import { drawPhoto } from './lib/images.mjs';
import { apiCall, asUser, csrfOf } from './people_console.mjs';
import { act, actByApi, headerStatus, openCase, timelineActions } from './cases_console.mjs';

const kGrid1 = '330681109290001'; // 枫源村第一网格 (demo)
const kCityManagement = '330681901'; // 综合行政执法局（城管）, the department of `chengguan`
const kTownship = '330681109'; // 枫桥镇, the `township` account's area

/** A point well inside a grid: the centre of a small square that fits in its outline. */
function pointInside(geometry) {
  const polygon = geometry.type === 'MultiPolygon' ? { type: 'Polygon', coordinates: geometry.coordinates[0] } : geometry;
  const square = squareInside(polygon, 0.2);
  const lng = square.reduce((s, p) => s + p[0], 0) / square.length;
  const lat = square.reduce((s, p) => s + p[1], 0) / square.length;
  return [Number(lng.toFixed(6)), Number(lat.toFixed(6))];
}

async function caseNow(context, id) {
  const { status, body } = await apiGet(context, `/api/v1/cases/${id}`);
  check(status === 200, `GET /cases/${id} answered ${status}`);
  return body;
}

/** Waits for the map to finish and answers what it drew, in page pixels. */
async function mapShapes(page) {
  const map = page.locator('[data-test=case-map][data-state=ready]');
  await map.waitFor();
  await page.waitForTimeout(300); // the fit is drawn without animation, but the tiles layer settles
  return map.evaluate((el) => {
    const box = (node) => {
      if (!node) return null;
      const r = node.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, cx: r.x + r.width / 2, cy: r.y + r.height / 2 };
    };
    return {
      area: el.dataset.area,
      point: el.dataset.point,
      map: box(el),
      areaPath: box(el.querySelector('path.case-map-area')),
      pointPath: box(el.querySelector('path.case-map-point')),
    };
  });
}

const inside = (p, b) => p.cx >= b.x && p.cx <= b.x + b.w && p.cy >= b.y && p.cy <= b.y + b.h;

/** The photo groups the page shows: [{action, count, loaded}] (loaded: images with pixels). */
async function photoSteps(page) {
  await page.locator('[data-test=case-photos][data-state=ready]').waitFor();
  return page.locator('[data-test=case-photo-step]').evaluateAll((sections) =>
    sections.map((s) => ({
      action: s.dataset.action,
      count: s.querySelectorAll('[data-test=case-photo]').length,
      loaded: [...s.querySelectorAll('[data-test=case-photo] img')].filter((img) => img.complete && img.naturalWidth > 0).length,
    })),
  );
}

/** Waits until every thumbnail of the photo panel has loaded its image through the session. */
async function waitForThumbnails(page, n) {
  await page.locator('[data-test=case-photos]').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll('[data-test=case-photo] img')].filter((img) => img.complete && img.naturalWidth > 0).length >= want,
    n,
  );
}

export async function caseDetailMapAndPhotosScenario({ browser, baseUrl, artifacts, log }) {
  let id = 0;
  await asUser(browser, baseUrl, 'township', async ({ page, context }) => {
    const grid = await apiGet(context, `/api/v1/grids/${kGrid1}`);
    check(grid.status === 200 && grid.body.geometry, `GET grid ${kGrid1}: ${grid.status}`);
    const [lng, lat] = pointInside(grid.body.geometry);
    const reported = await apiCall(context, 'POST', '/api/v1/cases', {
      category_code: 'E0102',
      description: `地图照片测试：路口垃圾堆放（${Date.now() % 100000}）`,
      lng,
      lat,
      address: '枫源村文化礼堂东侧路口',
    });
    check(reported.status === 201, `POST /cases answered ${reported.status}: ${JSON.stringify(reported.body)}`);
    id = reported.body.id;
    check(reported.body.org_code === kGrid1, `the point ${lng},${lat} was located to ${reported.body.org_code}, expected ${kGrid1}`);
    log(`case #${id} at ${lng},${lat}`);

    // The report's photo, as the grid worker's phone sends it (raw JPEG, no event: the report).
    const jpeg = await drawPhoto(page);
    const up = await context.request.post(`/api/v1/cases/${id}/photos`, {
      headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': await csrfOf(context) },
      data: jpeg,
    });
    check(up.status() === 201, `report photo answered ${up.status()}: ${await up.text()}`);

    await openCase(page, id);
    const shapes = await mapShapes(page);
    check(shapes.area === 'yes' && shapes.point === 'yes', `the map says area=${shapes.area} point=${shapes.point}`);
    check(shapes.areaPath && shapes.areaPath.w > 40 && shapes.areaPath.h > 40, `the grid outline is ${JSON.stringify(shapes.areaPath)}`);
    check(shapes.pointPath && inside(shapes.pointPath, shapes.map), `the point ${JSON.stringify(shapes.pointPath)} is not on the map ${JSON.stringify(shapes.map)}`);
    check(inside(shapes.pointPath, shapes.areaPath), 'the point is drawn outside its grid');
    // The marker stands where the case's lng/lat is.
    const expected = await page.locator('[data-test=case-map]').evaluate((el, ll) => {
      const p = el._jicengMap.latLngToContainerPoint([ll[1], ll[0]]);
      const r = el.getBoundingClientRect();
      return { cx: r.x + p.x, cy: r.y + p.y };
    }, [lng, lat]);
    check(Math.abs(expected.cx - shapes.pointPath.cx) < 3 && Math.abs(expected.cy - shapes.pointPath.cy) < 3,
      `the marker is at ${shapes.pointPath.cx},${shapes.pointPath.cy}, the case at ${expected.cx},${expected.cy}`);
    const legend = await page.locator('[data-test=case-map-legend]').innerText();
    check(legend.includes('问题位置') && legend.includes('所在网格'), `the map legend reads "${legend}"`);

    await waitForThumbnails(page, 1);
    const steps = await photoSteps(page);
    check(JSON.stringify(steps) === JSON.stringify([{ action: 'report', count: 1, loaded: 1 }]), `photo steps: ${JSON.stringify(steps)}`);
    await page.locator('[data-test=case-event][data-action=report] [data-test=case-event-photos][data-count="1"]').waitFor();
    await page.locator('[data-test=case-location]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'detail-01-map-and-report-photo');

    // A click enlarges the photo.
    await page.locator('[data-test=case-photo]').first().click();
    await page.locator('.el-image-viewer__wrapper img').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, artifacts, 'detail-02-photo-preview');
    await page.keyboard.press('Escape');
    await page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' });

    await actByApi(context, id, 'file');
    await actByApi(context, id, 'dispatch', { department_code: kCityManagement, note: '请城管清运' });
    checkNoPageErrors(page);
  });

  await asUser(browser, baseUrl, 'chengguan', async ({ page, context }) => {
    await actByApi(context, id, 'accept');
    await actByApi(context, id, 'start');
    await openCase(page, id);
    await headerStatus(page, 'handling').waitFor();
    // The handler sees the report photo too (the case is in the department's scope).
    await waitForThumbnails(page, 1);

    await page.locator('[data-test=case-action-resolve]').click();
    const dialog = page.locator('.el-dialog[data-action="resolve"]');
    await dialog.waitFor();
    await dialog.locator('[data-test=case-photo-picker]').waitFor();
    const after = await drawPhoto(page, { width: 1000, height: 750 });
    // A PDF is refused at once, in the dialog, in Chinese; the photo is kept.
    await dialog.locator('input[data-test=case-photo-input]').setInputFiles([
      { name: 'after.jpg', mimeType: 'image/jpeg', buffer: after },
      { name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') },
    ]);
    await dialog.locator('[data-test=case-photo-refused]').getByText('只能添加 JPEG、PNG 或 WebP 格式的照片').waitFor();
    check((await dialog.locator('[data-test=case-photo-picked]').count()) === 1, 'the picked photo is not shown');
    await screenshot(page, artifacts, 'detail-03a-pdf-refused');
    // A file named .jpg that is no image passes the browser's check; the server refuses it.
    await dialog.locator('input[data-test=case-photo-input]').setInputFiles([
      { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture at all') },
    ]);
    check((await dialog.locator('[data-test=case-photo-picked]').count()) === 2, 'the second file is not shown');
    await dialog.locator('textarea[data-test=case-action-note]').fill('已清运，路口已冲洗');
    await page.waitForTimeout(200);
    await screenshot(page, artifacts, 'detail-03-resolve-dialog-photos');

    const uploads = [];
    page.on('response', (r) => {
      if (/\/api\/v1\/cases\/\d+\/photos\?event=\d+$/.test(r.url()) && r.request().method() === 'POST') uploads.push(r);
    });
    const [resolved] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/actions/resolve') && r.request().method() === 'POST'),
      dialog.locator('[data-test=case-action-confirm]').click(),
    ]);
    check(resolved.status() === 200, `resolve answered ${resolved.status()}`);
    await dialog.locator('[data-test=case-photo-upload-failed]').waitFor();
    const failure = await dialog.locator('[data-test=case-photo-upload-error]').innerText();
    check(failure.includes('broken.jpg') && failure.includes('只能上传 JPEG、PNG 或 WebP 格式的图片'),
      `the refused upload reads "${failure}", expected the server's reason`);
    check((await dialog.innerText()).includes('「处置完毕」已办理'), 'the dialog does not say the action was recorded');
    await headerStatus(page, 'resolved').waitFor();
    await screenshot(page, artifacts, 'detail-04-upload-refused');
    check(uploads.map((r) => r.status()).sort().join(',') === '201,415', `uploads answered ${uploads.map((r) => r.status()).join(',')}`);
    const resolveEvent = (await caseNow(context, id)).timeline.filter((e) => e.action === 'resolve').at(-1);
    check(uploads.every((r) => r.url().endsWith(`?event=${resolveEvent.id}`)), `photos went to ${uploads.map((r) => r.url()).join(' ')}, not event ${resolveEvent.id}`);
    await dialog.locator('[data-test=case-photo-upload-close]').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.locator('[data-test=case-photo-step][data-action=resolve]').waitFor();
    await waitForThumbnails(page, 2);
    const steps = await photoSteps(page);
    check(JSON.stringify(steps) === JSON.stringify([{ action: 'report', count: 1, loaded: 1 }, { action: 'resolve', count: 1, loaded: 1 }]),
      `photo steps after resolve: ${JSON.stringify(steps)}`);
    await page.locator('[data-test=case-event][data-action=resolve] [data-test=case-event-photos][data-count="1"]').waitFor();
    await screenshot(page, artifacts, 'detail-05-resolved-with-photo');
    checkNoPageErrors(page);
  });

  await asUser(browser, baseUrl, 'township', async ({ page, context }) => {
    await openCase(page, id);
    await headerStatus(page, 'resolved').waitFor();
    await waitForThumbnails(page, 2);
    // 核查通过 with a PNG: the verifier's photo goes to the verify step.
    await act(page, 'verify', 'verified', {
      fill: async (dialog) => {
        await dialog.locator('input[data-test=case-photo-input]').setInputFiles([
          { name: 'check.png', mimeType: 'image/png', buffer: await drawPhoto(page, { type: 'image/png', width: 640, height: 480 }) },
        ]);
        await dialog.locator('[data-test=case-photo-picked]').waitFor();
      },
    });
    await page.locator('[data-test=case-photo-step][data-action=verify]').waitFor();
    await waitForThumbnails(page, 3);
    const steps = await photoSteps(page);
    check(
      JSON.stringify(steps.map((s) => [s.action, s.count, s.loaded])) === JSON.stringify([['report', 1, 1], ['resolve', 1, 1], ['verify', 1, 1]]),
      `photo steps after verify: ${JSON.stringify(steps)}`,
    );
    const listed = await apiGet(context, `/api/v1/cases/${id}/photos`);
    const timeline = (await caseNow(context, id)).timeline;
    const eventAction = new Map(timeline.map((e) => [e.id, e.action]));
    const actions = listed.body.items.map((p) => eventAction.get(p.event_id));
    check(JSON.stringify(actions) === JSON.stringify(['report', 'resolve', 'verify']), `stored photos belong to ${JSON.stringify(actions)}`);
    check(listed.body.items[2].mime === 'image/png', `the verify photo is ${listed.body.items[2].mime}`);
    const order = await timelineActions(page);
    check(order.join(',') === 'report,file,dispatch,accept,start,resolve,verify', `timeline: ${order.join(',')}`);
    const header = await page.locator('[data-test=case-photos]').evaluate((el) => el.closest('section').querySelector('h3').innerText);
    check(header.includes('3 张'), `the photo heading reads "${header}"`);
    await page.locator('.app-content').evaluate((el) => el.scrollTo(0, 0));
    await page.locator('[data-test=case-location]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'detail-06-township-photos-by-step');
    await page.locator('[data-test=case-timeline]').scrollIntoViewIfNeeded();
    // Each step with photos shows them small in the timeline too.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-test=case-event-photos] img')].filter((img) => img.complete && img.naturalWidth > 0).length === 3,
    );
    const withPhotos = await page.locator('[data-test=case-event]:has([data-test=case-event-photos])').evaluateAll((li) => li.map((x) => x.dataset.action));
    check(withPhotos.join(',') === 'report,resolve,verify', `timeline steps with photos: ${withPhotos.join(',')}`);
    await screenshot(page, artifacts, 'detail-07-timeline-thumbnails');
    checkNoPageErrors(page);
  });
}

/** A demo case has no point: the grid alone, and the photo panel says there are none. */
export async function caseDetailNoPointScenario({ browser, baseUrl, artifacts, log }) {
  await asUser(browser, baseUrl, 'township', async ({ page, context }) => {
    const list = await apiGet(context, `/api/v1/cases?org=${kTownship}&status=open&limit=50`);
    check(list.status === 200, `GET /cases answered ${list.status}`);
    let target = null;
    for (const c of list.body.items) {
      if (c.lng !== null || c.lat !== null || c.org_code.length !== 15) continue;
      const photos = await apiGet(context, `/api/v1/cases/${c.id}/photos`);
      if (photos.status === 200 && photos.body.items.length === 0) {
        target = c;
        break;
      }
    }
    check(target, `no open demo case without a point or photos in ${kTownship}`);
    log(`case #${target.id} (no point)`);
    await openCase(page, target.id);
    const shapes = await mapShapes(page);
    check(shapes.area === 'yes' && shapes.point === 'no', `the map says area=${shapes.area} point=${shapes.point}`);
    check(shapes.areaPath && shapes.areaPath.w > 40 && !shapes.pointPath, `drawn: ${JSON.stringify(shapes)}`);
    // The grid fills the map rather than sitting small in a corner.
    check(shapes.areaPath.w > shapes.map.w * 0.3 || shapes.areaPath.h > shapes.map.h * 0.3, `the grid is drawn small: ${JSON.stringify(shapes)}`);
    await page.locator('[data-test=case-map-no-point]').getByText('上报时未定位').waitFor();
    await page.locator('[data-test=case-photos-empty]').getByText('暂无照片').waitFor();
    await page.locator('[data-test=case-location]').scrollIntoViewIfNeeded();
    await screenshot(page, artifacts, 'detail-08-no-point-no-photos');

    // The photo field is offered on a working step and not on 结案-like steps.
    const actionNames = await page.locator('[data-test=case-actions] button[data-test^=case-action-]').evaluateAll((b) =>
      b.map((x) => x.dataset.test.replace('case-action-', '')),
    );
    const working = actionNames.find((a) => ['file', 'note', 'dispatch'].includes(a));
    check(working, `no working action offered: ${actionNames.join(',')}`);
    await page.locator(`[data-test=case-action-${working}]`).click();
    const dialog = page.locator(`.el-dialog[data-action="${working}"]`);
    await dialog.locator('[data-test=case-photo-picker]').waitFor();
    await dialog.locator('.el-dialog__headerbtn').click();
    await dialog.waitFor({ state: 'hidden' });
    if (actionNames.includes('reject')) {
      await page.locator('[data-test=case-action-reject]').click();
      const reject = page.locator('.el-dialog[data-action="reject"]');
      await reject.locator('textarea[data-test=case-action-note]').waitFor();
      check((await reject.locator('[data-test=case-photo-picker]').count()) === 0, '不予立案 offers photos, but the case takes none after it');
      await reject.locator('.el-dialog__headerbtn').click();
    }
    checkNoPageErrors(page);
  });
}

/**
 * A resident's anonymous report whose address is markup: the staff console's map shows the
 * address as the characters the resident typed, and nothing of it runs.
 */
export async function caseDetailMarkupAddressScenario({ browser, baseUrl, artifacts, log }) {
  const marker = `${Date.now() % 1000000}`;
  const address = `<img src=x onerror="window.__jicengInjected=1"><b>枫源村${marker}</b>`;
  await asUser(browser, baseUrl, 'township', async ({ page, context }) => {
    const grid = await apiGet(context, `/api/v1/grids/${kGrid1}`);
    const [lng, lat] = pointInside(grid.body.geometry);
    const anonymous = await browser.newContext({ baseURL: baseUrl });
    try {
      const reported = await anonymous.request.post('/api/v1/public/cases', {
        data: { category_code: 'E0102', description: `路口垃圾堆放 ${marker}`, lng, lat, address },
      });
      check(reported.status() === 201, `POST /public/cases answered ${reported.status()}: ${await reported.text()}`);
    } finally {
      await anonymous.close();
    }
    const list = await apiGet(context, `/api/v1/cases?org=${kGrid1}&channel=resident&limit=50`);
    const found = (list.body.items ?? []).find((c) => c.address === address);
    check(found, `the resident's case is not in the township's list (${list.status})`);
    log(`case #${found.id} with a markup address`);

    await openCase(page, found.id);
    const shapes = await mapShapes(page);
    check(shapes.pointPath, 'the map drew no point');
    await page.locator('[data-test=case-map] path.case-map-point').hover();
    const tooltip = page.locator('.leaflet-tooltip:visible');
    await tooltip.waitFor();
    check((await tooltip.innerText()) === address, `the tooltip reads "${await tooltip.innerText()}"`);
    check((await tooltip.locator('img, b').count()) === 0, 'the address became elements on the map');
    check((await page.evaluate(() => window.__jicengInjected)) === undefined, "the address's script ran");
    await screenshot(page, artifacts, 'detail-05-markup-address');
    checkNoPageErrors(page);
  });
}

export const kCaseDetailScenarios = [
  ['case detail: a resident\'s markup address is shown as text on the map', caseDetailMarkupAddressScenario],
  ['case detail: map, photos by step, photos attached to resolve and verify', caseDetailMapAndPhotosScenario],
  ['case detail: a case without a point shows its grid and no photos', caseDetailNoPointScenario],
];
