import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  arrangeBoard,
  financeTable,
  formatFen,
  isVillageCode,
  periodLabel,
  publicPhone,
  stageStep,
  topicBody,
  topicProblems,
  yuanToFen,
  workerPhone,
} from '../../src/mobile/lib/villageBoard.js';
import { useVant } from '../../src/mobile/vant.js';
import PublicVillageView from '../../src/mobile/views/PublicVillageView.vue';

const kVillage = '330681109290';

function finance(id, period, publishedAt, extra = {}) {
  return {
    id,
    kind: 'finance',
    period,
    title: `枫源村 ${period} 财务收支公开`,
    body: '本期收支明细如下',
    published_at: publishedAt,
    lines: [
      { label: '仓库租金', kind: 'income', amount_yuan: '12500.00' },
      { label: '上级转移支付', kind: 'income', amount_yuan: '3005.00' },
      { label: '道路养护', kind: 'expense', amount_yuan: '4200.00' },
      { label: '居家养老服务', kind: 'expense', amount_yuan: '1860.50' },
    ],
    total_income_yuan: '15505.00',
    total_expense_yuan: '6060.50',
    ...extra,
  };
}

function sampleBoard() {
  return {
    village: { code: kVillage, name: '枫源村' },
    disclosures: [
      finance(1, '2026-09', '2026-10-14T02:00:00Z'),
      finance(2, '2026-10', '2026-11-13T02:00:00Z'),
      { id: 3, kind: 'party', period: '2026-Q3', title: '枫源村 2026-Q3 党务公开', body: '党员发展情况', published_at: '2026-10-15T02:00:00Z' },
      { id: 4, kind: 'village', period: '', title: '【决议公开】停车场建设', body: '经村民代表会议表决通过：建设停车场', published_at: '2026-06-01T02:00:00Z', decision_id: 9 },
      { id: 5, kind: 'village', period: '', title: '【实施结果公开】停车场建设', body: '已按决议实施完毕', published_at: '2026-08-01T02:00:00Z', decision_id: 9 },
      // A village disclosure whose title someone typed as HTML: shown as text, never as markup.
      { id: 6, kind: 'village', period: '2026-Q3', title: '<img src=x onerror="window.__hacked=1">低保名单', body: '<b>名单</b>', published_at: '2026-10-15T03:00:00Z' },
    ],
    decisions: [{ id: 9, title: '停车场建设', matter: 'project', stage: 'result_disclosed', status: 'done' }],
    convention: { version: 2, title: '枫源村村规民约', body: '第一条 爱党爱国。', adopted_on: '2026-05-01', filed_on: '2026-05-20' },
    grids: [{ code: '330681109290001', name: '枫源村第一网格', card: '/api/v1/public/grids/330681109290001' }],
  };
}

describe('the village board, arranged', () => {
  it('groups published disclosures by kind, newest first, and gives each decision its two disclosures', () => {
    const { groups, decisions } = arrangeBoard(sampleBoard());
    expect(groups.finance.map((d) => d.id)).toEqual([2, 1]);
    expect(groups.party.map((d) => d.id)).toEqual([3]);
    // The decision's disclosures are shown with the decision, not again among village affairs.
    expect(groups.village.map((d) => d.id)).toEqual([6]);
    expect(decisions).toHaveLength(1);
    expect(decisions[0].resolution.id).toBe(4);
    expect(decisions[0].result.id).toBe(5);
  });

  it('keeps a decision disclosure among village affairs when its decision is not on the board', () => {
    const board = sampleBoard();
    board.decisions = [];
    const { groups, decisions } = arrangeBoard(board);
    expect(groups.village.map((d) => d.id)).toEqual([6, 5, 4]);
    expect(decisions).toEqual([]);
    expect(arrangeBoard(null).groups).toEqual({ party: [], village: [], finance: [] });
  });

  it('numbers the steps of 四议两公开', () => {
    expect(stageStep('proposed')).toBe(0);
    expect(stageStep('assembly')).toBe(stageStep('representatives_assembly'));
    expect(stageStep('resolution_disclosed')).toBe(4);
    expect(stageStep('result_disclosed')).toBe(5);
  });
});

