// Mixed load for `make soak`: loads a demo county, starts the server, measures what it carries
// (closed loop), then runs at half that rate for --minutes and reports, every --window seconds,
// requests, errors, latency and the server's RSS. Flat RSS and zero errors are the goal; the
// exit code is 1 when any request failed (5xx, a dropped connection, or an answer the mix did
// not expect), never because of a time or a size.
//   node bench/soak_load.mjs --jiceng build/jiceng [--db URL] [--minutes 30] [--window 30]
//        [--residents 20000] [--cases 5000] [--out soak.json]
// With a PostgreSQL --db, JICENG_SECURITY_KEY_FILE must name the data key file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    jiceng: { type: 'string', default: 'build/jiceng' },
    db: { type: 'string', default: '' },
    minutes: { type: 'string', default: '30' },
    window: { type: 'string', default: '30' },
    capacity: { type: 'string', default: '30' }, // seconds of the closed-loop measurement
    residents: { type: 'string', default: '20000' },
    cases: { type: 'string', default: '5000' },
    out: { type: 'string', default: '' },
  },
});
const kPassword = 'Soak#2026pass';
const kVillage = '330681109290';
const kGrid = '330681109290001';
const kConcurrency = 16; // closed-loop clients when measuring capacity
const kMaxInFlight = 64; // open loop: beyond this a tick is counted late instead of sent

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 1800000 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function rssKb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

class Api {
  constructor(base) {
    this.base = base;
  }
  async call(method, path, { token, json, form } = {}) {
    const headers = {};
    let body;
    if (token) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(this.base + path, { method, headers, body });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text };
  }
  async login(username) {
    const r = await this.call('POST', '/api/v1/auth/login', { json: { username, password: kPassword, bearer: true } });
    if (r.status !== 200 || !r.body?.token) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    return r.body.token;
  }
}

// One operation of the mix: answers true when the server answered as expected.
async function buildMix(api, apiKey) {
  const tokens = {};
  for (const u of ['county', 'township', 'village', 'grid1']) tokens[u] = await api.login(u);
  const grids = await api.call('GET', `/api/v1/orgs/${kVillage}/grids`, { token: tokens.township });
  const ring = grids.body.features.find((f) => f.id === kGrid).geometry.coordinates[0];
  const lng = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
  const lat = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
  const residents = (await api.call('GET', '/api/v1/residents?limit=50', { token: tokens.grid1 })).body.items;
  const cases = (await api.call('GET', '/api/v1/cases?limit=200', { token: tokens.county })).body.items.map((c) => c.id);
  // Each resident is edited by one operation at a time, so edits never race each other (409).
  const idle = residents.map((r) => ({ id: r.id, version: r.version }));
  let n = 0;
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const ops = [
    [30, 'cases.list', async () => (await api.call('GET', '/api/v1/cases?limit=50', { token: tokens.township })).status === 200],
    [20, 'residents.search', async () => (await api.call('GET', `/api/v1/residents?limit=50&q=${encodeURIComponent(pick(['王', '李', '张', '陈']))}`, { token: tokens.village })).status === 200],
    [15, 'cases.detail', async () => (await api.call('GET', `/api/v1/cases/${pick(cases)}`, { token: tokens.county })).status === 200],
    [10, 'orgs.grids', async () => (await api.call('GET', `/api/v1/orgs/${kVillage}/grids`, { token: tokens.village })).status === 200],
    [10, 'cases.intake', async () => {
      const r = await api.call('POST', '/api/v1/cases', { token: tokens.grid1, json: { category_code: 'E0102', description: `压力测试 ${++n}`, org_code: kGrid } });
      return r.status === 201;
    }],
    [8, 'open311.post', async () => {
      const r = await api.call('POST', '/open311/v2/requests.json', { form: { api_key: apiKey, service_code: 'E0102', lat: String(lat), long: String(lng), description: `压力测试 Open311 ${++n}` } });
      return r.status === 200;
    }],
    [7, 'residents.edit', async () => {
      const r0 = idle.pop();
      if (!r0) return true; // every resident is being edited: skip this tick
      try {
        const r = await api.call('PATCH', `/api/v1/residents/${r0.id}`, { token: tokens.grid1, json: { version: r0.version, occupation: `职业${++n}` } });
        if (r.status === 200) r0.version = r.body.version;
        return r.status === 200;
      } finally {
        idle.push(r0);
      }
    }],
  ];
  const total = ops.reduce((s, [w]) => s + w, 0);
  return () => {
    let x = Math.random() * total;
    for (const [w, name, fn] of ops) {
      if ((x -= w) < 0) return { name, fn };
    }
    return { name: ops[0][1], fn: ops[0][2] };
  };
}

