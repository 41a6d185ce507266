// The law's numbers of each meeting of 四议两公开, the same rules as the server's
// server/modules/autonomy/decisions/quorum.cpp, so the stage form shows them while the user types.
// All comparisons in integers: "more than half" is 2 × part > whole; "at least two thirds"
// (三分之二以上, which includes the number itself) is 3 × part ≥ 2 × whole.

export const moreThanHalf = (part, whole) => 2 * part > whole;
export const atLeastTwoThirds = (part, whole) => 3 * part >= 2 * whole;

/** The least whole number that is more than half of `whole` (61 of 120, 61 of 121). */
export const halfNeeded = (whole) => Math.floor(whole / 2) + 1;
/** The least whole number that is at least two thirds of `whole` (80 of 120, 81 of 121). */
export const twoThirdsNeeded = (whole) => Math.ceil((2 * whole) / 3);

function count(value) {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * The check of a meeting's numbers: { applies, quorum: {met, needed, of, basis}, vote: {met,
 * needed, of, basis}, households?: {...}, outcome: "passed" | "quorum_not_met" | "rejected" |
 * "incomplete" }. `needed` is the least count that meets the rule; `basis` says what it is
 * counted against ("expected" or "present"), for the message. Numbers still missing give
 * "incomplete"; inconsistent numbers (present > expected, votes > present) give "invalid" with
 * `field`.
 */
export function checkMeeting(stage, input) {
  const n = {
    expected: count(input.expected),
    present: count(input.present),
    votesFor: count(input.votes_for),
    votesAgainst: count(input.votes_against) ?? 0,
    abstained: count(input.abstained) ?? 0,
    householdsExpected: count(input.households_expected),
    householdsPresent: count(input.households_present),
  };
  if (stage === 'joint_meeting') return { applies: false, outcome: 'passed' };
  if (n.expected === null || n.expected < 1 || n.present === null) return { applies: true, outcome: 'incomplete' };
  if (n.present > n.expected) return { applies: true, outcome: 'invalid', field: 'present' };
  const votes = (n.votesFor ?? 0) + n.votesAgainst + n.abstained;
  if (votes > n.present) return { applies: true, outcome: 'invalid', field: 'votes_for' };

  let quorum;
  let households = null;
  let vote;
  if (stage === 'party_meeting') {
    quorum = { met: moreThanHalf(n.present, n.expected), needed: halfNeeded(n.expected), of: n.expected, rule: 'half' };
    vote = { needed: halfNeeded(n.expected), of: n.expected, basis: 'expected' };
  } else if (stage === 'assembly') {
    quorum = { met: moreThanHalf(n.present, n.expected), needed: halfNeeded(n.expected), of: n.expected, rule: 'half' };
    if (n.householdsExpected !== null && n.householdsExpected >= 1 && n.householdsPresent !== null) {
      households = {
        met: n.householdsPresent <= n.householdsExpected && atLeastTwoThirds(n.householdsPresent, n.householdsExpected),
        needed: twoThirdsNeeded(n.householdsExpected),
        of: n.householdsExpected,
        present: n.householdsPresent,
      };
    }
    vote = { needed: halfNeeded(n.present), of: n.present, basis: 'present' };
  } else if (stage === 'representatives_assembly') {
    quorum = { met: atLeastTwoThirds(n.present, n.expected), needed: twoThirdsNeeded(n.expected), of: n.expected, rule: 'twoThirds' };
    vote = { needed: halfNeeded(n.present), of: n.present, basis: 'present' };
  } else {
    return { applies: false, outcome: 'passed' };
  }
  quorum.present = n.present;
  const quorate = quorum.met || Boolean(households?.met);
  vote.votesFor = n.votesFor;
  vote.met = n.votesFor !== null && moreThanHalf(n.votesFor, vote.of);
  let outcome;
  if (!quorate) outcome = 'quorum_not_met';
  else if (n.votesFor === null) outcome = 'incomplete';
  else outcome = vote.met ? 'passed' : 'rejected';
  return { applies: true, quorum, households, vote, outcome };
}

/** "30.5": half of a whole, as the law's "more than" threshold reads (> 30.5). */
export function halfOf(whole) {
  return whole % 2 === 0 ? String(whole / 2) : `${(whole - 1) / 2}.5`;
}