describe('finance tables', () => {
  it('counts in fen and writes yuan with separators', () => {
    expect(yuanToFen('12500.5')).toBe(1250050);
    expect(yuanToFen('0.05')).toBe(5);
    expect(yuanToFen(7)).toBe(700);
    expect(yuanToFen('-3.10')).toBe(-310);
    expect(yuanToFen('1e3')).toBeNaN();
    expect(yuanToFen('')).toBeNaN();
    expect(formatFen(123456789)).toBe('1,234,567.89');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-100050)).toBe('-1,000.50');
  });

  it('shows the lines by kind with the totals and the balance', () => {
    const table = financeTable(finance(1, '2026-09', ''));
    expect(table.income).toEqual([
      { label: '仓库租金', amount: '12,500.00' },
      { label: '上级转移支付', amount: '3,005.00' },
    ]);
    expect(table.expense.map((l) => l.amount)).toEqual(['4,200.00', '1,860.50']);
    expect(table.totalIncome).toBe('15,505.00');
    expect(table.totalExpense).toBe('6,060.50');
    expect(table.balance).toBe('9,444.50');
    expect(table.negative).toBe(false);
  });

  it('sums the lines when the server gives no totals, and marks a deficit', () => {
    const d = finance(1, '2026-09', '', { total_income_yuan: undefined, total_expense_yuan: undefined });
    d.lines.push({ label: '堤岸加固', kind: 'expense', amount_yuan: '20000.01' });
    const table = financeTable(d);
    expect(table.totalIncome).toBe('15,505.00');
    expect(table.totalExpense).toBe('26,060.51');
    expect(table.balance).toBe('-10,555.51');
    expect(table.negative).toBe(true);
  });
});

describe('numbers on the board', () => {
  it("dials a grid worker's phone, mobile or landline, and nothing that is not a number", () => {
    expect(workerPhone('13857500001')).toEqual({ text: '13857500001', tel: 'tel:13857500001' });
    expect(workerPhone('+86 138 5750 0001')?.tel).toBe('tel:13857500001');
    expect(workerPhone('0575-87000001')?.tel).toBe('tel:057587000001');
    expect(workerPhone('12857500001')).toBeNull();
    expect(workerPhone('找网格员')).toBeNull();
    expect(workerPhone('')).toBeNull();
  });

  it('dials public service numbers only for the supervision line, never a mobile number', () => {
    expect(publicPhone('0575-87000001')).toEqual({ text: '0575-87000001', tel: 'tel:057587000001' });
    expect(publicPhone('010 12345678')?.tel).toBe('tel:01012345678');
    expect(publicPhone('12345')?.tel).toBe('tel:12345');
    expect(publicPhone('400-123-4567')?.tel).toBe('tel:4001234567');
    for (const mobile of ['13857500001', '138 5750 0001', '+8613857500001', '013857500001', '']) {
      expect(publicPhone(mobile)).toBeNull();
    }
    expect(publicPhone('打村委会')).toBeNull();
  });

  it('accepts village codes only', () => {
    expect(isVillageCode(kVillage)).toBe(true);
    expect(isVillageCode('330681109290001')).toBe(false);
    expect(isVillageCode('33068110929x')).toBe(false);
    expect(isVillageCode(undefined)).toBe(false);
  });

  it('names periods as people say them', () => {
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('2026-Q4')).toBe('2026年第4季度');
    expect(periodLabel('other')).toBe('other');
  });

  it('sends a topic trimmed, with the name only when given', () => {
    expect(topicBody({ title: ' 装路灯 ', description: ' 广场太暗 ', name: '  ' })).toEqual({ title: '装路灯', description: '广场太暗' });
    expect(topicBody({ title: 'a', description: 'b', name: ' 张伯 ' }).name).toBe('张伯');
    expect(topicProblems({ title: '', description: '' })).toEqual({ title: 'board.topic.titleRequired', description: 'board.topic.descriptionRequired' });
    expect(topicProblems({ title: 'a', description: 'b' })).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
function json(status, body) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? (status >= 400 ? 'application/problem+json' : 'application/json') : null) },
    json: async () => body,
    text: async () => JSON.stringify(body),
  };
}

