import { describe, expect, it } from 'vitest';
import { chooseAll, conflictRows, resolvePatch, sameValue } from '../../src/mobile/lib/conflict.js';

const base = { id: 12, name: '张三', phone: '138****5678', notes: '', occupation: '', ethnicity: '01', version: 3 };
const server = { ...base, notes: '村委会核实：已搬走', occupation: '个体', version: 4 };

describe('conflict: theirs versus the server, field by field', () => {
  it('treats empty, null and missing as the same', () => {
    expect(sameValue('', null)).toBe(true);
    expect(sameValue(undefined, '')).toBe(true);
    expect(sameValue(' a ', 'a')).toBe(true);
    expect(sameValue(3, '3')).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
  });

  it('lists the worker’s fields that differ from the server, and what others changed', () => {
    const mine = { notes: '网格员核实：仍在住', name: '张三', version: 3 };
    const { rows, othersChanged } = conflictRows({ base, mine, server, fields: ['name', 'notes', 'occupation', 'ethnicity'] });
    expect(rows).toEqual([{ field: 'notes', mine: '网格员核实：仍在住', server: '村委会核实：已搬走', base: '', serverChanged: true }]);
    expect(othersChanged).toEqual([{ field: 'occupation', base: '', server: '个体' }]);
  });

  it('marks a field only the worker changed (the server still has the old value)', () => {
    const mine = { ethnicity: '03', version: 3 };
    const { rows } = conflictRows({ base, mine, server, fields: [] });
    expect(rows).toEqual([{ field: 'ethnicity', mine: '03', server: '01', base: '01', serverChanged: false }]);
  });

  it('without the original record every differing field counts as changed by both', () => {
    const { rows, othersChanged } = conflictRows({ mine: { notes: 'x' }, server, fields: ['occupation'] });
    expect(rows[0]).toMatchObject({ field: 'notes', serverChanged: true, base: null });
    expect(othersChanged).toEqual([]);
  });

  it('needs a choice for every row before building the PATCH', () => {
    const mine = { notes: 'mine', ethnicity: '03', version: 3 };
    const { rows } = conflictRows({ base, mine, server });
    expect(resolvePatch({ rows, choices: { notes: 'mine' }, server })).toEqual({ complete: false, missing: ['ethnicity'] });
  });

  it('sends only the fields where the worker kept their own value, with the server version', () => {
    const mine = { notes: 'mine', ethnicity: '03', version: 3 };
    const { rows } = conflictRows({ base, mine, server });
    expect(resolvePatch({ rows, choices: { notes: 'mine', ethnicity: 'server' }, server })).toEqual({
      complete: true,
      body: { notes: 'mine', version: 4 },
    });
    expect(resolvePatch({ rows, choices: chooseAll(rows, 'server'), server })).toEqual({ complete: true, body: null });
    expect(resolvePatch({ rows, choices: chooseAll(rows, 'mine'), server }).body).toEqual({ notes: 'mine', ethnicity: '03', version: 4 });
  });
});
