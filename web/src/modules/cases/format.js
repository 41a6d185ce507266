// Display helpers of the case pages: status colours, due states, category groups, deadlines,
// what a timeline event carried, the parameters each workflow action asks for, calendar months.
// Pure functions: the pages translate the keys they return.

/** Case statuses in workflow order (the server's codes; names come from the locale files). */
export const kCaseStatuses = [
  'reported',
  'filed',
  'dispatched',
  'accepted',
  'handling',
  'resolved',
  'verified',
  'closed',
  'rejected',
  'suspended',
];

const kStatusTagTypes = {
  reported: 'warning', // waiting at the centre
  filed: 'warning',
  dispatched: 'primary', // with a department
  accepted: 'primary',
  handling: 'primary',
  resolved: 'success', // done, waiting to be checked and closed
  verified: 'success',
  closed: 'info',
  rejected: 'info',
  suspended: 'danger',
};

/** The el-tag type of a status. */
export function statusTagType(status) {
  return kStatusTagTypes[status] ?? 'info';
}

/** Open = not closed and not rejected (the server's `status=open`). */
export function isOpenStatus(status) {
  return status !== 'closed' && status !== 'rejected';
}

export const kSoonMs = 60 * 60 * 1000;

/**
 * How urgent the current stage's deadline is: 'none' (no deadline), 'overdue' (the server says so,
 * or it has passed while the case is open), 'soon' (within an hour) or 'ok'.
 */
export function dueState(c, nowMs = Date.now()) {
  if (!c?.stage_due_at) return 'none';
  if (c.overdue) return 'overdue';
  const due = new Date(c.stage_due_at).getTime();
  if (Number.isNaN(due)) return 'none';
  if (c.status === 'suspended' || !isOpenStatus(c.status)) return 'ok';
  if (due < nowMs) return 'overdue';
  if (due - nowMs <= kSoonMs) return 'soon';
  return 'ok';
}

