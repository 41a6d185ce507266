import { describe, expect, it } from 'vitest';
import { kMessages } from '../../src/mobile/messages.js';
import { codeName, codeOptions, kCodesCacheKey, loadCodes, pushRecent } from '../../src/mobile/lib/codes.js';
import { fakeStorage } from './support/fakeStorage.js';

function keys(node, prefix = '') {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('phone app messages', () => {
  it('has every zh-CN key in English too, and no extra ones', () => {
    expect(keys(kMessages.en).sort()).toEqual(keys(kMessages['zh-CN']).sort());
  });

  it('says the offline save and the sending in the agreed words', () => {
    expect(kMessages['zh-CN'].drafts.keptNotice).toBe('已保存在本机，联网后自动发送');
    expect(kMessages['zh-CN'].drafts.sentNotice).toContain('已发送');
  });
});

describe('code tables cached for offline use', () => {
  const codes = { ethnicities: [{ code: '01', name: '汉族' }], genders: [{ code: 'male', name: '男' }] };

  it('remembers fresh codes and falls back to them without network', async () => {
    const storage = fakeStorage();
    expect(await loadCodes({ fetchCodes: async () => codes, storage })).toEqual({ codes, fromCache: false });
    expect(JSON.parse(storage.getItem(kCodesCacheKey)).codes).toEqual(codes);
    const offline = async () => {
      throw Object.assign(new Error('network'), { status: 0 });
    };
    expect(await loadCodes({ fetchCodes: offline, storage })).toEqual({ codes, fromCache: true });
    await expect(loadCodes({ fetchCodes: offline, storage: fakeStorage() })).rejects.toThrow('network');
  });

  it('names codes and builds picker options', () => {
    expect(codeName(codes, 'ethnicities', '01')).toBe('汉族');
    expect(codeName(codes, 'ethnicities', '99')).toBe('99');
    expect(codeName(codes, 'ethnicities', '')).toBe('');
    expect(codeOptions(codes, 'genders')).toEqual([{ text: '男', value: 'male' }]);
  });

  it('keeps recent people newest first without duplicates', () => {
    let list = [];
    list = pushRecent(list, { type: 'resident', id: 1, name: 'a' });
    list = pushRecent(list, { type: 'resident', id: 2, name: 'b' });
    list = pushRecent(list, { type: 'resident', id: 1, name: 'a' });
    list = pushRecent(list, { type: 'household', id: 1, name: 'h' });
    expect(list.map((x) => `${x.type}:${x.id}`)).toEqual(['household:1', 'resident:1', 'resident:2']);
    expect(pushRecent(list, { type: 'resident', id: 9 }, 2)).toHaveLength(2);
  });
});
