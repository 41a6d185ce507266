import { describe, expect, it } from 'vitest';
import {
  badRowCount,
  canCommit,
  errorsTruncated,
  importContentType,
  isJobFinished,
  jobOutcome,
  jobPercent,
  kCsvType,
  kXlsxType,
  sortedErrors,
} from '../../src/modules/people/imports/importJob.js';

describe('import jobs', () => {
  it('uploads xlsx and csv with their content types, nothing else', () => {
    expect(importContentType('居民.XLSX')).toBe(kXlsxType);
    expect(importContentType('residents.csv')).toBe(kCsvType);
    expect(importContentType('residents.xls')).toBeNull();
    expect(importContentType(undefined)).toBeNull();
  });

  it('shows progress from processed rows, 100 only when done', () => {
    expect(jobPercent(null)).toBe(0);
    expect(jobPercent({ status: 'queued', total_rows: 0, processed_rows: 0 })).toBe(0);
    expect(jobPercent({ status: 'running', total_rows: 300, processed_rows: 150 })).toBe(50);
    expect(jobPercent({ status: 'running', total_rows: 300, processed_rows: 300 })).toBe(99);
    expect(jobPercent({ status: 'done', total_rows: 300, processed_rows: 300 })).toBe(100);
    expect(jobPercent({ status: 'running', progress: 0.425, total_rows: 300, processed_rows: 0 })).toBe(42);
    expect(jobPercent({ status: 'running', progress: 1 })).toBe(99);
    expect(isJobFinished({ status: 'running' })).toBe(false);
    expect(isJobFinished({ status: 'failed' })).toBe(true);
  });

  it('lists errors by row then column and counts bad rows', () => {
    const errors = [
      { row: 9, column: '证件号码', code: 'people.id_number.check_digit' },
      { row: 3, column: '联系电话', code: 'people.phone.format' },
      { row: 3, column: '出生日期', code: 'people.id_number.birth_date_mismatch' },
    ];
    expect(sortedErrors(errors).map((e) => `${e.row}${e.column}`)).toEqual(['3出生日期', '3联系电话', '9证件号码']);
    expect(badRowCount(errors)).toBe(2);
    expect(errorsTruncated({ error_count: 3, errors })).toBe(false);
    expect(errorsTruncated({ error_count: 500, errors })).toBe(true);
  });

  it('offers commit after a finished dry run only and says what happened', () => {
    const dry = { mode: 'dry_run', status: 'done', total_rows: 300, inserted_rows: 0 };
    expect(canCommit(dry)).toBe(true);
    expect(canCommit({ ...dry, status: 'running' })).toBe(false);
    expect(canCommit({ ...dry, mode: 'valid_only' })).toBe(false);
    expect(jobOutcome(dry)).toBe('dryRun');
    expect(jobOutcome({ ...dry, mode: 'all_or_nothing' })).toBe('nothingWritten');
    expect(jobOutcome({ ...dry, mode: 'valid_only', inserted_rows: 293 })).toBe('imported');
    expect(jobOutcome({ ...dry, status: 'failed' })).toBe('failed');
    expect(jobOutcome({ ...dry, status: 'running' })).toBe('');
  });
});
