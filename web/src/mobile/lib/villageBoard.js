// The public village board (村务公开栏, no account): what the server's board answer becomes on a
// resident's phone. Pure helpers here (tested in tests/unit/mobileVillageBoard.test.js); the
// screen is views/PublicVillageView.vue.
import { api } from '../api.js';
import { formatDate } from '../../core/time.js';

export const boardApi = {
  board: (code) => api.get(`/api/v1/public/villages/${encodeURIComponent(code)}/board`),
  // The board links each grid's card; the path is built here from the grid's code, not followed.
  gridCard: (code) => api.get(`/api/v1/public/grids/${encodeURIComponent(code)}`),
  raiseTopic: (code, body) => api.post(`/api/v1/public/villages/${encodeURIComponent(code)}/topics`, body),
};

/** A village or community code: 12 digits (the server answers 404 for anything else too). */
export function isVillageCode(code) {
  return typeof code === 'string' && /^\d{12}$/.test(code);
}

export const kDisclosureKinds = ['party', 'village', 'finance'];

// 四议两公开 in order: the step a decision's stage has reached (0-based, of 6).
const kStageStep = {
  proposed: 0,
  joint_meeting: 1,
  party_meeting: 2,
  assembly: 3,
  representatives_assembly: 3,
  resolution_disclosed: 4,
  result_disclosed: 5,
};
export const kDecisionSteps = 6;

export function stageStep(stage) {
  return kStageStep[stage] ?? 0;
}

function newestFirst(a, b) {
  const at = String(b.published_at ?? '').localeCompare(String(a.published_at ?? ''));
  return at || (Number(b.id) || 0) - (Number(a.id) || 0);
}

/**
 * The board's disclosures by kind, newest first, and its decisions with their two disclosures
 * (resolution, result). A decision's disclosures are shown with the decision, not again in
 * 村务公开; the resolution is the first of them (the server publishes the result only after it).
 */
export function arrangeBoard(board) {
  const disclosures = [...(board?.disclosures ?? [])].sort(newestFirst);
  const decisionIds = new Set((board?.decisions ?? []).map((d) => d.id));
  const groups = Object.fromEntries(kDisclosureKinds.map((k) => [k, []]));
  const ofDecision = new Map();
  for (const d of disclosures) {
    if (d.decision_id != null && decisionIds.has(d.decision_id)) {
      if (!ofDecision.has(d.decision_id)) ofDecision.set(d.decision_id, []);
      ofDecision.get(d.decision_id).push(d);
    } else if (groups[d.kind]) {
      groups[d.kind].push(d);
    }
  }
  const decisions = (board?.decisions ?? []).map((decision) => {
    const own = [...(ofDecision.get(decision.id) ?? [])].reverse(); // oldest first
    return { ...decision, resolution: own[0] ?? null, result: own[1] ?? null };
  });
  // Newest activity first: the latest of its disclosures, else its id.
  const latest = (d) => String((d.result ?? d.resolution)?.published_at ?? '');
  decisions.sort((a, b) => latest(b).localeCompare(latest(a)) || (Number(b.id) || 0) - (Number(a.id) || 0));
  return { groups, decisions };
}

/** "12500.5" / "12500.50" / 12500.5 → 1250050 (fen, an integer); NaN for anything else. */
export function yuanToFen(value) {
  const text = String(value ?? '').trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return Number.NaN;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** 1250050 → "12,500.50" (yuan with thousands separators, two decimals). */
export function formatFen(fen) {
  if (!Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A finance disclosure as its table: income and expense lines, their totals (the server's when it
 * gives them, else the sums of the lines) and the balance, all formatted in yuan.
 */
export function financeTable(disclosure) {
  const lines = (disclosure?.lines ?? []).map((l) => ({ label: l.label ?? '', kind: l.kind, fen: yuanToFen(l.amount_yuan) }));
  const sum = (kind) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + (Number.isFinite(l.fen) ? l.fen : 0), 0);
  const given = (v) => (v === undefined || v === null ? Number.NaN : yuanToFen(v));
  const incomeFen = Number.isFinite(given(disclosure?.total_income_yuan)) ? given(disclosure.total_income_yuan) : sum('income');
  const expenseFen = Number.isFinite(given(disclosure?.total_expense_yuan)) ? given(disclosure.total_expense_yuan) : sum('expense');
  const rows = (kind) => lines.filter((l) => l.kind === kind).map((l) => ({ label: l.label, amount: formatFen(l.fen) }));
  return {
    income: rows('income'),
    expense: rows('expense'),
    totalIncome: formatFen(incomeFen),
    totalExpense: formatFen(expenseFen),
    balance: formatFen(incomeFen - expenseFen),
    negative: incomeFen - expenseFen < 0,
  };
}

/**
 * A grid worker's phone on the grid card: public by rule (STANDARDS.md, "each grid's name, area,
 * grid worker's name and phone, and a supervision hotline are public"), so a mobile number is
 * dialled too. Anything that is not a phone number is not offered.
 */
export function workerPhone(phone) {
  const text = String(phone ?? '').trim();
  const digits = text.replace(/[\s\-()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return { text, tel: `tel:${digits}` };
  return publicPhone(text);
}

/**
 * A phone number the board may show and dial: a public service number (a landline with its area
 * code, a short service number such as 12345, a 400/800 number). A mobile number is a person's
 * own and is never shown here: null. Answers {text, tel}.
 */
export function publicPhone(phone) {
  const text = String(phone ?? '').trim();
  if (!text) return null;
  const digits = text.replace(/[\s\-()（）]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const landline = /^0\d{9,11}$/.test(digits) && !/^0?1[3-9]\d{9}$/.test(digits);
  const service = /^(1\d{2}|1\d{4}|9\d{4})$/.test(digits); // 110, 12345, 96345
  const hotline = /^[48]00\d{7}$/.test(digits);
  if (!landline && !service && !hotline) return null;
  return { text, tel: `tel:${digits}` };
}

/** "2026-03" → "2026年3月"; "2026-Q1" → "2026年第1季度"; anything else as it is. */
export function periodLabel(period) {
  const text = String(period ?? '');
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return `${m[1]}年第${m[2]}季度`;
  return text;
}

/** The date a disclosure was published, in Shanghai ("2026-03-05"). */
export function publishedOn(disclosure) {
  return formatDate(disclosure?.published_at ?? '');
}

/** The body of POST …/topics: title and description trimmed, the name only when given. */
export function topicBody({ title, description, name }) {
  const body = { title: String(title ?? '').trim(), description: String(description ?? '').trim() };
  const who = String(name ?? '').trim();
  if (who) body.name = who;
  return body;
}

/** Required fields missing, as {field: messageKey}; empty when the topic may be sent. */
export function topicProblems(body) {
  const problems = {};
  if (!body.title) problems.title = 'board.topic.titleRequired';
  if (!body.description) problems.description = 'board.topic.descriptionRequired';
  return problems;
}
