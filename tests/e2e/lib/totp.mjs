// One-time codes as an authenticator app computes them (RFC 6238: HMAC-SHA1, 6 digits, 30 s
// steps) from the base32 secret the enrolment page shows, and the secrets this run's browser
// tests enrolled, per username (run.mjs walks every scenario in one process against one database).
import { createHmac } from 'node:crypto';

export const kStepSeconds = 30;
const kBase32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** "JBSW Y3DP" (spaces and padding allowed) → the secret's bytes. */
export function base32Decode(text) {
  const clean = String(text).toUpperCase().replace(/[\s=]/g, '');
  const bytes = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = kBase32.indexOf(char);
    if (value < 0) throw new Error(`not base32: "${char}" in ${text}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP of a counter, 6 digits. */
export function hotp(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 1_000_000).padStart(6, '0');
}

export const stepAt = (ms = Date.now()) => Math.floor(ms / 1000 / kStepSeconds);

/** The TOTP code of a base32 secret for a time step. */
export const totpCode = (secretBase32, step = stepAt()) => hotp(base32Decode(secretBase32), step);

// username -> { secret, lastStep }: the server accepts a step's code once (and no older one), so
// the last step used is kept to know when a new code can be had.
const kEnrolled = new Map();

/** Keeps the secret of a new enrolment (a reset factor enrols again with another secret). */
export function rememberSecret(username, secret) {
  kEnrolled.set(username, { secret: secret.replace(/\s+/g, ''), lastStep: 0 });
}

export const knowsSecret = (username) => kEnrolled.has(username);

/**
 * A code of `username` the server has not seen yet: the current step's, or, when that step was
 * already used, the next step's after waiting for it (up to 30 s).
 */
export async function freshCode(username) {
  const entry = kEnrolled.get(username);
  if (!entry) throw new Error(`no one-time code secret known for ${username}: it enrolled outside this run`);
  let step = stepAt();
  if (step <= entry.lastStep) {
    step = entry.lastStep + 1;
    const wait = step * kStepSeconds * 1000 - Date.now() + 250;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  entry.lastStep = step;
  return totpCode(entry.secret, step);
}
