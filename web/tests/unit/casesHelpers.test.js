import { describe, expect, it } from 'vitest';
import {
  actionBody,
  actionFormErrors,
  calendarCounts,
  calendarMonths,
  caseQuery,
  deadlineErrors,
  deadlineOf,
  departmentNameFromTimeline,
  groupDepartments,
  dueState,
  eventDetails,
  filtersFromQuery,
  groupCategories,
  isOpenStatus,
  kCaseStatuses,
  sortDeadlines,
  statusTagType,
  truncate,
  weekdayOf,
} from '../../src/modules/cases/format.js';

const now = Date.parse('2026-11-26T06:00:00Z'); // 14:00 in Shanghai

describe('case status display', () => {
  it('colours waiting, working, done and finished states apart', () => {
    expect(statusTagType('reported')).toBe('warning');
    expect(statusTagType('handling')).toBe('primary');
    expect(statusTagType('resolved')).toBe('success');
    expect(statusTagType('closed')).toBe('info');
    expect(statusTagType('suspended')).toBe('danger');
    expect(statusTagType('something-new')).toBe('info');
    for (const s of kCaseStatuses) expect(statusTagType(s)).not.toBe('');
  });

  it('counts everything but closed and rejected as open', () => {
    expect(kCaseStatuses.filter(isOpenStatus)).toHaveLength(8);
    expect(isOpenStatus('closed')).toBe(false);
    expect(isOpenStatus('rejected')).toBe(false);
  });
});

describe('due state of the current stage', () => {
  const c = (due, extra = {}) => ({ status: 'handling', overdue: false, stage_due_at: due, ...extra });
  it('trusts the server flag and judges open cases by the clock', () => {
    expect(dueState(c(null), now)).toBe('none');
    expect(dueState(c('2026-11-26T08:00:00Z', { overdue: true }), now)).toBe('overdue');
    expect(dueState(c('2026-11-26T05:59:00Z'), now)).toBe('overdue');
    expect(dueState(c('2026-11-26T06:30:00Z'), now)).toBe('soon');
    expect(dueState(c('2026-11-26T09:00:00Z'), now)).toBe('ok');
  });

  it('does not call suspended or finished cases overdue on its own', () => {
    expect(dueState(c('2026-11-26T05:00:00Z', { status: 'suspended' }), now)).toBe('ok');
    expect(dueState(c('2026-11-26T05:00:00Z', { status: 'closed' }), now)).toBe('ok');
  });
});

describe('list helpers', () => {
  it('truncates by characters, not bytes', () => {
    expect(truncate('村口垃圾桶满溢', 4)).toBe('村口垃圾…');
    expect(truncate('短', 4)).toBe('短');
    expect(truncate(null)).toBe('');
  });

  it('turns filters into the query and back', () => {
    const q = caseQuery({ status: 'open', category: 'E0102', org: '', department: '', channel: 'hotline', overdue: true });
    expect(q).toEqual({ status: 'open', category: 'E0102', channel: 'hotline', overdue: 1 });
    expect(caseQuery({ status: '', overdue: false })).toEqual({});
    expect(filtersFromQuery({ status: 'open', overdue: '1' })).toEqual({
      status: 'open',
      category: '',
      org: '',
      department: '',
      channel: '',
      overdue: true,
    });
    expect(filtersFromQuery({ channel: 'hotline' }).channel).toBe('hotline');
  });
});

