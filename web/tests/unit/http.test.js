import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createHttpClient, errorFromResponse, errorMessage } from '../../src/core/http.js';
import { api as phoneApi, isOffline } from '../../src/mobile/api.js';

function problemResponse(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('shared http helper: error → message', () => {
  it('shows the server title, else its code, for an ApiError', () => {
    expect(errorMessage(new ApiError({ status: 422, code: 'x.y', title: '标题' }))).toBe('标题');
    expect(errorMessage(new ApiError({ status: 422, code: 'x.y' }))).toBe('x.y');
    expect(errorMessage(new ApiError({ status: 500 }))).toBe('HTTP 500');
  });

  it('uses the fallback for other errors, before their own message', () => {
    expect(errorMessage(new Error('boom'), '未知错误')).toBe('未知错误');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ title: '已保存的问题' }, '未知错误')).toBe('已保存的问题');
    expect(errorMessage(undefined, '未知错误')).toBe('未知错误');
  });

  it('turns problem+json into an ApiError keeping the whole body', async () => {
    const error = await errorFromResponse(
      problemResponse(409, { status: 409, code: 'people.version_conflict', title: '已被修改', current: { version: 3 }, request_id: 'r-9' }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'people.version_conflict', title: '已被修改', requestId: 'r-9' });
    expect(error.body.current).toEqual({ version: 3 });
  });

  it('names a non-JSON failure by its status line', async () => {
    const error = await errorFromResponse(new Response('oops', { status: 502, statusText: 'Bad Gateway' }));
    expect(error.title).toBe('502 Bad Gateway');
    expect(error.code).toBe('');
  });
});

describe('shared http helper: clients', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn()));
  afterEach(() => {
    vi.unstubAllGlobals();
    document.cookie = 'jiceng_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('shows failures through showError unless silent, and reports a network failure as status 0', async () => {
    const showError = vi.fn();
    const { api } = createHttpClient({ currentLocale: () => 'en', t: (key) => `t:${key}`, showError });
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await api.get('/api/v1/x').catch((e) => e);
    expect(error).toMatchObject({ status: 0, code: 'network', title: 't:common.networkError' });
    expect(showError).toHaveBeenCalledWith(error);
    showError.mockClear();
    await api.get('/api/v1/x', undefined, { silent: true }).catch(() => {});
    expect(showError).not.toHaveBeenCalled();
  });

  it('uploads raw bytes with their own type, the CSRF header and extra headers', async () => {
    document.cookie = 'jiceng_csrf=tok';
    const { api } = createHttpClient({ currentLocale: () => 'zh-CN', t: (key) => key });
    fetch.mockResolvedValue(new Response('{"id":1}', { status: 201, headers: { 'Content-Type': 'application/json' } }));
    const blob = new Blob(['x'], { type: 'image/jpeg' });
    await expect(api.upload('/api/v1/p', blob, { query: { event: 7 }, headers: { 'X-Upload-Token': 'u' } })).resolves.toEqual({ id: 1 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/p?event=7');
    expect(init.body).toBe(blob);
    expect(init.headers).toMatchObject({ 'Content-Type': 'image/jpeg', 'X-CSRF-Token': 'tok', 'X-Upload-Token': 'u', 'Accept-Language': 'zh-CN' });
  });

  it('gives the phone a status-0 error when offline (its drafts stay) and the problem body on a conflict', async () => {
    fetch.mockRejectedValue(new TypeError('offline'));
    const offline = await phoneApi.post('/api/v1/residents', { name: 'x' }).catch((e) => e);
    expect(isOffline(offline)).toBe(true);
    fetch.mockResolvedValue(problemResponse(409, { status: 409, code: 'people.version_conflict', title: 't', current: { id: 1 } }));
    const conflict = await phoneApi.patch('/api/v1/residents/1', {}).catch((e) => e);
    expect(isOffline(conflict)).toBe(false);
    expect(conflict.body.current).toEqual({ id: 1 });
    expect(fetch.mock.calls[1][1].signal).toBeDefined();
  });
});
