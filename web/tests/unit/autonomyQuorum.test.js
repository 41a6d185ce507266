import { describe, expect, it } from 'vitest';
import { atLeastTwoThirds, checkMeeting, halfNeeded, halfOf, moreThanHalf, twoThirdsNeeded } from '../../src/modules/autonomy/quorum.js';

const numbers = (expected, present, votesFor, extra = {}) => ({
  expected: String(expected),
  present: String(present),
  votes_for: votesFor === null ? '' : String(votesFor),
  votes_against: '0',
  abstained: '0',
  ...extra,
});

describe('the law\'s thresholds in integers', () => {
  it('more than half excludes exactly half and includes half + 1', () => {
    expect(moreThanHalf(60, 120)).toBe(false);
    expect(moreThanHalf(61, 120)).toBe(true);
    expect(moreThanHalf(60, 121)).toBe(false);
    expect(moreThanHalf(61, 121)).toBe(true);
    expect(halfNeeded(120)).toBe(61);
    expect(halfNeeded(121)).toBe(61);
    expect(halfOf(61)).toBe('30.5');
    expect(halfOf(120)).toBe('60');
  });

  it('at least two thirds includes two thirds itself and excludes two thirds − 1', () => {
    expect(atLeastTwoThirds(80, 120)).toBe(true);
    expect(atLeastTwoThirds(79, 120)).toBe(false);
    expect(atLeastTwoThirds(81, 121)).toBe(true); // 80.67 needs 81
    expect(atLeastTwoThirds(80, 121)).toBe(false);
    expect(twoThirdsNeeded(120)).toBe(80);
    expect(twoThirdsNeeded(121)).toBe(81);
  });
});

describe('party members\' meeting: more than half attend, more than half of the members agree', () => {
  it('exactly half present misses the quorum', () => {
    expect(checkMeeting('party_meeting', numbers(40, 20, 20)).outcome).toBe('quorum_not_met');
  });
  it('half + 1 present is quorate; votes count against all members entitled to vote', () => {
    expect(checkMeeting('party_meeting', numbers(40, 21, 21)).outcome).toBe('passed');
    expect(checkMeeting('party_meeting', numbers(40, 30, 20)).outcome).toBe('rejected');
    const c = checkMeeting('party_meeting', numbers(40, 30, 20));
    expect(c.vote).toMatchObject({ needed: 21, of: 40, basis: 'expected', met: false });
  });
});

describe('villagers\' assembly (art. 22)', () => {
  it('the example of the brief: 120 expected, 61 present, 31 for of > 30.5', () => {
    const c = checkMeeting('assembly', numbers(120, 61, 31));
    expect(c.quorum).toMatchObject({ met: true, needed: 61, of: 120, present: 61 });
    expect(c.vote).toMatchObject({ met: true, of: 61, votesFor: 31 });
    expect(halfOf(c.vote.of)).toBe('30.5');
    expect(c.outcome).toBe('passed');
  });
  it('exactly half present misses, unless two thirds of the households came', () => {
    expect(checkMeeting('assembly', numbers(120, 60, 40)).outcome).toBe('quorum_not_met');
    const byHouseholds = checkMeeting('assembly', numbers(120, 60, 40, { households_expected: '90', households_present: '60' }));
    expect(byHouseholds.households).toMatchObject({ met: true, needed: 60 });
    expect(byHouseholds.outcome).toBe('passed');
    const short = checkMeeting('assembly', numbers(120, 60, 40, { households_expected: '90', households_present: '59' }));
    expect(short.outcome).toBe('quorum_not_met');
  });
  it('exactly half of those present agreeing is rejected; half + 1 passes', () => {
    expect(checkMeeting('assembly', numbers(120, 62, 31)).outcome).toBe('rejected');
    expect(checkMeeting('assembly', numbers(120, 62, 32)).outcome).toBe('passed');
  });
});

describe('representatives\' assembly (art. 26)', () => {
  it('two thirds present is quorate, two thirds − 1 is not', () => {
    expect(checkMeeting('representatives_assembly', numbers(30, 20, 11)).outcome).toBe('passed');
    expect(checkMeeting('representatives_assembly', numbers(30, 19, 19)).outcome).toBe('quorum_not_met');
  });
  it('more than half of those present must agree', () => {
    expect(checkMeeting('representatives_assembly', numbers(30, 20, 10)).outcome).toBe('rejected');
  });
});

describe('numbers the form cannot judge yet', () => {
  it('the joint meeting has no threshold', () => {
    expect(checkMeeting('joint_meeting', numbers(9, 1, 0))).toMatchObject({ applies: false, outcome: 'passed' });
  });
  it('missing numbers are incomplete, inconsistent ones name the field', () => {
    expect(checkMeeting('assembly', numbers('', '', null)).outcome).toBe('incomplete');
    expect(checkMeeting('assembly', numbers(120, 61, null)).outcome).toBe('incomplete');
    expect(checkMeeting('assembly', numbers(10, 11, 5))).toMatchObject({ outcome: 'invalid', field: 'present' });
    expect(checkMeeting('assembly', numbers(10, 6, 5, { votes_against: '2' }))).toMatchObject({ outcome: 'invalid', field: 'votes_for' });
  });
});
