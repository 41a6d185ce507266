// The audit summary arrives as JSON (before/after or details); the table shows it as one line.
export function summaryText(summary) {
  if (summary === null || summary === undefined) return '';
  if (typeof summary === 'string') return summary;
  if (typeof summary === 'object' && Object.keys(summary).length === 0) return '';
  return JSON.stringify(summary);
}
