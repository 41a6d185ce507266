// Calls of the session's own second factor (docs/api.md, "Auth, users, roles").
import { api } from '../../core/api.js';

/** A new secret for this session's user: {secret, uri, qr_svg}. */
export const beginTotp = () => api.post('/api/v1/auth/totp', {}, { silent: true });
/** Confirms the secret with a code from the phone: {recovery_codes: [...]}. */
export const confirmTotp = (code) => api.post('/api/v1/auth/totp/confirm', { code }, { silent: true });
