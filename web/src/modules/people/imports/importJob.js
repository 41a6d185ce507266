// Import jobs: file types, progress and the error table of a dry run.
export const kXlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const kCsvType = 'text/csv';

/** The Content-Type to upload a file as, from its name; null for other files. */
export function importContentType(filename) {
  const name = String(filename ?? '').toLowerCase();
  if (name.endsWith('.xlsx')) return kXlsxType;
  if (name.endsWith('.csv')) return kCsvType;
  return null;
}

/** A job is finished when it is done or failed; queued and running jobs are polled. */
export function isJobFinished(job) {
  return job?.status === 'done' || job?.status === 'failed';
}

/** 0–100 for the progress bar, from `progress` (0..1) when the server gives it, else from rows. */
export function jobPercent(job) {
  if (!job) return 0;
  if (job.status === 'done') return 100;
  if (typeof job.progress === 'number') return Math.min(99, Math.max(0, Math.floor(job.progress * 100)));
  const total = Number(job.total_rows) || 0;
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((100 * (Number(job.processed_rows) || 0)) / total));
}

/** Errors sorted by spreadsheet row, then column. */
export function sortedErrors(errors) {
  return [...(errors ?? [])].sort((a, b) => a.row - b.row || String(a.column ?? '').localeCompare(String(b.column ?? '')));
}

/** How many distinct rows have at least one error. */
export function badRowCount(errors) {
  return new Set((errors ?? []).map((e) => e.row)).size;
}

/** True when the job lists fewer errors than it counted (the server cut the list). */
export function errorsTruncated(job) {
  return Number(job?.error_count ?? 0) > (job?.errors?.length ?? 0);
}

/** The finished dry run may be committed: it validated rows and wrote nothing. */
export function canCommit(job) {
  return job?.mode === 'dry_run' && job.status === 'done' && Number(job.total_rows) > 0;
}

/** What to say when a job ends: 'dryRun' | 'nothingWritten' | 'imported' | 'failed'. */
export function jobOutcome(job) {
  if (!isJobFinished(job)) return '';
  if (job.status === 'failed') return 'failed';
  if (job.mode === 'dry_run') return 'dryRun';
  return Number(job.inserted_rows) > 0 ? 'imported' : 'nothingWritten';
}