/** fetch answering by path: routes = {'GET /path': [status, body] | (init) => [status, body]}. */
function serve(routes) {
  const calls = [];
  const fetch = vi.fn(async (url, init = {}) => {
    const key = `${init.method ?? 'GET'} ${url}`;
    calls.push({ key, body: init.body ? JSON.parse(init.body) : undefined });
    const route = routes[key];
    if (!route) return json(404, { status: 404, code: 'test.unrouted', title: key });
    const [status, body] = typeof route === 'function' ? route(init) : route;
    return json(status, body);
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

async function mountBoard(code = kVillage) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] });
  const wrapper = mount(PublicVillageView, {
    props: { code },
    attachTo: document.body,
    global: { plugins: [router, { install: useVant }] },
  });
  await flushPromises();
  return wrapper;
}

describe('PublicVillageView', () => {
  beforeEach(() => {
    window.__hacked = undefined;
    Element.prototype.scrollIntoView = vi.fn();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('shows the village, the newest finance disclosure open with its totals, the decision and the convention, all as text', async () => {
    serve({
      [`GET /api/v1/public/villages/${kVillage}/board`]: [200, sampleBoard()],
      'GET /api/v1/public/grids/330681109290001': [200, { code: '330681109290001', name: '枫源村第一网格', workers: [{ name: '王丽', phone: '13857500001' }], hotline: '0575-87000001' }],
    });
    const wrapper = await mountBoard();
    expect(wrapper.get('[data-test=board-village-name]').text()).toBe('枫源村');
    expect(document.title).toContain('枫源村');

    const finances = wrapper.findAll('[data-test=board-section-finance] [data-test=board-disclosure]');
    expect(finances.map((f) => f.attributes('data-id'))).toEqual(['2', '1']);
    expect(finances[0].get('[data-test=board-finance-total-income]').text()).toBe('15,505.00');
    expect(finances[0].get('[data-test=board-finance-balance]').text()).toBe('9,444.50');
    expect(finances[0].get('.m-board-item-body').isVisible()).toBe(true);
    expect(finances[1].get('.m-board-item-body').isVisible()).toBe(false);
    await finances[1].get('[data-test=board-disclosure-toggle]').trigger('click');
    expect(finances[1].get('.m-board-item-body').isVisible()).toBe(true);

    const decision = wrapper.get('[data-test=board-decision]');
    expect(decision.get('[data-test=board-decision-stage]').text()).toContain('实施结果已公开');
    expect(decision.get('[data-test=board-decision-stage]').text()).toContain('第 6 步，共 6 步');
    expect(decision.get('[data-test=board-decision-resolution]').text()).toContain('经村民代表会议表决通过');
    expect(decision.get('[data-test=board-decision-result]').text()).toContain('已按决议实施完毕');
    expect(wrapper.get('[data-test=board-convention]').text()).toContain('第 2 版');
    expect(wrapper.get('[data-test=board-convention]').text()).toContain('2026-05-20');

    // Text the village typed as HTML stays text.
    const village = wrapper.get('[data-test=board-section-village]');
    expect(village.text()).toContain('<img src=x onerror="window.__hacked=1">低保名单');
    expect(village.text()).toContain('<b>名单</b>');
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('.m-board-item-body b').exists()).toBe(false);
    expect(window.__hacked).toBeUndefined();

    // The grid card is public by rule: the worker's name and phone, and the supervision line.
    const grid = wrapper.get('[data-test=board-grid]');
    expect(grid.get('[data-test=board-grid-workers]').text()).toContain('王丽');
    expect(grid.get('[data-test=board-grid-worker-call]').attributes('href')).toBe('tel:13857500001');
    expect(grid.get('[data-test=board-grid-hotline] a').attributes('href')).toBe('tel:057587000001');
    wrapper.unmount();
  });

  it('says so for an unknown village, and asks for no board at all for a code that is not one', async () => {
    const calls = serve({ [`GET /api/v1/public/villages/330681109999/board`]: [404, { status: 404, code: 'autonomy.village.not_found', title: '未找到该村（社区）' }] });
    let wrapper = await mountBoard('330681109999');
    expect(wrapper.get('[data-test=board-not-found]').text()).toContain('没有找到这个村（社区）的公开栏');
    wrapper.unmount();
    wrapper = await mountBoard('not-a-code');
    expect(wrapper.find('[data-test=board-not-found]').exists()).toBe(true);
    expect(calls.map((c) => c.key)).toEqual(['GET /api/v1/public/villages/330681109999/board']);
    wrapper.unmount();
  });

  it('asks to come back in a minute when the board is read too often, and reloads on request', async () => {
    let busy = true;
    serve({
      [`GET /api/v1/public/villages/${kVillage}/board`]: () => (busy ? [429, { status: 429, code: 'autonomy.public.rate_limited', title: '访问过于频繁，请稍后再试' }] : [200, { ...sampleBoard(), grids: [] }]),
    });
    const wrapper = await mountBoard();
    expect(wrapper.get('[data-test=board-error]').text()).toContain('请过一分钟再刷新');
    busy = false;
    await wrapper.get('[data-test=board-retry]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test=board-village-name]').text()).toBe('枫源村');
    expect(wrapper.get('[data-test=board-grids-empty]').text()).toContain('还没有划分网格');
    wrapper.unmount();
  });

  it('shows empty sections in words', async () => {
    serve({ [`GET /api/v1/public/villages/${kVillage}/board`]: [200, { village: { code: kVillage, name: '新村' }, disclosures: [], decisions: [], convention: null, grids: [] }] });
    const wrapper = await mountBoard();
    for (const kind of ['party', 'village', 'finance', 'decisions', 'convention']) {
      expect(wrapper.find(`[data-test=board-empty-${kind}]`).exists()).toBe(true);
    }
    wrapper.unmount();
  });

  it('raises a topic: required fields first, a kind word for too many, then the confirmation', async () => {
    let limited = true;
    const calls = serve({
      [`GET /api/v1/public/villages/${kVillage}/board`]: [200, { ...sampleBoard(), grids: [] }],
      [`POST /api/v1/public/villages/${kVillage}/topics`]: () =>
        limited ? [429, { status: 429, code: 'autonomy.public.rate_limited', title: '提交过于频繁，请稍后再试' }] : [201, { id: 41, status: 'open' }],
    });
    const wrapper = await mountBoard();
    const form = wrapper.get('[data-test=topic-form]');
    await form.trigger('submit');
    expect(form.text()).toContain('请写下议题');
    expect(form.text()).toContain('请写下具体说明');
    expect(calls.filter((c) => c.key.startsWith('POST'))).toHaveLength(0);

    await wrapper.get('[data-test=topic-title] input').setValue('村口小广场加装路灯');
    await wrapper.get('[data-test=topic-description] textarea').setValue('晚上跳舞的老人多，太暗了');
    await form.trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test=topic-error]').text()).toContain('请过一个小时再提交');
    expect(wrapper.get('[data-test=topic-title] input').element.value).toBe('村口小广场加装路灯');

    limited = false;
    await wrapper.get('[data-test=topic-name] input').setValue('张伯');
    await wrapper.get('[data-test=topic-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test=topic-done]').text()).toContain('议题已收到');
    expect(wrapper.get('[data-test=topic-number]').text()).toContain('41');
    const posts = calls.filter((c) => c.key.startsWith('POST'));
    expect(posts.at(-1).body).toEqual({ title: '村口小广场加装路灯', description: '晚上跳舞的老人多，太暗了', name: '张伯' });
    await wrapper.get('[data-test=topic-again]').trigger('click');
    expect(wrapper.get('[data-test=topic-title] input').element.value).toBe('');
    wrapper.unmount();
  });

  it('puts a refusal of one field next to that field', async () => {
    serve({
      [`GET /api/v1/public/villages/${kVillage}/board`]: [200, { ...sampleBoard(), grids: [] }],
      [`POST /api/v1/public/villages/${kVillage}/topics`]: [422, { status: 422, code: 'autonomy.field.too_long', title: 'name 不能超过 20 个字', field: 'name' }],
    });
    const wrapper = await mountBoard();
    await wrapper.get('[data-test=topic-title] input').setValue('议题');
    await wrapper.get('[data-test=topic-description] textarea').setValue('说明');
    await wrapper.get('[data-test=topic-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test=topic-name]').text()).toContain('不能超过 20 个字');
    expect(wrapper.find('[data-test=topic-error]').exists()).toBe(false);
    wrapper.unmount();
  });
});
