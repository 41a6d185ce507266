// Pure helpers of the command board (案件看板): where each number leads, chart options from a
// snapshot of GET /api/v1/case-board, how late a case is, the map's colours. The page
// translates the keys they return.

/** The case list behind a number: the route location of /cases with its filters. */
export function listLink(org, filters = {}) {
  const query = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') query[key] = String(value);
  }
  if (org) query.org = org;
  return { name: 'cases-list', query };
}

/** The tiles of a board, in order: {key, value, link (or null), tone, previous}. */
export function boardTiles(board) {
  if (!board) return [];
  const org = board.org?.code ?? '';
  const pipeline = new Map((board.pipeline ?? []).map((p) => [p.status, p.count]));
  const rate = board.on_time_closure ?? {};
  return [
    { key: 'intakeToday', value: board.intake_today?.total ?? 0, link: listLink(org), tone: 'primary' },
    { key: 'open', value: board.open ?? 0, link: listLink(org, { status: 'open' }), tone: 'primary' },
    { key: 'toDispatch', value: pipeline.get('filed') ?? 0, link: listLink(org, { status: 'filed' }), tone: 'warning' },
    { key: 'dueSoon', value: board.due_soon?.count ?? 0, link: null, anchor: 'soon', tone: 'warning' },
    { key: 'overdue', value: board.overdue?.count ?? 0, link: listLink(org, { overdue: 1 }), tone: 'danger' },
    {
      key: 'onTime',
      value: rate.this_month?.rate ?? null,
      previous: rate.last_month?.rate ?? null,
      percent: true,
      link: null,
      tone: 'success',
    },
  ];
}

/** The change of a rate against the previous one: 'up', 'down', 'same' or '' (unknown). */
export function trend(value, previous) {
  if (value === null || value === undefined || previous === null || previous === undefined) return '';
  if (value > previous) return 'up';
  if (value < previous) return 'down';
  return 'same';
}

/** A count for a tile: 12345 -> "12,345"; a rate: 93.7 -> "93.7%"; unknown -> "—". */
export function formatFigure(value, { percent = false } = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (percent) return `${Number(value).toFixed(1)}%`;
  return Number(value).toLocaleString('en-US');
}

/** Whole minutes from `due` (ISO) to `now` (ms): positive when late. */
export function minutesPast(due, now = Date.now()) {
  const t = new Date(due).getTime();
  if (Number.isNaN(t)) return 0;
  return Math.floor((now - t) / 60000);
}

/** A span of minutes as [locale key, params]: days and hours, or hours and minutes, or minutes. */
export function spanParts(minutes) {
  const m = Math.max(0, Math.floor(Math.abs(minutes)));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  if (days > 0) return ['caseBoard.span.daysHours', { d: days, h: hours }];
  if (hours > 0) return ['caseBoard.span.hoursMinutes', { h: hours, m: m % 60 }];
  return ['caseBoard.span.minutes', { m }];
}

const kStatusColours = {
  reported: '#e6a23c',
  filed: '#f0b040',
  dispatched: '#409eff',
  accepted: '#3a8ee6',
  handling: '#2b6cb0',
  resolved: '#67c23a',
  verified: '#4caf50',
  suspended: '#909399',
};

/** The colour of a status (pipeline bars and map points); overdue is always red. */
export function statusColour(status, overdue = false) {
  if (overdue) return '#d93026';
  return kStatusColours[status] ?? '#909399';
}

const kChannelColours = {
  grid_worker: '#409eff',
  hotline: '#e6a23c',
  api: '#67c23a',
  open311: '#9b59b6',
  resident: '#f56c6c',
};

/**
 * ECharts option of today's intake by channel (a ring with the total in the middle).
 * `label(channel)` names a channel.
 */
export function channelOption(board, label, totalLabel) {
  const data = (board?.intake_today?.by_channel ?? []).map((c) => ({
    name: label(c.channel),
    value: c.count,
    channel: c.channel,
    itemStyle: { color: kChannelColours[c.channel] ?? '#909399' },
  }));
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: {
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemWidth: 12,
      itemHeight: 12,
      textStyle: { fontSize: 13 },
      // Each channel with its count: readable without hovering.
      formatter: (name) => `${name}  ${data.find((d) => d.name === name)?.value ?? 0}`,
    },
    title: {
      text: String(board?.intake_today?.total ?? 0),
      subtext: totalLabel,
      left: '34%',
      top: '36%',
      textAlign: 'center',
      textStyle: { fontSize: 26, fontWeight: 'bold' },
      subtextStyle: { fontSize: 12 },
    },
    series: [
      {
        type: 'pie',
        radius: ['48%', '74%'],
        center: ['35%', '52%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data,
      },
    ],
  };
}

/** ECharts option of the open cases by status (vertical bars in workflow order). */
export function pipelineOption(board, label) {
  const items = board?.pipeline ?? [];
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 24, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((p) => label(p.status)),
      // Eight three-character stages do not fit side by side in a third of a desk screen.
      axisLabel: { interval: 0, fontSize: 12, rotate: 35 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 34,
        label: { show: true, position: 'top', fontSize: 13, fontWeight: 'bold' },
        data: items.map((p) => ({ value: p.count, status: p.status, itemStyle: { color: statusColour(p.status) } })),
      },
    ],
  };
}

/** ECharts option of this month's top categories (horizontal bars, most at the top). */
export function categoryOption(board) {
  const items = [...(board?.top_categories?.items ?? [])].reverse();
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 44, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: items.map((c) => c.name), axisLabel: { fontSize: 12 } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: '#409eff' },
        label: { show: true, position: 'right', fontSize: 12 },
        data: items.map((c) => ({ value: c.reported, code: c.code })),
      },
    ],
  };
}

/**
 * Children rows for the drill-down table, with the largest open and overdue counts for the
 * inline bars: {rows, maxOpen, maxOverdue}.
 */
export function childRows(board) {
  const rows = board?.children ?? [];
  let maxOpen = 0;
  let maxOverdue = 0;
  for (const r of rows) {
    maxOpen = Math.max(maxOpen, r.open ?? 0);
    maxOverdue = Math.max(maxOverdue, r.overdue ?? 0);
  }
  return { rows, maxOpen, maxOverdue };
}

/** Width of an inline bar in percent (0 when max is 0; at least 2 for a non-zero value). */
export function barWidth(value, max) {
  if (!max || !value) return 0;
  return Math.max(2, Math.round((100 * value) / max));
}

/** Fill colour of a child area on the map by its open cases relative to the busiest one. */
export function areaShade(open, maxOpen) {
  if (!open || !maxOpen) return { fillColor: '#dfe8f3', fillOpacity: 0.35 };
  const t = Math.min(1, open / maxOpen);
  return { fillColor: '#e6730b', fillOpacity: 0.15 + 0.5 * t };
}

/** Delay before reconnect attempt n (0-based): 1 s, 2 s, 4 s … at most 30 s. */
export function reconnectDelay(attempt) {
  return Math.min(30000, 1000 * 2 ** Math.max(0, attempt));
}
