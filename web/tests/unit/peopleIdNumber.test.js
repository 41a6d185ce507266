import { describe, expect, it } from 'vitest';
import { ageOn, idCheckChar, normalizeIdNumber, parseIdNumber, todayInShanghai } from '../../src/modules/people/residents/idNumber.js';

const today = '2026-11-26';

describe('GB 11643 check character', () => {
  it('computes "10X98765432"[Σ aᵢWᵢ mod 11] over the first 17 digits', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('gives every check character for some number', () => {
    const seen = new Set();
    for (let seq = 0; seq < 200; seq += 1) seen.add(idCheckChar(`3306811950030${String(seq).padStart(4, '0')}`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });
});

describe('parseIdNumber', () => {
  it('reads birth date and gender from valid numbers (odd sequence = male)', () => {
    expect(parseIdNumber('11010519491231002X', { today })).toEqual({
      state: 'valid',
      legacy: false,
      birthDate: '1949-12-31',
      gender: 'female',
      addressCode: '110105',
    });
    const male = parseIdNumber('440524188001010014', { today });
    expect(male.state).toBe('valid');
    expect(male.gender).toBe('male');
    expect(male.birthDate).toBe('1880-01-01');
  });

  it('accepts a lower-case x and spaces', () => {
    expect(normalizeIdNumber(' 110105 19491231002x ')).toBe('11010519491231002X');
    expect(parseIdNumber('11010519491231002x', { today }).state).toBe('valid');
  });

  it('names a wrong check character with the server code', () => {
    expect(parseIdNumber('110105194912310021', { today })).toMatchObject({
      state: 'invalid',
      error: 'people.id_number.check_digit',
      expected: 'X',
    });
  });

  it('refuses impossible and future birth dates', () => {
    expect(parseIdNumber('110105194902310026', { today }).error).toBe('people.id_number.birth_date');
    const future = `110105${'20270101'}001`;
    expect(parseIdNumber(future + idCheckChar(future), { today }).error).toBe('people.id_number.birth_date');
  });

  it('is incomplete while fewer than 18 characters are typed, and refuses other characters', () => {
    expect(parseIdNumber('', { today })).toEqual({ state: 'empty' });
    expect(parseIdNumber('3306811950', { today })).toEqual({ state: 'incomplete' });
    expect(parseIdNumber('33068119500302123', { today })).toEqual({ state: 'incomplete' });
    expect(parseIdNumber('3306X', { today }).error).toBe('people.id_number.format');
    expect(parseIdNumber('33068119500302123AB', { today }).error).toBe('people.id_number.format');
    expect(parseIdNumber('1101051949123100211', { today }).error).toBe('people.id_number.format');
  });

  it('reads 15-digit legacy numbers only as the legacy type, in 19YY', () => {
    expect(parseIdNumber('330681500302123', { today })).toEqual({ state: 'incomplete' });
    expect(parseIdNumber('330681500302123', { today, idType: 'resident_id_legacy' })).toEqual({
      state: 'valid',
      legacy: true,
      birthDate: '1950-03-02',
      gender: 'male',
      addressCode: '330681',
    });
    expect(parseIdNumber('11010519491231002X', { idType: 'resident_id_legacy' }).error).toBe('people.id_number.format');
  });
});

describe('ages and today', () => {
  it('counts whole years, not before the birthday', () => {
    expect(ageOn('1950-03-02', '2026-03-01')).toBe(75);
    expect(ageOn('1950-03-02', '2026-03-02')).toBe(76);
    expect(ageOn('', '2026-03-02')).toBeNull();
  });

  it('takes today in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(todayInShanghai(new Date('2026-11-25T15:30:00Z'))).toBe('2026-11-25');
  });
});
