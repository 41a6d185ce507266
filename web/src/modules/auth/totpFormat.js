// How the enrolment page shows what POST /api/v1/auth/totp answers.

/** The server's SVG as an <img> source: an image cannot run script, unlike markup put in the page. */
export function qrDataUri(svg) {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg ?? '')}`;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": short groups are easier to type by hand. */
export function groupSecret(secret) {
  return (String(secret ?? '').replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** What the user typed as a one-time code: digits only, at most 6. */
export function otpDigits(text) {
  return String(text ?? '').replace(/\D/g, '').slice(0, 6);
}
