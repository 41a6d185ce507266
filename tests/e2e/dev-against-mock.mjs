// Development aid only: walks the same scenarios against mock-server.mjs (not the real server).
//   node tests/e2e/dev-against-mock.mjs [--only text]
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenarios } from './lib/runner.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { only: { type: 'string' }, port: { type: 'string', default: '18181' } } });
const baseUrl = `http://127.0.0.1:${args.port}`;
const mock = spawn(process.execPath, [join(here, 'mock-server.mjs'), '--port', args.port, '--web-root', join(here, '../../web/dist')], { stdio: 'inherit' });
for (let i = 0; i < 50; i++) {
  try {
    if ((await fetch(`${baseUrl}/healthz`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
const failures = await runScenarios({ baseUrl, artifacts: join(here, 'artifacts'), only: args.only });
mock.kill('SIGTERM');
process.exit(failures.length ? 1 : 0);
