import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeError } from '../../src/modules/people/places/creditCode.js';
import { countByPaging, countText } from '../../src/modules/people/residents/countByPaging.js';
import { codeName, fieldValueText, houseLabel, orDash, readableTagKinds, tagIsActive } from '../../src/modules/people/format.js';
import { compactQuery, ledgerExportUrl, residentExportUrl, residentQuery } from '../../src/modules/people/listQuery.js';
import { filterFieldUsage, groupByDepartment, ledgerCell, ledgerColumnWidth } from '../../src/modules/people/ledgers/ledgers.js';

const codes = {
  genders: [{ code: 'male', name: '男' }, { code: 'female', name: '女' }],
  ethnicities: [{ code: '01', name: '汉族' }],
  tag_kinds: [
    { code: 'elderly_alone', name: '独居老人', group: 'care', readable: true },
    { code: 'community_correction', name: '社区矫正对象', group: 'watched', readable: false },
    { code: 'disabled', name: '残疾人', group: 'care', readable: true },
  ],
};

describe('unified social credit code (GB 32100)', () => {
  it('accepts valid codes and an empty one', () => {
    expect(creditCodeError('91350100M000100Y43')).toBeNull();
    expect(creditCodeError('91110000600037341L')).toBeNull();
    expect(creditCodeError('')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('names format and check errors with the server codes', () => {
    expect(creditCodeError('91350100M000100Y44')).toBe('people.credit_code.check_digit');
    expect(creditCodeError('91350100M000100Y4')).toBe('people.credit_code.format');
    expect(creditCodeError('91350100I000100Y43')).toBe('people.credit_code.format');
  });
});

describe('display helpers', () => {
  it('names codes, falling back to the code', () => {
    expect(codeName(codes.genders, 'female')).toBe('女');
    expect(codeName(codes.genders, 'x')).toBe('x');
    expect(codeName(undefined, '')).toBe('');
    expect(fieldValueText('ethnicity', '01', codes)).toBe('汉族');
    expect(fieldValueText('notes', '', codes)).toBe('—');
    expect(orDash(0)).toBe('0');
  });

  it('labels houses and filters readable tag kinds', () => {
    expect(houseLabel({ building: '1幢', unit: '2单元', room: '301室' })).toBe('1幢 2单元 301室');
    expect(houseLabel({ address: '枫源村 8 号', building: '1幢' })).toBe('枫源村 8 号');
    expect(readableTagKinds(codes).map((k) => k.code)).toEqual(['elderly_alone', 'disabled']);
    expect(readableTagKinds(codes, 'watched')).toEqual([]);
  });

  it('treats a tag as active until its end date has passed', () => {
    expect(tagIsActive({ end_date: null }, '2026-11-26')).toBe(true);
    expect(tagIsActive({ end_date: '2026-11-26' }, '2026-11-26')).toBe(true);
    expect(tagIsActive({ end_date: '2026-11-25' }, '2026-11-26')).toBe(false);
  });
});

describe('list queries and export links', () => {
  it('drops empty filters and trims text', () => {
    expect(compactQuery({ q: ' 张 ', org: '', tag: null, x: 0 })).toEqual({ q: '张', x: 0 });
    expect(residentQuery({ q: 'zs', org: '330681109290', tag: '', residencyKind: 'migrant', status: 'active' })).toEqual({
      q: 'zs',
      org: '330681109290',
      residency_kind: 'migrant',
      status: 'active',
    });
  });

  it('builds the residents export link with the current filters', () => {
    expect(residentExportUrl({ q: '', org: '' })).toBe('/api/v1/residents/export.xlsx');
    expect(residentExportUrl({ q: '张', org: '330681109290', tag: 'elderly_alone' })).toBe(
      '/api/v1/residents/export.xlsx?q=%E5%BC%A0&org=330681109290&tag=elderly_alone',
    );
    expect(residentExportUrl({ org: '330681109290' }, '核对身份')).toBe(
      '/api/v1/residents/export.xlsx?org=330681109290&purpose=%E6%A0%B8%E5%AF%B9%E8%BA%AB%E4%BB%BD',
    );
  });

  it('builds the ledger export link', () => {
    expect(ledgerExportUrl('civil_affairs.over_80', '')).toBe('/api/v1/ledgers/civil_affairs.over_80/export.xlsx');
    expect(ledgerExportUrl('civil_affairs.over_80', '330681109')).toBe('/api/v1/ledgers/civil_affairs.over_80/export.xlsx?org=330681109');
  });
});

describe('ledgers', () => {
  const ledgers = [
    { key: 'civil_affairs.over_80', department: '民政', title: '80岁以上老人' },
    { key: 'health.children_0_6', department: '卫健', title: '0–6 岁儿童' },
    { key: 'civil_affairs.low_income', department: '民政', title: '低保户' },
  ];

  it('groups by department in first-seen order', () => {
    expect(groupByDepartment(ledgers).map((g) => [g.department, g.ledgers.map((l) => l.key)])).toEqual([
      ['民政', ['civil_affairs.over_80', 'civil_affairs.low_income']],
      ['卫健', ['health.children_0_6']],
    ]);
  });

  it('filters field usage by field, label or ledger', () => {
    const rows = [
      { field: 'birth_date', label: '出生日期', ledgers: [ledgers[0], ledgers[1]] },
      { field: 'phone', label: '联系电话', ledgers: [] },
    ];
    expect(filterFieldUsage(rows, '').length).toBe(2);
    expect(filterFieldUsage(rows, 'PHONE').map((r) => r.field)).toEqual(['phone']);
    expect(filterFieldUsage(rows, '卫健').map((r) => r.field)).toEqual(['birth_date']);
  });

  it('gives ID numbers and addresses wider columns', () => {
    expect(ledgerColumnWidth('id_number')).toBeGreaterThan(ledgerColumnWidth('name'));
    expect(ledgerColumnWidth('unknown_column')).toBe(100);
  });

  it('shows cells as text', () => {
    expect(ledgerCell(null)).toBe('—');
    expect(ledgerCell(true)).toBe('是');
    expect(ledgerCell(['独居老人', '残疾人'])).toBe('独居老人、残疾人');
    expect(ledgerCell(86)).toBe('86');
  });
});

describe('counting a list', () => {
  const pages = (sizes) => (cursor) => {
    const i = cursor ? Number(cursor) : 0;
    return Promise.resolve({ items: new Array(sizes[i]).fill({}), next_cursor: i + 1 < sizes.length ? String(i + 1) : null });
  };

  it('uses the total when the server answers one', async () => {
    expect(await countByPaging(() => Promise.resolve({ items: [{}], next_cursor: 'x', total: 37 }))).toEqual({ count: 37, capped: false });
  });

  it('otherwise counts pages up to a cap', async () => {
    expect(await countByPaging(pages([500, 120]))).toEqual({ count: 620, capped: false });
    expect(await countByPaging(pages([500, 500, 3]))).toEqual({ count: 1000, capped: true });
    expect(countText({ count: 1000, capped: true })).toBe('1000+');
    expect(countText({ count: 0, capped: false })).toBe('0');
    expect(countText(null)).toBe('—');
  });
});
