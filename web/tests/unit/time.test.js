import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, shanghaiDayToUtcIso } from '../../src/core/time.js';

describe('times in Asia/Shanghai', () => {
  it('shows UTC instants in Shanghai time (UTC+8)', () => {
    expect(formatDateTime('2026-11-26T05:55:20.123Z')).toBe('2026-11-26 13:55:20');
  });

  it('crosses midnight into the next Shanghai day', () => {
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30:00');
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
  });

  it('leaves empty values empty and unparsable values as they are', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('turns a Shanghai calendar day into UTC bounds', () => {
    expect(shanghaiDayToUtcIso('2026-11-26')).toBe('2026-11-25T16:00:00.000Z');
    expect(shanghaiDayToUtcIso('2026-11-26', { endOfDay: true })).toBe('2026-11-26T16:00:00.000Z');
  });
});
