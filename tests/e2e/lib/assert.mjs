export class ScenarioFailure extends Error {}

export function check(condition, message) {
  if (!condition) throw new ScenarioFailure(message);
}

/** The page ran without a script error (page.consoleErrors, gathered by newPage). */
export function checkNoPageErrors(page) {
  check(page.consoleErrors.length === 0, `page errors: ${page.consoleErrors.join('; ')}`);
}
