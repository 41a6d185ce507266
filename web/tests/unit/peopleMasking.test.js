import { describe, expect, it } from 'vitest';
import { isMasked, maskIdNumber, maskPhone, maskResident, purposeLengthOk } from '../../src/modules/people/masking.js';

describe('masking for display', () => {
  it('keeps the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('33068119500302123X')).toBe('330681********123X');
    expect(maskIdNumber('330681500302123')).toBe('330681*****2123');
  });

  it('leaves masked and short values alone', () => {
    expect(maskIdNumber('330681********123X')).toBe('330681********123X');
    expect(maskIdNumber('E1234567')).toBe('E1234567');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
  });

  it('masks mobile numbers as 138****5678 and others down to their last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0575-87012345')).toBe('*********2345');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('138****5678')).toBe('138****5678');
  });

  it('tells masked values apart', () => {
    expect(isMasked('330681********123X')).toBe(true);
    expect(isMasked('33068119500302123X')).toBe(false);
    expect(isMasked(undefined)).toBe(false);
  });

  it('masks a revealed resident again', () => {
    const shown = { id: 1, name: '张三', id_number: '33068119500302123X', phone: '13812345678', masked: false };
    expect(maskResident(shown)).toEqual({ ...shown, id_number: '330681********123X', phone: '138****5678', masked: true });
    expect(shown.masked).toBe(false);
  });

  it('wants a purpose of 2–200 characters, counting code points', () => {
    expect(purposeLengthOk('')).toBe(false);
    expect(purposeLengthOk(' 核 ')).toBe(false);
    expect(purposeLengthOk('核对')).toBe(true);
    expect(purposeLengthOk('字'.repeat(200))).toBe(true);
    expect(purposeLengthOk('字'.repeat(201))).toBe(false);
    expect(purposeLengthOk('𠀀𠀁')).toBe(true);
    expect(purposeLengthOk('𠀀')).toBe(false);
  });
});
