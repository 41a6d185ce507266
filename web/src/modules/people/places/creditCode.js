// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
// alphabet; the last one is a check character computed from the first 17.
export const kCreditCodeChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const kCreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters, or '' when one is outside the alphabet. */
export function creditCodeCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = kCreditCodeChars.indexOf(first17[i]);
    if (value < 0) return '';
    sum += value * kCreditCodeWeights[i];
  }
  return kCreditCodeChars[(31 - (sum % 31)) % 31];
}

/**
 * '' (empty, allowed: not every unit has one), or the server's error code:
 * people.credit_code.format | people.credit_code.check_digit; null when valid.
 */
export function creditCodeError(raw) {
  const code = String(raw ?? '').trim().toUpperCase();
  if (code === '') return null;
  const pattern = new RegExp(`^[${kCreditCodeChars}]{18}$`);
  if (!pattern.test(code)) return 'people.credit_code.format';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'people.credit_code.check_digit';
}
