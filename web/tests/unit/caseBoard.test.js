import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { kMenu } from '../../src/core/menu.js';
import { kCasesRoutes } from '../../src/modules/cases/routes.js';
import {
  areaShade,
  barWidth,
  boardTiles,
  categoryOption,
  channelOption,
  childRows,
  formatFigure,
  listLink,
  minutesPast,
  pipelineOption,
  reconnectDelay,
  spanParts,
  statusColour,
  trend,
} from '../../src/modules/cases/board/boardFormat.js';
import { useBoardFeed } from '../../src/modules/cases/board/useBoardFeed.js';

const board = {
  org: { code: '330681109', name: '枫桥镇', level: 'township', parent_code: null },
  generated_at: '2026-06-10T01:15:00.000Z',
  intake_today: {
    total: 5,
    by_channel: [
      { channel: 'grid_worker', count: 1 },
      { channel: 'hotline', count: 0 },
      { channel: 'api', count: 4 },
      { channel: 'open311', count: 0 },
      { channel: 'resident', count: 0 },
    ],
  },
  open: 6,
  pipeline: [
    { status: 'reported', count: 3 },
    { status: 'filed', count: 1 },
    { status: 'dispatched', count: 2 },
    { status: 'suspended', count: 0 },
  ],
  overdue: { count: 2, items: [] },
  due_soon: { count: 3, items: [] },
  top_categories: { items: [{ code: 'E0102', name: '暴露垃圾', reported: 3 }, { code: 'C0101', name: '上水井盖', reported: 1 }] },
  children: [
    { code: '330681109290', name: '枫源村', level: 'village', open: 6, overdue: 2, intake_today: 5, on_time_closure_rate: null },
    { code: '330681109291', name: '栎桥村', level: 'village', open: 0, overdue: 0, intake_today: 0, on_time_closure_rate: 80 },
  ],
  on_time_closure: { this_month: { rate: 93.72 }, last_month: { rate: 75.82 } },
  map: { points: [] },
};

describe('board numbers and where they lead', () => {
  it('links every count to the case list of the area with its filters', () => {
    const tiles = boardTiles(board);
    expect(tiles.map((t) => t.key)).toEqual(['intakeToday', 'open', 'toDispatch', 'dueSoon', 'overdue', 'onTime']);
    const byKey = Object.fromEntries(tiles.map((t) => [t.key, t]));
    expect(byKey.intakeToday.value).toBe(5);
    expect(byKey.intakeToday.link).toEqual({ name: 'cases-list', query: { org: '330681109' } });
    expect(byKey.open.link.query).toEqual({ status: 'open', org: '330681109' });
    expect(byKey.toDispatch.value).toBe(1);
    expect(byKey.toDispatch.link.query).toEqual({ status: 'filed', org: '330681109' });
    expect(byKey.overdue.value).toBe(2);
    expect(byKey.overdue.link.query).toEqual({ overdue: '1', org: '330681109' });
    // Due soon has no list filter: the tile leads to the list further down the board.
    expect(byKey.dueSoon.link).toBeNull();
    expect(byKey.dueSoon.anchor).toBe('soon');
    expect(byKey.onTime).toMatchObject({ value: 93.72, previous: 75.82, percent: true });
    expect(boardTiles(null)).toEqual([]);
    expect(listLink('', { status: '', category: 'E0102' })).toEqual({ name: 'cases-list', query: { category: 'E0102' } });
  });

  it('formats figures, rates and trends', () => {
    expect(formatFigure(62357)).toBe('62,357');
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure(93.72, { percent: true })).toBe('93.7%');
    expect(formatFigure(null, { percent: true })).toBe('—');
    expect(trend(93.72, 75.82)).toBe('up');
    expect(trend(50, 75)).toBe('down');
    expect(trend(50, 50)).toBe('same');
    expect(trend(50, null)).toBe('');
  });

  it('says how late a case is', () => {
    const now = Date.parse('2026-06-10T01:31:00Z');
    expect(minutesPast('2026-06-10T01:30:00.000Z', now)).toBe(1);
    expect(minutesPast('2026-06-10T02:30:00.000Z', now)).toBe(-59);
    expect(spanParts(3 * 1440 + 125)).toEqual(['caseBoard.span.daysHours', { d: 3, h: 2 }]);
    expect(spanParts(125)).toEqual(['caseBoard.span.hoursMinutes', { h: 2, m: 5 }]);
    expect(spanParts(-59)).toEqual(['caseBoard.span.minutes', { m: 59 }]);
  });

  it('builds the charts from the snapshot', () => {
    const channels = channelOption(board, (c) => `ch:${c}`, '今日受理');
    expect(channels.series[0].data.map((d) => [d.channel, d.value])).toEqual([
      ['grid_worker', 1],
      ['hotline', 0],
      ['api', 4],
      ['open311', 0],
      ['resident', 0],
    ]);
    expect(channels.title.text).toBe('5');
    const pipeline = pipelineOption(board, (s) => `st:${s}`);
    expect(pipeline.xAxis.data).toEqual(['st:reported', 'st:filed', 'st:dispatched', 'st:suspended']);
    expect(pipeline.series[0].data[0]).toMatchObject({ value: 3, status: 'reported' });
    // Horizontal bars draw bottom-up: the most reported category ends on top.
    const categories = categoryOption(board);
    expect(categories.yAxis.data).toEqual(['上水井盖', '暴露垃圾']);
    expect(categories.series[0].data[1]).toEqual({ value: 3, code: 'E0102' });
  });

  it('sizes the children bars and shades the map by open cases', () => {
    const { rows, maxOpen, maxOverdue } = childRows(board);
    expect(rows).toHaveLength(2);
    expect([maxOpen, maxOverdue]).toEqual([6, 2]);
    expect(barWidth(6, 6)).toBe(100);
    expect(barWidth(1, 1000)).toBe(2);
    expect(barWidth(0, 6)).toBe(0);
    expect(areaShade(6, 6).fillOpacity).toBeCloseTo(0.65);
    expect(areaShade(0, 6).fillColor).toBe('#dfe8f3');
    expect(statusColour('handling', true)).toBe('#d93026');
    expect(statusColour('reported')).not.toBe(statusColour('resolved'));
  });

  it('backs off when reconnecting, up to 30 seconds', () => {
    expect([0, 1, 2, 3, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 30000]);
  });

  it('is a console page next to the case list, for whoever reads cases', () => {
    const route = kCasesRoutes.find((r) => r.name === 'cases-board');
    expect(route.path).toBe('cases/board');
    expect(route.meta.permissions).toEqual(['cases.read']);
    const cases = kMenu.find((m) => m.titleKey === 'menu.cases').children.map((c) => c.path);
    expect(cases.indexOf('/cases/board')).toBe(0); // it opens the group, before the work pages and the list
    expect(cases).toContain('/cases');
  });
});

