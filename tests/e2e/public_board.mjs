// The public village board on a resident's phone (issue 13 part 4), 360×740, no account:
//   the demo village 枫源村 opens at /m/public/village/{code} (where the printed notice's QR code
//   points), switches to 长辈版, shows its newest published finance disclosure with the totals,
//   the grid card with the grid worker's phone (public by rule), no other ID or mobile number
//   anywhere in the page, nothing wider than the screen; a resident
//   raises a deliberation topic and sees the confirmation; an unknown village says so.
// Run alone: node tests/e2e/run.mjs --jiceng build/jiceng --web web/dist --only public_board
import { request } from 'playwright-core';
import { kDemoPassword, newPhonePage, screenshot } from './lib/browser.mjs';
import { check, checkNoPageErrors } from './lib/assert.mjs';

const kVillage = '330681109290'; // 枫源村 (server/modules/org/seed_demo.hpp kDemoVillage)
const kViewport = { width: 360, height: 740 };
const kWorkerMobile = '13857500001'; // grid1 王丽's phone in the demo: public on her grid card

/** "15505.00" → "15,505.00", as the board writes amounts. */
function yuan(text) {
  const [whole, fraction = '00'] = String(text).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** Strings in the page that look like a mobile number or an ID number, however grouped. */
function personalNumbers(text) {
  const found = [];
  const joined = text.replace(/(\d)[\s\-\u3000]+(?=\d)/g, '$1');
  for (const t of [text, joined]) {
    found.push(...(t.match(/(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g) ?? []));
    found.push(...(t.match(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g) ?? []));
    found.push(...(t.match(/(?<!\d)\d{15}(?!\d)/g) ?? []));
  }
  return [...new Set(found)];
}

async function elderMetrics(page) {
  return page.evaluate(() => {
    let largest = 0;
    let smallest = Infinity;
    let smallestWhere = '';
    for (const el of document.querySelectorAll('body *')) {
      if (!el.offsetParent) continue;
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      largest = Math.max(largest, size);
      if (size < smallest) {
        smallest = size;
        smallestWhere = `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 20)}`;
      }
    }
    const body = getComputedStyle(document.body);
    const controls = [...document.querySelectorAll('[data-test=elder-switch], [data-test=board-grid-call], [data-test=topic-send]')]
      .filter((el) => el.offsetParent)
      .map((el) => el.getBoundingClientRect());
    return {
      fontSize: parseFloat(body.fontSize),
      lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
      largest,
      smallest,
      smallestWhere,
      smallestControl: Math.min(...controls.map((b) => Math.min(b.width, b.height))),
    };
  });
}

async function noSideScroll(page, where) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= kViewport.width, `${where}: the page is ${width}px wide at ${kViewport.width}px`);
}

