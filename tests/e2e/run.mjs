// Browser tests against the real server binary:
//   node tests/e2e/run.mjs --jiceng build/jiceng --web web/dist [--only text]
// Creates a demo database in a temp dir, serves it on a free port, walks the scenarios,
// saves screenshots to tests/e2e/artifacts/, stops the server, exits non-zero on failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { kDemoPassword } from './lib/browser.mjs';
import { runScenarios } from './lib/runner.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    jiceng: { type: 'string' },
    web: { type: 'string', default: 'web/dist' },
    only: { type: 'string' },
  },
});

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

if (!args.jiceng) fail('usage: node tests/e2e/run.mjs --jiceng PATH_TO_BINARY --web web/dist');
const binary = resolve(args.jiceng);
const webRoot = resolve(args.web);
if (!existsSync(binary)) fail(`server binary not found: ${binary}`);
if (!existsSync(join(webRoot, 'index.html'))) fail(`no index.html in ${webRoot}: run "npm run build" in web/ first`);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl, server, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s`);
}

function stopServer(server) {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => server.kill('SIGKILL'), 10000);
    server.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    server.kill('SIGTERM');
  });
}

const workDir = await mkdtemp(join(tmpdir(), 'jiceng-e2e-'));
const db = join(workDir, 'demo.db');
let server = null;
let exitCode = 1;
try {
  console.log(`e2e: loading demo data into ${db}`);
  const demo = spawnSync(binary, ['demo', '--db', db, '--password', kDemoPassword], {
    encoding: 'utf8',
    timeout: 300000,
  });
  if (demo.status !== 0) {
    throw new Error(`"jiceng demo" failed (exit ${demo.status}):\n${demo.stdout}\n${demo.stderr}`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = [];
  server = spawn(binary, ['serve', '--db', db, '--port', String(port), '--web-root', webRoot], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Every scenario logs in from 127.0.0.1: the per-address login limit (10/min) is for people.
    env: { ...process.env, JICENG_AUTH_LOGIN_RATE_PER_MINUTE: '1000' },
  });
  server.stdout.on('data', (d) => serverLog.push(d.toString()));
  server.stderr.on('data', (d) => serverLog.push(d.toString()));
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    throw new Error(`${error.message}\nserver output:\n${serverLog.join('').slice(-4000)}`);
  }
  console.log(`e2e: server up at ${baseUrl}`);
  const failures = await runScenarios({ baseUrl, artifacts: join(here, 'artifacts'), only: args.only });
  if (failures.length) {
    console.error(`\ne2e: ${failures.length} scenario(s) failed:`);
    for (const { name, error } of failures) console.error(`  - ${name}: ${error.message}`);
    console.error(`\nlast server output:\n${serverLog.join('').slice(-3000)}`);
  } else {
    console.log('\ne2e: all scenarios passed; screenshots in tests/e2e/artifacts/');
    exitCode = 0;
  }
} catch (error) {
  console.error(`e2e: ${error.message}`);
} finally {
  if (server) await stopServer(server);
  await rm(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
