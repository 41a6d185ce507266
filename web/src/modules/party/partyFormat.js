// Pure helpers of the party pages (tested in tests/unit/party.test.js).

export const kOrgKinds = ['committee', 'general_branch', 'branch', 'joint_branch', 'group'];
export const kCommitteePosts = ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'member'];
export const kNeedKinds = ['small_wish', 'service_task', 'activity'];

/**
 * The party organizations (flat, with parent_id) as a tree for el-tree: [{...org, children}].
 * An organization whose parent is not in the list (outside the scope) is a root. Order is kept.
 */
export function buildOrgTree(orgs) {
  const byId = new Map(orgs.map((o) => [o.id, { ...o, children: [] }]));
  const roots = [];
  for (const org of orgs) {
    const node = byId.get(org.id);
    const parent = org.parent_id != null ? byId.get(org.parent_id) : null;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

// Warnings that ask for action now (red) rather than soon (orange).
const kUrgent = new Set(['party.org.formal.too_few', 'party.org.term.ended', 'party.org.committee.no_secretary', 'party.org.secretary.missing']);

/** The el-alert / el-tag type of a warning code. */
export function warningType(code) {
  return kUrgent.has(code) ? 'error' : 'warning';
}

/** Whether a warning proposes a joint branch (a branch with fewer than 3 formal members). */
export function proposesJointBranch(org) {
  return org?.kind === 'branch' && (org.warnings ?? []).some((w) => w.code === 'party.org.formal.too_few');
}

/**
 * The hours of a fulfilled need as the API wants them: [{member_id, hours}] for every member
 * with hours above 0, numbers not strings. `entries` maps member id -> hours (string or number).
 */
export function hoursBody(entries) {
  const out = [];
  for (const [memberId, value] of Object.entries(entries)) {
    const hours = Number(value);
    if (value === '' || value == null || !Number.isFinite(hours) || hours <= 0) continue;
    out.push({ member_id: Number(memberId), hours });
  }
  return out;
}

/** The villages of an overview, or only those missing a secretary or a director. */
export function villagesWithGaps(villages, onlyGaps) {
  return onlyGaps ? villages.filter((v) => v.missing_secretary || v.missing_director) : villages;
}