async function scrollTo(page, selector) {
  await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

export async function publicBoardScenario({ browser, baseUrl, artifacts, log }) {
  const anonymous = await request.newContext({ baseURL: baseUrl });
  const { context, page } = await newPhonePage(browser, baseUrl, { viewport: kViewport });
  try {
    // What the server publishes, to compare with what the page shows.
    const answer = await anonymous.get(`/api/v1/public/villages/${kVillage}/board`);
    check(answer.status() === 200, `GET the board answered ${answer.status()}`);
    const board = await answer.json();
    const newestFinance = [...board.disclosures]
      .filter((d) => d.kind === 'finance')
      .sort((a, b) => String(b.published_at).localeCompare(String(a.published_at)) || b.id - a.id)[0];
    check(newestFinance?.total_income_yuan, `the demo board has no published finance disclosure with totals: ${JSON.stringify(board.disclosures.slice(0, 2))}`);

    const boardLoaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/public/villages/${kVillage}/board`));
    await page.goto(`/m/public/village/${kVillage}`);
    check((await boardLoaded).status() === 200, 'the page could not read the board');
    await page.locator('[data-test=board-village-name]').getByText('枫源村').waitFor();
    await page.locator('[data-test=board-grid-workers]').first().waitFor();
    await noSideScroll(page, 'board');
    await screenshot(page, artifacts, 'pb01-board');
    await scrollTo(page, '[data-test=board-section-finance]');
    await screenshot(page, artifacts, 'pb02-board-finance');

    // ---- 长辈版 ----
    await page.locator('[data-test=elder-switch]').tap();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder-mode'));
    await page.evaluate(() => window.scrollTo(0, 0));
    const metrics = await elderMetrics(page);
    log(`elder board: body ${metrics.fontSize}px × ${metrics.lineHeight.toFixed(2)}, text ${metrics.smallest}–${metrics.largest}px (smallest: ${metrics.smallestWhere}), controls ≥ ${metrics.smallestControl.toFixed(0)}px`);
    check(metrics.fontSize >= 18 && metrics.lineHeight >= 1.3, `elder body text ${metrics.fontSize}px × ${metrics.lineHeight}`);
    check(metrics.smallest >= 18, `elder text as small as ${metrics.smallest}px (${metrics.smallestWhere})`);
    check(metrics.largest >= 30, `elder largest text ${metrics.largest}px < 30px`);
    check(metrics.smallestControl >= 60, `elder main control ${metrics.smallestControl}px < 60px`);
    await noSideScroll(page, 'elder board');
    await screenshot(page, artifacts, 'pb03-board-elder');

    // The newest finance disclosure is open, with the totals the server published.
    const finance = page.locator('[data-test=board-section-finance] [data-test=board-disclosure]').first();
    check((await finance.getAttribute('data-id')) === String(newestFinance.id), `the first finance disclosure is ${await finance.getAttribute('data-id')}, newest is ${newestFinance.id}`);
    const totalIncome = finance.locator('[data-test=board-finance-total-income]');
    await totalIncome.scrollIntoViewIfNeeded();
    check(await totalIncome.isVisible(), 'the finance total is not visible');
    check((await totalIncome.innerText()).trim() === yuan(newestFinance.total_income_yuan), `total income shows "${await totalIncome.innerText()}", the server says ${newestFinance.total_income_yuan}`);
    const totalExpense = (await finance.locator('[data-test=board-finance-total-expense]').innerText()).trim();
    check(totalExpense === yuan(newestFinance.total_expense_yuan), `total expense shows "${totalExpense}", the server says ${newestFinance.total_expense_yuan}`);
    await scrollTo(page, '[data-test=board-section-finance]');
    await noSideScroll(page, 'elder finance table');
    await screenshot(page, artifacts, 'pb04-board-elder-finance');

    // Everything the board holds, older items included: no personal number outside the grid
    // cards, whose grid workers' phones are public by rule (STANDARDS.md).
    for (const more of await page.locator('[data-test^=board-more-]').all()) await more.click();
    const cards = await page.evaluate(() => [...document.querySelectorAll('[data-test=board-grid]')].map((e) => e.textContent).join(' '));
    check(cards.includes(kWorkerMobile), "the grid worker's phone is not on her grid card");
    const text = await page.evaluate(() => {
      const copy = document.body.cloneNode(true);
      for (const card of copy.querySelectorAll('[data-test=board-grid]')) card.remove();
      return copy.textContent;
    });
    const leaked = personalNumbers(text);
    check(leaked.length === 0, `the board shows numbers like a phone or ID number: ${leaked.join(', ')}`);
    await noSideScroll(page, 'elder board, everything shown');
    await scrollTo(page, '[data-test=board-decision]');
    await screenshot(page, artifacts, 'pb05-board-elder-decisions');

    // ---- raise a topic ----
    const title = `村口小广场加装路灯（${String(Date.now()).slice(-5)}）`;
    await scrollTo(page, '[data-test=board-section-topic]');
    await page.locator('[data-test=topic-title] input').fill(title);
    await page.locator('[data-test=topic-description] textarea').fill('晚上在广场跳舞散步的老人多，灯太暗，容易摔跤。');
    await page.locator('[data-test=topic-name] input').fill('张伯');
    await screenshot(page, artifacts, 'pb06-topic-filled-elder');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/public/villages/${kVillage}/topics`) && r.request().method() === 'POST'),
      page.locator('[data-test=topic-send]').tap(),
    ]);
    const postedBody = await posted.json();
    check(posted.status() === 201, `POST topic answered ${posted.status()}: ${JSON.stringify(postedBody)}`);
    await page.locator('[data-test=topic-done]').getByText('议题已收到').waitFor();
    await noSideScroll(page, 'topic received');
    await screenshot(page, artifacts, 'pb07-topic-done-elder');

    // The village's staff see it, raised by a resident.
    const staff = await request.newContext({ baseURL: baseUrl });
    try {
      const login = await staff.post('/api/v1/auth/login', { data: { username: 'secretary', password: kDemoPassword } });
      check(login.ok(), `API login of secretary answered ${login.status()}`);
      const topics = await (await staff.get(`/api/v1/topics?org_code=${kVillage}&limit=50`)).json();
      const mine = (topics.items ?? []).find((x) => x.title === title);
      check(mine && mine.id === postedBody.id && mine.source === 'resident' && mine.submitter === '张伯', `the secretary sees ${JSON.stringify(mine)}`);
    } finally {
      await staff.dispose();
    }

    // ---- an unknown village ----
    await page.goto('/m/public/village/330681109999');
    await page.locator('[data-test=board-not-found]').waitFor();
    await noSideScroll(page, 'unknown village');
    await screenshot(page, artifacts, 'pb08-board-not-found-elder');
    checkNoPageErrors(page);
  } finally {
    await context.close();
    await anonymous.dispose();
  }
}

export const kPublicBoardScenarios = [['public_board: resident reads the village board in elder mode and raises a topic', publicBoardScenario]];
