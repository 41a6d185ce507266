import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('element-plus', () => ({ ElMessage: vi.fn() }));

const { ElMessage } = await import('element-plus');
const { ApiError, api, buildUrl, onUnauthorized, readCookie } = await import('../../src/core/api.js');

function problemResponse(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

describe('api client', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn());
    ElMessage.mockClear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.cookie = 'jiceng_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('turns problem+json into an ApiError carrying code, title and field, and shows the title', async () => {
    fetch.mockResolvedValue(
      problemResponse(422, {
        status: 422,
        code: 'org.grid.self_intersection',
        title: '网格边界自相交',
        detail: 'ring crosses itself',
        field: 'geometry',
        request_id: 'r-1',
      }),
    );
    const error = await api.post('/api/v1/grids', { name: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('org.grid.self_intersection');
    expect(error.title).toBe('网格边界自相交');
    expect(error.field).toBe('geometry');
    expect(error.requestId).toBe('r-1');
    expect(ElMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '网格边界自相交' }));
  });

  it('does not show a message when the caller asks for silence', async () => {
    fetch.mockResolvedValue(problemResponse(409, { status: 409, code: 'org.grid.version_conflict', title: '版本冲突' }));
    const error = await api.put('/api/v1/grids/1', {}, { silent: true }).catch((e) => e);
    expect(error.code).toBe('org.grid.version_conflict');
    expect(ElMessage).not.toHaveBeenCalled();
  });

  it('sends the CSRF cookie as X-CSRF-Token on writes only, with same-origin credentials', async () => {
    document.cookie = 'jiceng_csrf=abc123';
    fetch.mockResolvedValue(new Response(null, { status: 204 }));
    await api.delete('/api/v1/grids/330681109290001');
    const [, writeInit] = fetch.mock.calls[0];
    expect(writeInit.headers['X-CSRF-Token']).toBe('abc123');
    expect(writeInit.credentials).toBe('same-origin');

    fetch.mockResolvedValue(new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    await api.get('/api/v1/orgs/roots');
    const [, readInit] = fetch.mock.calls[1];
    expect(readInit.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('calls the unauthorized handler on 401 instead of showing a message', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    fetch.mockResolvedValue(problemResponse(401, { status: 401, code: 'auth.required', title: '请先登录' }));
    const error = await api.get('/api/v1/auth/me').catch((e) => e);
    expect(error.code).toBe('auth.required');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(ElMessage).not.toHaveBeenCalled();
  });

  it('keeps a failed login on the login page (no redirect handler)', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    fetch.mockResolvedValue(problemResponse(401, { status: 401, code: 'auth.invalid_credentials', title: '用户名或密码错误' }));
    const error = await api.post('/api/v1/auth/login', {}, { silent: true }).catch((e) => e);
    expect(error.title).toBe('用户名或密码错误');
    expect(handler).not.toHaveBeenCalled();
  });

  it('reports a network failure as status 0', async () => {
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await api.get('/api/v1/orgs/roots', undefined, { silent: true }).catch((e) => e);
    expect(error.status).toBe(0);
    expect(error.code).toBe('network');
  });

  it('builds query strings without empty values and reads cookies', () => {
    expect(buildUrl('/api/v1/users', { q: '王', limit: 20, cursor: undefined, org_code: '' })).toBe(
      '/api/v1/users?q=%E7%8E%8B&limit=20',
    );
    expect(readCookie('jiceng_csrf', 'a=1; jiceng_csrf=x%3Dy; b=2')).toBe('x=y');
  });
});