class Window {
  constructor() {
    this.latencies = [];
    this.errors = 0;
    this.late = 0;
    this.failures = {};
  }
  record(name, ms, ok, detail) {
    this.latencies.push(ms);
    if (!ok) {
      this.errors++;
      this.failures[name] = detail;
    }
  }
  summary() {
    const l = [...this.latencies].sort((a, b) => a - b);
    const q = (p) => (l.length ? l[Math.min(l.length - 1, Math.floor(p * l.length))] : 0);
    return { requests: l.length, errors: this.errors, late: this.late, p50_ms: Math.round(q(0.5)), p99_ms: Math.round(q(0.99)), failures: this.failures };
  }
}

async function timed(op, w) {
  const t0 = performance.now();
  let ok = false;
  let detail = '';
  try {
    ok = await op.fn();
    if (!ok) detail = 'unexpected status';
  } catch (e) {
    detail = e.message;
  }
  w.record(op.name, performance.now() - t0, ok, detail);
}

async function measureCapacity(next, seconds) {
  const w = new Window();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: kConcurrency }, async () => {
      while (performance.now() < end) await timed(next(), w);
    }),
  );
  return { rate: w.latencies.length / seconds, ...w.summary() };
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'jiceng-soak-'));
  const db = args.db || join(work, 'soak.db');
  let server = null;
  try {
    console.log(`soak: demo county (${args.residents} residents, ${args.cases} cases) in ${args.db ? 'the given database' : db}`);
    run(args.jiceng, ['demo', '--db', db, '--residents', args.residents, '--cases', args.cases, '--password', kPassword]);
    const apiKey = run(args.jiceng, ['apikey', 'add', 'soak', '--db', db]).split('\n').find((l) => l.startsWith('jc311_'));
    if (!apiKey) throw new Error('no Open311 key issued');
    const port = await freePort();
    server = spawn(args.jiceng, ['serve', '--db', db, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let serverLog = '';
    server.stderr.on('data', (d) => (serverLog = (serverLog + d).slice(-4000)));
    const api = new Api(`http://127.0.0.1:${port}`);
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${api.base}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 300 || server.exitCode !== null) throw new Error(`server did not start:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const next = await buildMix(api, apiKey);

    const capacity = await measureCapacity(next, Number(args.capacity));
    const rate = capacity.rate / 2;
    console.log(`soak: capacity ${capacity.rate.toFixed(0)} req/s closed loop (${kConcurrency} clients, p50 ${capacity.p50_ms} ms, p99 ${capacity.p99_ms} ms, ${capacity.errors} errors); running ${rate.toFixed(0)} req/s for ${args.minutes} min`);
    console.log('minute  requests  errors  late  p50_ms  p99_ms  rss_mb');

    const windows = [];
    let w = new Window();
    let inFlight = 0;
    const pending = new Set();
    const start = performance.now();
    const end = start + Number(args.minutes) * 60000;
    let windowEnd = start + Number(args.window) * 1000;
    for (let sent = 0; performance.now() < end; sent++) {
      const due = start + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() >= windowEnd) {
        const s = { minute: +((windowEnd - start) / 60000).toFixed(1), ...w.summary(), rss_kb: await rssKb(server.pid) };
        windows.push(s);
        console.log(`${String(s.minute).padStart(6)}  ${String(s.requests).padStart(8)}  ${String(s.errors).padStart(6)}  ${String(s.late).padStart(4)}  ${String(s.p50_ms).padStart(6)}  ${String(s.p99_ms).padStart(6)}  ${(s.rss_kb / 1024).toFixed(1).padStart(6)}${s.errors ? '  ' + JSON.stringify(s.failures) : ''}`);
        w = new Window();
        windowEnd += Number(args.window) * 1000;
      }
      if (inFlight >= kMaxInFlight) {
        w.late++;
        continue;
      }
      inFlight++;
      const current = w;
      const p = timed(next(), current).finally(() => {
        inFlight--;
        pending.delete(p);
      });
      pending.add(p);
    }
    await Promise.all(pending);

    const errors = windows.reduce((s, x) => s + x.errors, 0);
    const first = windows[0]?.rss_kb ?? 0;
    const last = windows.at(-1)?.rss_kb ?? 0;
    const report = { minutes: Number(args.minutes), capacity, rate, windows, errors, rss_first_kb: first, rss_last_kb: last };
    console.log(`soak: ${errors} errors; RSS ${(first / 1024).toFixed(1)} MB after the first window, ${(last / 1024).toFixed(1)} MB at the end (${first ? (((last - first) / first) * 100).toFixed(1) : '0'} %)`);
    if (args.out) await writeFile(args.out, JSON.stringify(report, null, 2));
    if (server.exitCode !== null) throw new Error(`the server exited during the soak:\n${serverLog}`);
    return errors === 0 ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`soak: ${e.message}`);
    process.exit(1);
  },
);
