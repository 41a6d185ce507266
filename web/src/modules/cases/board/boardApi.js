// Calls of the command board (docs/api-cases.md, "Command board").
import { api, buildUrl } from '../../../core/api.js';

/** One snapshot of the board of `org` (default: the caller's own). */
export const fetchBoard = (org, options) => api.get('/api/v1/case-board', org ? { org } : undefined, options);

/** The URL of the board's event stream (server-sent events; the session cookie goes along). */
export const boardStreamUrl = (org) => buildUrl('/api/v1/case-board/stream', org ? { org } : undefined);
