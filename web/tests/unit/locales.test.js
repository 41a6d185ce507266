import { describe, expect, it } from 'vitest';
import zhCN from '../../src/locales/zh-CN.json';
import en from '../../src/locales/en.json';
import zhTW from '../../src/locales/zh-TW.json';

function keys(node, prefix = '') {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('locale files', () => {
  it('en and the generated zh-TW have exactly the keys of zh-CN', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    expect(keys(zhTW).sort()).toEqual(keys(zhCN).sort());
  });

  it('zh-TW is converted to traditional characters', () => {
    expect(zhTW.elder.label).toBe('長輩版');
  });
});