describe('categories', () => {
  const cats = [
    { code: 'C0101', kind: 'component', major_code: '01', major_name: '公用设施', name: '上水井盖', active: true },
    { code: 'E0102', kind: 'event', major_code: '01', major_name: '市容环境', name: '暴露垃圾', active: true },
    { code: 'E0101', kind: 'event', major_code: '01', major_name: '市容环境', name: '私搭乱建', active: true },
    { code: 'E0201', kind: 'event', major_code: '02', major_name: '宣传广告', name: '违章张贴', active: false },
  ];

  it('groups events before components, by major class, codes in order', () => {
    const groups = groupCategories(cats);
    expect(groups.map((g) => g.key)).toEqual(['event-01', 'event-02', 'component-01']);
    expect(groups[0].major_name).toBe('市容环境');
    expect(groups[0].items.map((c) => c.code)).toEqual(['E0101', 'E0102']);
    expect(groupCategories([])).toEqual([]);
  });

  const deadlines = [
    { stage: 'handling', urgency: 'urgent', amount: 60, unit: 'working_minutes' },
    { stage: 'dispatch', urgency: 'normal', amount: 30, unit: 'working_minutes' },
    { stage: 'handling', urgency: 'normal', amount: 1, unit: 'working_days' },
  ];

  it('finds and orders deadlines', () => {
    expect(deadlineOf({ deadlines }, 'handling', 'normal').amount).toBe(1);
    expect(deadlineOf({ deadlines }, 'verification_rural', 'normal')).toBeNull();
    expect(sortDeadlines(deadlines).map((d) => `${d.stage}/${d.urgency}`)).toEqual([
      'dispatch/normal',
      'handling/normal',
      'handling/urgent',
    ]);
  });

  it('checks edited deadlines as the server does', () => {
    expect(deadlineErrors(deadlines)).toEqual([]);
    expect(deadlineErrors([...deadlines, { ...deadlines[0] }])).toEqual(['cases.categories.errors.duplicate']);
    expect(deadlineErrors([{ stage: 'handling', urgency: 'normal', amount: 251, unit: 'working_days' }])).toEqual([
      'cases.categories.errors.amount',
    ]);
    expect(deadlineErrors([{ stage: 'handling', urgency: 'normal', amount: 300, unit: 'working_minutes' }])).toEqual([]);
    expect(deadlineErrors([{ stage: '', urgency: 'normal', amount: 1, unit: 'minutes' }])).toEqual([
      'cases.categories.errors.incomplete',
    ]);
  });
});

describe('timeline events', () => {
  it('says what each step carried', () => {
    expect(eventDetails({ action: 'dispatch', data: { department_code: '330681901', department_name: '城管' } })).toEqual([
      ['cases.timeline.department', { name: '城管' }],
    ]);
    expect(eventDetails({ action: 'return', data: { department_code: '330681901' } })).toEqual([
      ['cases.timeline.returnedFrom', { name: '330681901' }],
    ]);
    expect(eventDetails({ action: 'request_extension', data: { days: 5 } })).toEqual([['cases.timeline.days', { n: 5 }]]);
    expect(eventDetails({ action: 'follow_up', data: { resolved: false, satisfaction: 'not' } })).toEqual([
      ['cases.timeline.resolvedNo', {}],
      ['cases.timeline.satisfaction', { value: 'not' }],
    ]);
    // Escalations before the summons named only a level; now they name the summoned department.
    expect(eventDetails({ action: 'escalate', data: { to: 'county' } })).toEqual([['cases.timeline.escalatedTo', { to: 'county' }]]);
    expect(
      eventDetails({ action: 'escalate', data: { department_code: '330681901', department_name: '城管', from_department_code: '' } }),
    ).toEqual([['cases.timeline.summoned', { name: '城管' }]]);
    expect(eventDetails({ action: 'report', data: { channel: 'hotline', likely_duplicate_of: 12 } })).toEqual([
      ['cases.timeline.channel', { channel: 'hotline' }],
      ['cases.timeline.likelyDuplicateOf', { id: 12 }],
    ]);
    expect(eventDetails({ action: 'accept', data: {} })).toEqual([]);
    expect(eventDetails({ action: 'accept', data: null })).toEqual([]);
  });

  it('names the handling department from the last dispatch', () => {
    const timeline = [
      { action: 'dispatch', data: { department_code: 'A', department_name: '甲' } },
      { action: 'return', data: { department_code: 'A' } },
      { action: 'dispatch', data: { department_code: 'B', department_name: '乙' } },
    ];
    expect(departmentNameFromTimeline(timeline, 'B')).toBe('乙');
    const summoned = [...timeline, { action: 'escalate', data: { department_code: 'D', department_name: '丁' } }];
    expect(departmentNameFromTimeline(summoned, 'D')).toBe('丁');
    expect(departmentNameFromTimeline(timeline, 'C')).toBe('');
    expect(departmentNameFromTimeline(timeline, '')).toBe('');
  });
});

