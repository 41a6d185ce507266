import { describe, expect, it } from 'vitest';
import {
  createBody,
  emptyResident,
  fillFromIdNumber,
  isEmptyPatch,
  patchBody,
  residentToForm,
} from '../../src/modules/people/residents/residentForm.js';

const loaded = {
  id: 12,
  name: '张三',
  gender: 'male',
  birth_date: '1950-03-02',
  id_type: 'resident_id',
  id_number: '330681********123X',
  phone: '138****5678',
  org_code: '330681109290001',
  residency_kind: 'registered',
  ethnicity: '01',
  status: 'active',
  version: 3,
};

describe('resident form', () => {
  it('fills birth date and gender from a valid citizen ID only', () => {
    expect(fillFromIdNumber('resident_id', '11010519491231002X')).toEqual({ birth_date: '1949-12-31', gender: 'female' });
    expect(fillFromIdNumber('resident_id', '110105194912310021')).toBeNull();
    expect(fillFromIdNumber('passport', '11010519491231002X')).toBeNull();
    expect(fillFromIdNumber('resident_id', '330681********123X')).toBeNull();
    expect(fillFromIdNumber('resident_id_legacy', '330681500302124')).toEqual({ birth_date: '1950-03-02', gender: 'female' });
  });

  it('creates with every filled field, trimmed, and the ID upper-cased', () => {
    const form = { ...emptyResident(), name: ' 李四 ', id_number: '11010519491231002x', org_code: '330681109290001' };
    expect(createBody(form)).toEqual({
      name: '李四',
      id_type: 'resident_id',
      id_number: '11010519491231002X',
      ethnicity: '01',
      org_code: '330681109290001',
      residency_kind: 'registered',
      status: 'active',
    });
  });

  it('patches only changed fields with the version, never a masked number', () => {
    const form = residentToForm(loaded);
    expect(isEmptyPatch(patchBody(loaded, form))).toBe(true);
    form.current_address = '枫桥镇枫源村 8 号';
    form.phone = '138****5678';
    expect(patchBody(loaded, form)).toEqual({ current_address: '枫桥镇枫源村 8 号', version: 3 });
    form.phone = '13900001111';
    expect(patchBody(loaded, form)).toEqual({ current_address: '枫桥镇枫源村 8 号', phone: '13900001111', version: 3 });
  });

  it('sends a cleared field as empty text', () => {
    const withJob = { ...loaded, occupation: '农民' };
    const form = residentToForm(withJob);
    form.occupation = '';
    expect(patchBody(withJob, form)).toEqual({ occupation: '', version: 3 });
  });
});
