export class ScenarioFailure extends Error {}

export function check(condition, message) {
  if (!condition) throw new ScenarioFailure(message);
}

/** The page ran without a script error (page.consoleErrors, gathered by newPage). */
export function checkNoPageErrors(page) {
  check(page.consoleErrors.length === 0, `page errors: ${page.consoleErrors.join('; ')}`);
}

/** Full years between a YYYY-MM-DD birth date and today in Asia/Shanghai. */
export function ageToday(birth) {
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

/**
 * A masked resident answer derived from an ID number: the gender and the age, and no birth date
 * (it would undo the ID number's mask).
 */
export function checkMaskedDerived(body, gender, birth) {
  check(body.masked === true && body.birth_date === null && body.age === ageToday(birth) && body.gender === gender,
    `expected masked ${gender}, age ${ageToday(birth)}, no birth date: ${JSON.stringify(body)}`);
}
