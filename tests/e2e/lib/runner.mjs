// Runs the scenarios one after another against a running server; collects failures.
import { mkdir } from 'node:fs/promises';
import { launchBrowser } from './browser.mjs';
import { kScenarios } from '../scenarios.mjs';

export async function runScenarios({ baseUrl, artifacts, only }) {
  await mkdir(artifacts, { recursive: true });
  const browser = await launchBrowser();
  const failures = [];
  try {
    for (const [name, scenario] of kScenarios) {
      if (only && !name.includes(only)) continue;
      const started = Date.now();
      const log = (message) => console.log(`    ${message}`);
      console.log(`• ${name}`);
      try {
        await scenario({ browser, baseUrl, artifacts, log });
        console.log(`  ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        console.log(`  FAILED: ${error.message}`);
        failures.push({ name, error });
      }
    }
  } finally {
    await browser.close();
  }
  return failures;
}
