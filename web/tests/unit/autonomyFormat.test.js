import { describe, expect, it } from 'vitest';
import { decisionSteps, fenToYuan, lastMonths, lineTotals, quarterOf, scheduleCalendar, yuanToFen } from '../../src/modules/autonomy/format.js';

describe('the stepper of 四议两公开', () => {
  it('marks the steps passed, the next one in process, the rest waiting', () => {
    const steps = decisionSteps({ stage: 'party_meeting', status: 'open', stages: [] });
    expect(steps.map((s) => s.status)).toEqual(['finish', 'finish', 'finish', 'process', 'wait', 'wait']);
  });
  it('a stopped decision shows the failed step in error with its meeting', () => {
    const failed = { stage: 'party_meeting', passed: false, outcome: 'quorum_not_met', held_on: '2026-05-01', present: 20, expected: 40 };
    const steps = decisionSteps({ stage: 'joint_meeting', status: 'stopped', stages: [{ stage: 'joint_meeting', passed: true }, failed] });
    expect(steps.map((s) => s.status)).toEqual(['finish', 'finish', 'error', 'wait', 'wait', 'wait']);
    expect(steps[2].meeting).toBe(failed);
  });
  it('every step is finished once the result is disclosed; either assembly resolves', () => {
    expect(decisionSteps({ stage: 'result_disclosed', status: 'done' }).every((s) => s.status === 'finish')).toBe(true);
    const reps = decisionSteps({ stage: 'representatives_assembly', status: 'open', stages: [{ stage: 'representatives_assembly', passed: true }] });
    expect(reps[3].status).toBe('finish');
    expect(reps[3].meeting.stage).toBe('representatives_assembly');
    expect(reps[4].status).toBe('process');
  });
});

describe('money in fen', () => {
  it('reads yuan as typed and writes them back', () => {
    expect(yuanToFen('1234.5')).toBe(123450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('12,000')).toBe(1200000);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-3')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(fenToYuan(123450)).toBe('1234.50');
    expect(fenToYuan(-5)).toBe('-0.05');
  });
  it('sums income and expense lines and names the lines that are not amounts', () => {
    const t = lineTotals([
      { kind: 'income', amount: '1000' },
      { kind: 'expense', amount: '250.5' },
      { kind: 'expense', amount: 'abc' },
      { kind: 'income', amount: '0.1' },
    ]);
    expect(t).toEqual({ income: 100010, expense: 25050, balance: 74960, invalid: [2] });
  });
});

describe('the disclosure calendar', () => {
  it('lists the last months and their quarters', () => {
    expect(lastMonths('2026-02-10', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(quarterOf('2026-05')).toBe('2026-Q2');
  });
  it('places monthly finances in every month and quarterly kinds at the quarter end', () => {
    const schedule = {
      schedule: { finance_months: 1 },
      periods: [
        { kind: 'finance', period: '2025-12', published: true, overdue: false, due_on: '2026-01-15' },
        { kind: 'finance', period: '2026-01', published: false, overdue: true, due_on: '2026-02-13', working_days_late: 4 },
        { kind: 'party', period: '2025-Q4', published: false, overdue: false, due_on: '2026-01-15' },
      ],
    };
    const cal = scheduleCalendar(schedule, '2026-02-20', 3);
    const finance = cal.rows.find((r) => r.kind === 'finance').cells;
    expect(finance.map((c) => c.state)).toEqual(['done', 'overdue', 'open']);
    expect(finance[1].late).toBe(4);
    const party = cal.rows.find((r) => r.kind === 'party').cells;
    expect(party.map((c) => [c.period, c.state])).toEqual([['2025-Q4', 'due'], ['', ''], ['', '']]);
  });
});
