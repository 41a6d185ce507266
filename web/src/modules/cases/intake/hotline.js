// The 12345 hotline desk's rules as the console shows them (docs/api-cases.md, STANDARDS.md
// "Case workflow"): ticket classes with their dispatch and feedback limits, the default class,
// the ticket body from the desk's form, and which tickets were taken today (Asia/Shanghai).
// Pure functions: the server sets the real due times; these only explain them to the operator.
import { formatDate } from '../../../core/time.js';

export const kHotlineClasses = ['emergency', 'utility', 'general', 'complex'];

// Natural time, around the clock [std: Beijing DB11/T 2021-2022].
const kHour = 60;
const kDay = 24 * kHour;
const kLimits = {
  emergency: { dispatch: 1 * kHour, feedback: 2 * kHour },
  utility: { dispatch: 2 * kHour, feedback: 24 * kHour },
  general: { dispatch: 24 * kHour, feedback: 7 * kDay },
  complex: { dispatch: 24 * kHour, feedback: 15 * kDay },
};

/** {dispatch, feedback} in minutes for a class, or null for an unknown one. */
export function hotlineLimits(cls) {
  return kLimits[cls] ?? null;
}

/** The class the server picks when none is chosen: urgent calls are emergencies. */
export function defaultHotlineClass(urgency) {
  return urgency === 'urgent' ? 'emergency' : 'general';
}

/**
 * A limit in minutes as [locale key, params] in whole hours or days:
 * 60 → ['cases.hotline.hours', {n: 1}], 10080 → ['cases.hotline.days', {n: 7}].
 */
export function limitWords(minutes) {
  if (minutes % kDay === 0 && minutes >= 2 * kDay) return ['cases.hotline.days', { n: minutes / kDay }];
  return ['cases.hotline.hours', { n: Math.round(minutes / kHour) }];
}

/** The due times a class would give a ticket received at `nowMs` (ms since the epoch). */
export function expectedDueTimes(cls, nowMs) {
  const limits = hotlineLimits(cls);
  if (!limits) return null;
  return {
    stage_due_at: new Date(nowMs + limits.dispatch * 60000).toISOString(),
    feedback_due_at: new Date(nowMs + limits.feedback * 60000).toISOString(),
  };
}

/** An empty desk form (one call). */
export function emptyTicketForm() {
  return {
    reporter_name: '',
    reporter_phone: '',
    request_type: '',
    category_code: '',
    description: '',
    org_code: '',
    address: '',
    urgency: 'normal',
    hotline_class: 'general',
    answer_now: false, // 当场答复办结 (enquiries only)
    answer: '',
  };
}

/** Problems of the desk form before it is sent, as locale keys (empty when it can be sent). */
export function ticketFormErrors(form) {
  const errors = [];
  if (!form.request_type) errors.push('cases.hotline.errors.requestType');
  if (!form.category_code) errors.push('cases.hotline.errors.category');
  if (!String(form.description ?? '').trim()) errors.push('cases.hotline.errors.description');
  if (!form.org_code) errors.push('cases.hotline.errors.location');
  if (answersNow(form) && !String(form.answer ?? '').trim()) errors.push('cases.hotline.errors.answer');
  return errors;
}

/** True when the desk closes the ticket during the call (an enquiry answered on the spot). */
export function answersNow(form) {
  return form.request_type === 'consult' && Boolean(form.answer_now);
}

/** The POST /api/v1/hotline/tickets body: trimmed, empty fields left out, the answer only when answered now. */
export function ticketBody(form) {
  const body = {};
  for (const key of ['reporter_name', 'reporter_phone', 'request_type', 'category_code', 'description', 'org_code', 'address']) {
    const text = String(form[key] ?? '').trim();
    if (text) body[key] = text;
  }
  body.urgency = form.urgency === 'urgent' ? 'urgent' : 'normal';
  if (form.hotline_class) body.hotline_class = form.hotline_class;
  if (answersNow(form)) body.answer = String(form.answer ?? '').trim();
  return body;
}

/** Tickets received on the same Asia/Shanghai day as `nowMs`, the latest call first. */
export function ticketsOfToday(items, nowMs = Date.now()) {
  const today = formatDate(new Date(nowMs));
  return (items ?? [])
    .filter((c) => formatDate(c.created_at) === today)
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
}

/** The caller must hear back by now: the feedback deadline has passed. */
export function feedbackLate(c, nowMs = Date.now()) {
  if (!c?.feedback_due_at) return false;
  const due = new Date(c.feedback_due_at).getTime();
  return !Number.isNaN(due) && due < nowMs;
}
