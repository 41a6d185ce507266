// The steps the server may ask of a session before anything else (docs/api.md, "pending"):
// change a password an administrator set, or enrol an administrator's second factor. Each has
// a page; the route guard and the 403 auth.pending.* handler both send the user there, keeping
// the address they wanted so the page can continue to it once the step is done.

export const kPendingRoutes = { password_change: 'password-change', totp_enrol: 'totp-enrol' };

/** A same-site path to go to after login or a pending step; anything else becomes /home. */
export function safeRedirect(target) {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/home';
}

/** Where the user meant to go: a step page passes on the address it was given. */
function wantedPath(to) {
  return to.meta?.pendingStep ? safeRedirect(to.query?.redirect) : to.fullPath;
}

/**
 * The route to take instead of `to` for a session whose pending step is `pending`, or null when
 * `to` is fine: the step's page while a step is pending, and away from a step page once none is.
 */
export function pendingRedirect(to, pending) {
  const stepRoute = kPendingRoutes[pending];
  if (stepRoute) {
    if (to.name === stepRoute) return null;
    return { name: stepRoute, query: { redirect: wantedPath(to) }, replace: true };
  }
  if (to.meta?.pendingStep) return { path: wantedPath(to), replace: true };
  return null;
}
