// Pure helpers of the autonomy pages: the steps of 四议两公开, money in fen and yuan, the
// disclosure calendar. No UI library here (tests/unit/autonomy*.test.js).

export const kMatters = ['assets', 'land', 'project', 'budget', 'subsidy', 'convention', 'other'];
export const kDecisionStatuses = ['open', 'stopped', 'done'];
export const kDecisionStages = [
  'proposed',
  'joint_meeting',
  'party_meeting',
  'assembly',
  'representatives_assembly',
  'resolution_disclosed',
  'result_disclosed',
];
export const kMeetings = ['joint_meeting', 'party_meeting', 'assembly', 'representatives_assembly'];
export const kDisclosureKinds = ['party', 'village', 'finance'];
export const kDisclosureStatuses = ['draft', 'signed_off', 'refused', 'published'];
export const kParticipantKinds = ['residents', 'representatives', 'units', 'social_organizations'];
export const kTopicStatuses = ['open', 'agreed', 'not_agreed', 'referred'];
export const kOutcomes = ['agreed', 'not_agreed', 'referred'];

// The six steps of 四议两公开 shown by the stepper; the decision's `stage` is the last one passed.
export const kSteps = ['propose', 'discuss', 'review', 'resolve', 'resolution', 'result'];
const kStepOfStage = {
  proposed: 0,
  joint_meeting: 1,
  party_meeting: 2,
  assembly: 3,
  representatives_assembly: 3,
  resolution_disclosed: 4,
  result_disclosed: 5,
};
const kStepOfMeeting = { joint_meeting: 1, party_meeting: 2, assembly: 3, representatives_assembly: 3 };

/**
 * The stepper of a decision: [{key, status: "finish" | "process" | "wait" | "error", stage?}] for
 * the six steps. The step after the last passed one is in process while the decision is open, in
 * error when a meeting stopped it; every step is finished once the result is disclosed.
 */
export function decisionSteps(decision) {
  const passed = kStepOfStage[decision.stage] ?? 0;
  const stages = decision.stages ?? [];
  return kSteps.map((key, index) => {
    const meeting = stages.find((s) => kStepOfMeeting[s.stage] === index && s.passed) ??
      stages.find((s) => kStepOfMeeting[s.stage] === index);
    let status = 'wait';
    if (index <= passed) status = 'finish';
    else if (index === passed + 1) status = decision.status === 'stopped' ? 'error' : decision.status === 'open' ? 'process' : 'wait';
    return { key, status, meeting: meeting ?? null };
  });
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayShanghai(now = Date.now()) {
  return new Date(now + 8 * 3600e3).toISOString().slice(0, 10);
}

/** "1234.5" or "1234.56" (yuan as typed) → 123450 fen; null when it is not an amount. */
export function yuanToFen(text) {
  const s = String(text ?? '').trim().replaceAll(',', '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** 123450 → "1234.50". */
export function fenToYuan(fen) {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * The sums of finance lines typed in yuan: {income, expense, balance} in fen, and `invalid`, the
 * indexes of lines whose amount is not an amount.
 */
export function lineTotals(lines) {
  let income = 0;
  let expense = 0;
  const invalid = [];
  lines.forEach((line, index) => {
    const fen = yuanToFen(line.amount);
    if (fen === null) {
      invalid.push(index);
      return;
    }
    if (line.kind === 'income') income += fen;
    else expense += fen;
  });
  return { income, expense, balance: income - expense, invalid };
}

/** The quarter period of a month: "2026-05" → "2026-Q2". */
export function quarterOf(month) {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The last `count` months up to and including the one of `today` (YYYY-MM-DD), oldest first. */
export function lastMonths(today, count = 12) {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const months = [];
  for (let i = 0; i < count; i++) {
    months.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return months;
}

/**
 * The calendar of a village's schedule: rows of kinds, a cell per month. A cell holds the period
 * that ends in that month (finances monthly or quarterly, party and village affairs quarterly)
 * and its state: "done" (published), "overdue", "due" (ended, not yet published, still within the
 * grace period), "open" (the period of the current month, not ended) or "" (no period ends then).
 */
export function scheduleCalendar(schedule, today, count = 12) {
  const months = lastMonths(today, count);
  const periods = schedule?.periods ?? [];
  const financeMonthly = (schedule?.schedule?.finance_months ?? 1) === 1;
  const rows = kDisclosureKinds.map((kind) => {
    const cells = months.map((month) => {
      const monthly = kind === 'finance' && financeMonthly;
      const quarter = quarterOf(month);
      const quarterEnd = ['03', '06', '09', '12'].includes(month.slice(5, 7));
      if (!monthly && !quarterEnd) return { month, period: '', state: '' };
      const period = monthly ? month : quarter;
      const found = periods.find((p) => p.kind === kind && p.period === period);
      if (!found) return { month, period, state: month === today.slice(0, 7) ? 'open' : '' };
      let state = 'due';
      if (found.published) state = 'done';
      else if (found.overdue) state = 'overdue';
      return { month, period, state, dueOn: found.due_on, late: found.working_days_late ?? 0 };
    });
    return { kind, cells };
  });
  return { months, rows };
}

/** Element Plus tag type of a disclosure status. */
export function disclosureTagType(status) {
  return { draft: 'info', signed_off: 'success', refused: 'danger', published: 'primary' }[status] ?? 'info';
}

/** Element Plus tag type of a decision status. */
export function decisionTagType(status) {
  return { open: 'primary', stopped: 'danger', done: 'success' }[status] ?? 'info';
}

/** A 12-digit code is a village or community. */
export const isVillageCode = (code) => /^\d{12}$/.test(code ?? '');
