import { describe, expect, it } from 'vitest';
import { checkChar, parseIdNumber, withCheckChar } from '../../src/mobile/lib/idNumber.js';

const today = '2026-11-26';

describe('GB 11643 ID numbers on the phone', () => {
  it('computes the check character with the standard weights', () => {
    expect(checkChar('11010519491231002')).toBe('X');
    expect(checkChar('44052418800101001')).toBe('4');
    expect(withCheckChar('33068119900517123')).toHaveLength(18);
  });

  it('fills birth date and gender from a valid 18-character number', () => {
    expect(parseIdNumber('11010519491231002X', { today })).toMatchObject({
      state: 'valid',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(parseIdNumber('440524188001010014', { today })).toMatchObject({
      state: 'valid',
      birthDate: '1880-01-01',
      gender: 'male',
    });
  });

  it('accepts a lower-case x and spaces', () => {
    expect(parseIdNumber(' 110105 19491231 002x ', { today }).state).toBe('valid');
  });

  it('reports a wrong check digit with the expected character', () => {
    expect(parseIdNumber('110105194912310021', { today })).toMatchObject({
      state: 'invalid',
      error: 'check_digit',
      expected: 'X',
    });
  });

  it('reports a birth date that does not exist or lies ahead', () => {
    expect(parseIdNumber(withCheckChar('11010519490231002'), { today })).toMatchObject({ state: 'invalid', error: 'birth_date' });
    expect(parseIdNumber('110105194902310026', { today }).error).toBe('birth_date');
    expect(parseIdNumber(withCheckChar('33068120301201001'), { today }).error).toBe('birth_date');
  });

  it('stays quiet while typing, and complains about a short number only when final', () => {
    expect(parseIdNumber('', { today }).state).toBe('empty');
    expect(parseIdNumber('3306811990', { today }).state).toBe('partial');
    expect(parseIdNumber('3306811990', { today, final: true })).toMatchObject({ state: 'invalid', error: 'format' });
  });

  it('rejects letters and X anywhere but at the end', () => {
    expect(parseIdNumber('33068119900X17123', { today })).toMatchObject({ state: 'invalid', error: 'format' });
    expect(parseIdNumber('3306811990051712a', { today }).error).toBe('format');
    expect(parseIdNumber('3306811990051712345', { today }).error).toBe('format');
  });

  it('reads a 15-digit legacy number as legacy when final', () => {
    expect(parseIdNumber('330681500517123', { today, final: true })).toMatchObject({
      state: 'legacy',
      birthDate: '1950-05-17',
      gender: 'male',
    });
    expect(parseIdNumber('330681500517123', { today }).state).toBe('partial');
  });
});
