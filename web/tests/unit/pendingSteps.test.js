import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, pendingStepOf } from '../../src/core/http.js';
import { pendingRedirect, safeRedirect } from '../../src/modules/auth/pendingSteps.js';
import { groupSecret, otpDigits, qrDataUri } from '../../src/modules/auth/totpFormat.js';

const route = (fullPath, extra = {}) => ({ fullPath, name: 'x', meta: {}, query: {}, ...extra });
const passwordPage = (redirect) =>
  route(`/setup/password?redirect=${redirect}`, { name: 'password-change', meta: { pendingStep: 'password_change' }, query: { redirect } });

describe('pending steps: where the guard sends a session', () => {
  it('sends a session with a step to its page, keeping the address it wanted', () => {
    expect(pendingRedirect(route('/audit?x=1'), 'totp_enrol')).toEqual({
      name: 'totp-enrol',
      query: { redirect: '/audit?x=1' },
      replace: true,
    });
    expect(pendingRedirect(route('/home'), 'password_change').name).toBe('password-change');
  });

  it('leaves the step page alone while its step is pending', () => {
    expect(pendingRedirect(passwordPage('/audit'), 'password_change')).toBeNull();
  });

  it('passes the wanted address on from one step to the next, and to it once none is left', () => {
    expect(pendingRedirect(passwordPage('/audit'), 'totp_enrol').query.redirect).toBe('/audit');
    expect(pendingRedirect(passwordPage('/audit'), '')).toEqual({ path: '/audit', replace: true });
    expect(pendingRedirect(passwordPage('//evil.example'), '')).toEqual({ path: '/home', replace: true });
  });

  it('lets a session without a step go anywhere else', () => {
    expect(pendingRedirect(route('/system/users'), '')).toBeNull();
  });

  it('accepts only same-site paths as a redirect', () => {
    expect(safeRedirect('/cases?id=3')).toBe('/cases?id=3');
    for (const bad of ['//x.example/', 'https://x.example/', undefined, ['/a']]) expect(safeRedirect(bad)).toBe('/home');
  });
});

describe('pending steps: the 403 that asks for one', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn()));
  afterEach(() => vi.unstubAllGlobals());

  const refused = (code) =>
    new Response(JSON.stringify({ status: 403, code, title: '请先修改密码' }), {
      status: 403,
      headers: { 'Content-Type': 'application/problem+json' },
    });

  it('names the step of an auth.pending.* answer only', () => {
    expect(pendingStepOf({ status: 403, code: 'auth.pending.totp_enrol' })).toBe('totp_enrol');
    expect(pendingStepOf({ status: 403, code: 'auth.pending.password_change' })).toBe('password_change');
    expect(pendingStepOf({ status: 403, code: 'auth.forbidden' })).toBe('');
    expect(pendingStepOf({ status: 401, code: 'auth.pending.totp_enrol' })).toBe('');
  });

  it('calls the pending handler, even for a silent call, instead of showing the error', async () => {
    const showError = vi.fn();
    const client = createHttpClient({ currentLocale: () => 'zh-CN', t: (k) => k, showError });
    const handler = vi.fn();
    client.onPending(handler);
    fetch.mockResolvedValue(refused('auth.pending.password_change'));
    const error = await client.api.get('/api/v1/users', undefined, { silent: true }).catch((e) => e);
    expect(error.code).toBe('auth.pending.password_change');
    expect(handler).toHaveBeenCalledWith('password_change', error);
    expect(showError).not.toHaveBeenCalled();
  });

  it('shows other 403s as before, and a pending 403 too where no handler is set (the phone app)', async () => {
    const showError = vi.fn();
    const client = createHttpClient({ currentLocale: () => 'zh-CN', t: (k) => k, showError });
    fetch.mockResolvedValue(refused('auth.pending.totp_enrol'));
    await client.api.get('/api/v1/users').catch(() => {});
    expect(showError).toHaveBeenCalledTimes(1);
    client.onPending(vi.fn());
    fetch.mockResolvedValue(refused('auth.forbidden'));
    await client.api.get('/api/v1/users').catch(() => {});
    expect(showError).toHaveBeenCalledTimes(2);
  });
});

describe('enrolment page formats', () => {
  it('makes the QR code an image URI with the markup escaped, not markup for the page', () => {
    const uri = qrDataUri('<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1h1"/></svg>');
    expect(uri.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    expect(uri).not.toContain('<');
    expect(decodeURIComponent(uri.split(',')[1])).toContain('<path d="M1 1h1"/>');
  });

  it('groups the secret by four for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret('')).toBe('');
  });

  it('keeps the digits of a typed or pasted code', () => {
    expect(otpDigits('123 456')).toBe('123456');
    expect(otpDigits('12a3456789')).toBe('123456');
  });
});
