import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/modules/audit/auditSummary.js';

describe('summaryText', () => {
  it('shows an object summary as JSON text, never [object Object]', () => {
    expect(summaryText({ after: { name: '枫源村第一网格' } })).toBe('{"after":{"name":"枫源村第一网格"}}');
  });
  it('keeps text and hides empty summaries', () => {
    expect(summaryText('plain')).toBe('plain');
    expect(summaryText({})).toBe('');
    expect(summaryText(null)).toBe('');
  });
});