/** The first `max` characters (by code point) and an ellipsis when longer. */
export function truncate(text, max = 40) {
  const chars = [...String(text ?? '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** The case list filters as the API names them (empty ones left out). */
export function caseQuery(filters) {
  const query = {};
  if (filters.status) query.status = filters.status;
  if (filters.category) query.category = filters.category;
  if (filters.org) query.org = filters.org;
  if (filters.department) query.department = filters.department;
  if (filters.channel) query.channel = filters.channel;
  if (filters.overdue) query.overdue = 1;
  return query;
}

/** Filters back from a route query (?status=open&overdue=1). */
export function filtersFromQuery(query) {
  const text = (v) => (Array.isArray(v) ? String(v[0] ?? '') : String(v ?? ''));
  return {
    status: text(query.status),
    category: text(query.category),
    org: text(query.org),
    department: text(query.department),
    channel: text(query.channel),
    overdue: text(query.overdue) === '1' || text(query.overdue) === 'true',
  };
}

/**
 * Categories grouped for a select: events before components, then by major code.
 * → [{key: 'event-01', kind, major_code, major_name, items: [category]}]
 */
export function groupCategories(categories) {
  const kindOrder = { event: 0, component: 1 };
  const groups = new Map();
  for (const c of categories ?? []) {
    const key = `${c.kind}-${c.major_code}`;
    if (!groups.has(key)) groups.set(key, { key, kind: c.kind, major_code: c.major_code, major_name: c.major_name, items: [] });
    groups.get(key).items.push(c);
  }
  const out = [...groups.values()];
  out.sort(
    (a, b) =>
      (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || String(a.major_code).localeCompare(String(b.major_code)),
  );
  for (const g of out) g.items.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

/** code → category, to name the category of each case in a list. */
export function categoryIndex(categories) {
  return new Map((categories ?? []).map((c) => [c.code, c]));
}

export const kStages = ['dispatch', 'handling', 'verification_urban', 'verification_rural'];
export const kUrgencies = ['normal', 'urgent'];
export const kDeadlineUnits = ['minutes', 'working_minutes', 'working_days'];
export const kRoutings = ['locality_first', 'owner_first'];
export const kDepartmentCategories = [
  'urban_management',
  'civil_affairs',
  'emergency',
  'health',
  'public_security',
  'market_regulation',
  'human_resources',
  'disabled_persons',
  'housing',
  'ecology',
  'governance_center',
  'other',
];
export const kRequestTypes = ['consult', 'help', 'complaint', 'report', 'suggestion'];
/** Where cases come from (the list's channel filter). */
export const kChannels = ['hotline', 'resident', 'grid_worker', 'api', 'open311'];

/** The deadline of a category for a stage and urgency, or null. */
export function deadlineOf(category, stage, urgency) {
  return (category?.deadlines ?? []).find((d) => d.stage === stage && d.urgency === urgency) ?? null;
}

/** Deadlines in a fixed order (stage, then normal before urgent) for tables and the edit form. */
export function sortDeadlines(deadlines) {
  const rank = (d) => kStages.indexOf(d.stage) * 10 + kUrgencies.indexOf(d.urgency);
  return [...(deadlines ?? [])].sort((a, b) => rank(a) - rank(b));
}

/** Problems of an edited deadline list, as locale keys (empty when it can be saved). */
export function deadlineErrors(rows) {
  const errors = [];
  const seen = new Set();
  for (const row of rows) {
    const max = row.unit === 'working_days' ? 250 : 27000;
    if (!kStages.includes(row.stage) || !kUrgencies.includes(row.urgency) || !kDeadlineUnits.includes(row.unit)) {
      errors.push('cases.categories.errors.incomplete');
    } else if (!Number.isInteger(row.amount) || row.amount <= 0 || row.amount > max) {
      errors.push('cases.categories.errors.amount');
    }
    const key = `${row.stage}/${row.urgency}`;
    if (seen.has(key)) errors.push('cases.categories.errors.duplicate');
    seen.add(key);
  }
  return [...new Set(errors)];
}

/** What a timeline event's `data` says, as [locale key, params] pairs. */
export function eventDetails(event) {
  const data = event?.data && typeof event.data === 'object' ? event.data : {};
  const out = [];
  if (data.department_name || data.department_code) {
    const keys = { return: 'cases.timeline.returnedFrom', escalate: 'cases.timeline.summoned' };
    out.push([keys[event.action] ?? 'cases.timeline.department', { name: data.department_name || data.department_code }]);
  }
  if (typeof data.days === 'number') out.push(['cases.timeline.days', { n: data.days }]);
  if (data.to) out.push(['cases.timeline.escalatedTo', { to: data.to }]);
  if (typeof data.resolved === 'boolean') out.push([data.resolved ? 'cases.timeline.resolvedYes' : 'cases.timeline.resolvedNo', {}]);
  if (data.satisfaction) out.push(['cases.timeline.satisfaction', { value: data.satisfaction }]);
  if (data.duplicate_of) out.push(['cases.timeline.duplicateOf', { id: data.duplicate_of }]);
  if (typeof data.paused_working_minutes === 'number') {
    out.push(['cases.timeline.paused', { n: data.paused_working_minutes }]);
  }
  if (data.channel) out.push(['cases.timeline.channel', { channel: data.channel }]);
  if (data.likely_duplicate_of) out.push(['cases.timeline.likelyDuplicateOf', { id: data.likely_duplicate_of }]);
  return out;
}

/** The handling department of a case as the timeline names it (last dispatch), or ''. */
export function departmentNameFromTimeline(timeline, code) {
  if (!code) return '';
  for (const e of [...(timeline ?? [])].reverse()) {
    // A summoned department (吹哨) is named by its escalate event, like a dispatch.
    if ((e.action === 'dispatch' || e.action === 'escalate') && e.data?.department_code === code) {
      return e.data.department_name ?? '';
    }
  }
  return '';
}

/**
 * The parameters an action asks for besides the note. Escalation (吹哨报到) names the summoned
 * department like a dispatch does.
 */
export function actionFields(action) {
  return {
    department: action === 'dispatch' || action === 'escalate',
    days: action === 'request_extension',
    followUp: action === 'follow_up',
    duplicate: action === 'merge',
  };
}

/** The POST body of an action from its dialog's form. */
export function actionBody(action, version, form) {
  const body = { version };
  const note = String(form.note ?? '').trim();
  if (note) body.note = note;
  const fields = actionFields(action);
  if (fields.department) body.department_code = String(form.department_code ?? '').trim();
  if (fields.days) body.days = form.days;
  if (fields.followUp) {
    body.resolved = form.resolved;
    body.satisfaction = form.satisfaction;
  }
  if (fields.duplicate) body.duplicate_of = form.duplicate_of;
  return body;
}

/** Problems of an action form before it is sent, as locale keys. */
export function actionFormErrors(action, noteRequired, form) {
  const errors = [];
  if (noteRequired && !String(form.note ?? '').trim()) errors.push('cases.action.errors.note');
  const fields = actionFields(action);
  if (fields.department && !String(form.department_code ?? '').trim()) {
    errors.push(action === 'escalate' ? 'cases.action.errors.summon' : 'cases.action.errors.department');
  }
  if (fields.days && !(Number.isInteger(form.days) && form.days >= 1 && form.days <= 60)) errors.push('cases.action.errors.days');
  if (fields.followUp && (typeof form.resolved !== 'boolean' || !form.satisfaction)) {
    errors.push('cases.action.errors.followUp');
  }
  if (fields.duplicate && !(Number.isInteger(form.duplicate_of) && form.duplicate_of > 0)) {
    errors.push('cases.action.errors.duplicate');
  }
  return errors;
}

/** 0 = Sunday ... 6 = Saturday, of a calendar date "2026-10-01" (no time zone involved). */
export function weekdayOf(date) {
  const [y, m, d] = String(date).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The calendar's special days by month: [{month: 1..12, days: [{date, kind, name, weekday}]}]. */
export function calendarMonths(days) {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, days: [] }));
  for (const day of days ?? []) {
    const month = Number(String(day.date).slice(5, 7));
    if (month >= 1 && month <= 12) months[month - 1].days.push({ ...day, weekday: weekdayOf(day.date) });
  }
  for (const m of months) m.days.sort((a, b) => a.date.localeCompare(b.date));
  return months;
}

/** Holidays and make-up workdays of a year, counted. */
export function calendarCounts(days) {
  let holidays = 0;
  let workdays = 0;
  for (const d of days ?? []) {
    if (d.kind === 'holiday') holidays += 1;
    else if (d.kind === 'workday') workdays += 1;
  }
  return { holidays, workdays };
}

/**
 * Dispatch targets from GET /api/v1/case-departments grouped by their parent, the township's
 * first (nearest to the case), then the county's: [{code, items}].
 */
export function groupDepartments(items) {
  const groups = new Map();
  for (const d of items ?? []) {
    if (!groups.has(d.parent_code)) groups.set(d.parent_code, { code: d.parent_code, items: [] });
    groups.get(d.parent_code).items.push(d);
  }
  return [...groups.values()].sort((a, b) => b.code.length - a.code.length);
}