// A stand-in for the browser's EventSource: the test plays the server.
class FakeSource {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.listeners = {};
    this.closed = false;
    FakeSource.instances.push(this);
  }
  addEventListener(name, fn) {
    (this.listeners[name] ??= []).push(fn);
  }
  close() {
    this.closed = true;
  }
  emit(name, data) {
    for (const fn of this.listeners[name] ?? []) fn({ data: JSON.stringify(data) });
  }
  fail() {
    this.onerror?.();
  }
}

describe('the live feed', () => {
  beforeEach(() => {
    FakeSource.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('shows each board the server sends and reconnects with a growing delay', async () => {
    const fetchSnapshot = vi.fn().mockRejectedValue({ status: 503 });
    const org = ref('330681109');
    const feed = useBoardFeed(org, { EventSourceImpl: FakeSource, fetchSnapshot });
    expect(FakeSource.instances).toHaveLength(1);
    expect(FakeSource.instances[0].url).toBe('/api/v1/case-board/stream?org=330681109');
    expect(feed.state.value).toBe('connecting');
    FakeSource.instances[0].emit('board', board);
    expect(feed.board.value.open).toBe(6);
    expect(feed.state.value).toBe('live');
    FakeSource.instances[0].emit('unchanged', { generated_at: '2026-06-10T01:16:00.000Z' });
    expect(feed.checkedAt.value).toBe('2026-06-10T01:16:00.000Z');

    // The connection drops: closed at once, a snapshot is asked for, then reopened after 1 s,
    // then 2 s while it keeps failing.
    FakeSource.instances[0].fail();
    expect(FakeSource.instances[0].closed).toBe(true);
    expect(feed.state.value).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.instances).toHaveLength(2);
    FakeSource.instances[1].fail();
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeSource.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSource.instances).toHaveLength(3);
    FakeSource.instances[2].emit('board', { ...board, open: 7 });
    expect(feed.board.value.open).toBe(7);
    expect(feed.board.value.org.code).toBe('330681109');
    expect(feed.state.value).toBe('live');
    expect(fetchSnapshot).toHaveBeenCalledTimes(2);

    // Drilling down: the old source closes, the old numbers go, a new stream opens.
    org.value = '330681109290';
    await nextTick();
    expect(FakeSource.instances[2].closed).toBe(true);
    expect(feed.board.value).toBeNull();
    expect(FakeSource.instances[3].url).toBe('/api/v1/case-board/stream?org=330681109290');
    FakeSource.instances[2].emit('board', board); // late event of the old source: ignored
    expect(feed.board.value).toBeNull();
    feed.stop();
  });

  it('stops trying when the area is not the user’s', async () => {
    const fetchSnapshot = vi.fn().mockRejectedValue({ status: 404, code: 'org.not_found' });
    const feed = useBoardFeed(ref('330681001'), { EventSourceImpl: FakeSource, fetchSnapshot });
    FakeSource.instances[0].fail();
    await vi.advanceTimersByTimeAsync(60000);
    expect(FakeSource.instances).toHaveLength(1);
    expect(feed.state.value).toBe('stopped');
    expect(feed.error.value.code).toBe('org.not_found');
  });

  it('falls back to plain requests without EventSource', async () => {
    const fetchSnapshot = vi.fn().mockResolvedValue(board);
    const feed = useBoardFeed(ref(''), { EventSourceImpl: null, fetchSnapshot });
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.board.value.open).toBe(6);
    await vi.advanceTimersByTimeAsync(30000);
    expect(fetchSnapshot).toHaveBeenCalledTimes(2);
    feed.stop();
  });
});
