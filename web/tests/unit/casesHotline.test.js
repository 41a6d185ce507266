import { describe, expect, it } from 'vitest';
import { visibleMenu } from '../../src/core/menu.js';
import {
  answersNow,
  defaultHotlineClass,
  emptyTicketForm,
  expectedDueTimes,
  feedbackLate,
  hotlineLimits,
  kHotlineClasses,
  limitWords,
  ticketBody,
  ticketFormErrors,
  ticketsOfToday,
} from '../../src/modules/cases/intake/hotline.js';

const paths = (menu) => menu.flatMap((item) => (item.children ? paths(item.children) : [item.path]));

describe('hotline classes [DB11/T 2021-2022]', () => {
  it('dispatch ≤1 h / ≤2 h / ≤24 h, feedback ≤2 h / ≤24 h / 7 days / 15 days', () => {
    expect(kHotlineClasses.map((c) => hotlineLimits(c))).toEqual([
      { dispatch: 60, feedback: 120 },
      { dispatch: 120, feedback: 1440 },
      { dispatch: 1440, feedback: 7 * 1440 },
      { dispatch: 1440, feedback: 15 * 1440 },
    ]);
    expect(hotlineLimits('vip')).toBeNull();
  });

  it('says the limits in hours up to a day, then in days', () => {
    expect(limitWords(60)).toEqual(['cases.hotline.hours', { n: 1 }]);
    expect(limitWords(1440)).toEqual(['cases.hotline.hours', { n: 24 }]);
    expect(limitWords(7 * 1440)).toEqual(['cases.hotline.days', { n: 7 }]);
    expect(limitWords(15 * 1440)).toEqual(['cases.hotline.days', { n: 15 }]);
  });

  it('defaults like the server: urgent calls are emergencies', () => {
    expect(defaultHotlineClass('urgent')).toBe('emergency');
    expect(defaultHotlineClass('normal')).toBe('general');
  });

  it('previews the due times in natural time, across midnight and holidays alike', () => {
    const received = Date.parse('2026-10-01T14:30:00Z'); // 22:30 in Shanghai on a holiday
    expect(expectedDueTimes('utility', received)).toEqual({
      stage_due_at: '2026-10-01T16:30:00.000Z',
      feedback_due_at: '2026-10-02T14:30:00.000Z',
    });
    expect(expectedDueTimes('nope', received)).toBeNull();
  });
});

describe('the desk form', () => {
  const filled = {
    ...emptyTicketForm(),
    reporter_name: ' 刘女士 ',
    reporter_phone: '13900001111',
    request_type: 'help',
    category_code: 'E0402',
    description: ' 小区停水一天 ',
    org_code: '330681109',
    hotline_class: 'utility',
  };

  it('asks for the request type, category, description and place', () => {
    expect(ticketFormErrors(emptyTicketForm())).toEqual([
      'cases.hotline.errors.requestType',
      'cases.hotline.errors.category',
      'cases.hotline.errors.description',
      'cases.hotline.errors.location',
    ]);
    expect(ticketFormErrors(filled)).toEqual([]);
    expect(ticketFormErrors({ ...filled, description: '   ' })).toEqual(['cases.hotline.errors.description']);
  });

  it('sends trimmed fields and leaves empty ones out', () => {
    expect(ticketBody(filled)).toEqual({
      reporter_name: '刘女士',
      reporter_phone: '13900001111',
      request_type: 'help',
      category_code: 'E0402',
      description: '小区停水一天',
      org_code: '330681109',
      urgency: 'normal',
      hotline_class: 'utility',
    });
  });

  it('answers only enquiries on the spot, and then needs the answer', () => {
    const consult = { ...filled, request_type: 'consult', answer_now: true, answer: '' };
    expect(answersNow(consult)).toBe(true);
    expect(ticketFormErrors(consult)).toEqual(['cases.hotline.errors.answer']);
    expect(ticketBody({ ...consult, answer: ' 每周六集中收运 ' }).answer).toBe('每周六集中收运');
    // A complaint never carries an answer, even if the box was ticked before the type changed.
    const complaint = { ...consult, request_type: 'complaint', answer: '已答复' };
    expect(answersNow(complaint)).toBe(false);
    expect(ticketBody(complaint)).not.toHaveProperty('answer');
    expect(ticketBody({ ...consult, answer_now: false, answer: 'x' })).not.toHaveProperty('answer');
  });
});

describe('the operator lists', () => {
  it('keeps the tickets of the Shanghai day', () => {
    const now = Date.parse('2026-11-20T01:00:00Z'); // 09:00 in Shanghai
    const items = [
      { id: 3, created_at: '2026-11-19T16:30:00Z' }, // 00:30 on the 20th in Shanghai
      { id: 2, created_at: '2026-11-19T15:59:00Z' }, // 23:59 on the 19th
    ];
    expect(ticketsOfToday(items, now).map((c) => c.id)).toEqual([3]);
    // Ids do not follow call times (imported and demo tickets): the latest call comes first.
    const later = { id: 1, created_at: '2026-11-20T00:45:00Z' };
    expect(ticketsOfToday([...items, later], now).map((c) => c.id)).toEqual([1, 3]);
    expect(ticketsOfToday(undefined, now)).toEqual([]);
  });

  it('flags a caller waiting past the feedback deadline', () => {
    const now = Date.parse('2026-11-20T01:00:00Z');
    expect(feedbackLate({ feedback_due_at: '2026-11-20T00:59:00Z' }, now)).toBe(true);
    expect(feedbackLate({ feedback_due_at: '2026-11-20T01:01:00Z' }, now)).toBe(false);
    expect(feedbackLate({ feedback_due_at: null }, now)).toBe(false);
  });

  it('shows the desk in the menu only to those who take calls', () => {
    const canAnyOf = (granted) => (perms) => perms.length === 0 || perms.some((p) => granted.has(p));
    expect(paths(visibleMenu(canAnyOf(new Set(['cases.read', 'cases.hotline', 'cases.follow_up']))))).toContain('/cases/hotline');
    expect(paths(visibleMenu(canAnyOf(new Set(['cases.read', 'cases.report']))))).not.toContain('/cases/hotline');
  });
});