describe('action forms', () => {
  const form = { note: '  已清运  ', department_code: '330681901', days: 5, to: 'county', resolved: true, satisfaction: 'mostly', duplicate_of: 7 };

  it('sends the version, the trimmed note and only the action parameters', () => {
    expect(actionBody('resolve', 3, form)).toEqual({ version: 3, note: '已清运' });
    expect(actionBody('dispatch', 2, { ...form, note: '' })).toEqual({ version: 2, department_code: '330681901' });
    expect(actionBody('request_extension', 4, form)).toEqual({ version: 4, note: '已清运', days: 5 });
    expect(actionBody('escalate', 4, form)).toEqual({ version: 4, note: '已清运', department_code: '330681901' });
    expect(actionBody('follow_up', 9, form)).toMatchObject({ resolved: true, satisfaction: 'mostly' });
    expect(actionBody('merge', 1, form)).toMatchObject({ duplicate_of: 7 });
  });

  it('asks for what is missing before sending', () => {
    const blank = { note: ' ', department_code: '', days: 0, to: '', resolved: null, satisfaction: '', duplicate_of: null };
    expect(actionFormErrors('accept', false, blank)).toEqual([]);
    expect(actionFormErrors('resolve', true, blank)).toEqual(['cases.action.errors.note']);
    expect(actionFormErrors('dispatch', false, blank)).toEqual(['cases.action.errors.department']);
    expect(actionFormErrors('request_extension', true, { ...blank, note: 'x', days: 61 })).toEqual(['cases.action.errors.days']);
    expect(actionFormErrors('follow_up', false, blank)).toEqual(['cases.action.errors.followUp']);
    expect(actionFormErrors('merge', false, blank)).toEqual(['cases.action.errors.duplicate']);
    expect(actionFormErrors('escalate', true, { ...blank, note: 'x' })).toEqual(['cases.action.errors.summon']);
    expect(actionFormErrors('escalate', true, { ...blank, department_code: '330681901' })).toEqual(['cases.action.errors.note']);
  });
});

describe('dispatch departments', () => {
  it('groups by parent, the township before the county', () => {
    const groups = groupDepartments([
      { code: '330681901', name: '城管', parent_code: '330681' },
      { code: '330681109901', name: '枫桥镇综合执法队', parent_code: '330681109' },
      { code: '330681902', name: '民政', parent_code: '330681' },
    ]);
    expect(groups.map((g) => g.code)).toEqual(['330681109', '330681']);
    expect(groups[1].items.map((d) => d.name)).toEqual(['城管', '民政']);
    expect(groupDepartments(undefined)).toEqual([]);
  });
});

describe('work calendar', () => {
  const days = [
    { date: '2026-10-08', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2026-09-20', kind: 'workday', name: '国庆节' },
  ];

  it('knows the weekday of a date without a time zone', () => {
    expect(weekdayOf('2026-10-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-09-20')).toBe(0); // Sunday
  });

  it('groups the days by month in date order and counts them', () => {
    const months = calendarMonths(days);
    expect(months).toHaveLength(12);
    expect(months[9].days.map((d) => d.date)).toEqual(['2026-10-01', '2026-10-08']);
    expect(months[8].days[0]).toMatchObject({ kind: 'workday', weekday: 0 });
    expect(months[0].days).toEqual([]);
    expect(calendarCounts(days)).toEqual({ holidays: 2, workdays: 1 });
  });
});
