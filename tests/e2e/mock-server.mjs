// A tiny in-memory stand-in for the Jiceng server, following docs/api.md, used only to develop
// and screenshot the web console before the real binary exists. The browser tests (run.mjs)
// never use it.
//   node tests/e2e/mock-server.mjs --port 8080 --web-root web/dist
import { createServer } from 'node:http';
import { randomBytes, createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { areaM2, ringInside, ringOf, ringsOverlap, selfIntersects } from './lib/geometry.mjs';

const { values: args } = parseArgs({
  options: { port: { type: 'string', default: '8080' }, 'web-root': { type: 'string', default: '' } },
});
const kPassword = 'Demo#2026pass';
const kMaxFailures = 5;

// ---------- data ----------
const kRolePermissions = {
  system_admin: ['org.read', 'org.write', 'org.grid.write', 'user.read', 'user.write'],
  security_admin: ['security.unlock', 'security.password.reset', 'security.policy'],
  audit_admin: ['audit.read'],
  county_staff: ['org.read', 'org.grid.write'],
  township_staff: ['org.read', 'org.grid.write'],
  village_staff: ['org.read'],
  department_handler: ['org.read'],
  grid_worker: ['org.read'],
};
const kRoleNames = {
  system_admin: '系统管理员', security_admin: '安全管理员', audit_admin: '审计管理员',
  county_staff: '县级工作人员', township_staff: '乡镇（街道）工作人员', village_staff: '村（社区）工作人员',
  department_handler: '部门处置人员', grid_worker: '网格员',
};
const kPermissionNames = {
  'org.read': '查看组织与网格', 'org.write': '维护组织', 'org.grid.write': '维护网格',
  'user.read': '查看用户', 'user.write': '维护用户', 'security.unlock': '解锁账号',
  'security.password.reset': '重置密码', 'security.policy': '安全策略', 'audit.read': '查看审计日志',
};
const kKindNames = {
  county: '县级市', town: '镇', street: '街道', villagers: '村委会', community: '居委会',
  comprehensive: '综合网格', dedicated: '专属网格',
};

const orgs = new Map();
function addOrg(code, name, level, kind, parentCode) {
  orgs.set(code, { code, name, level, kind, kind_name: kKindNames[kind] ?? kind, parent_code: parentCode });
}
addOrg('330681', '诸暨市', 'county', 'county', '3306');
addOrg('330681001', '暨阳街道', 'township', 'street', '330681');
addOrg('330681109', '枫桥镇', 'township', 'town', '330681');
addOrg('330681001001', '城西社区', 'village', 'community', '330681001');
const kVillages = [
  ['330681109002', '天竺社区', 'community'], ['330681109003', '百树社区', 'community'],
  ['330681109219', '先进村', 'villagers'], ['330681109222', '洄村', 'villagers'],
  ['330681109290', '枫源村', 'villagers'], ['330681109291', '乐山村', 'villagers'],
  ['330681109292', '齐东村', 'villagers'], ['330681109293', '永宁村', 'villagers'],
];
const boundaries = new Map();
kVillages.forEach(([code, name, kind], i) => {
  addOrg(code, name, 'village', kind, '330681109');
  const x = 120.22 + (i % 4) * 0.035;
  const y = 29.62 + Math.floor(i / 4) * 0.03;
  boundaries.set(code, [[x, y], [x + 0.03, y], [x + 0.03, y + 0.025], [x, y + 0.025]]);
});

const grids = new Map(); // code -> {props, geometry, versions: []}
let gridSeq = new Map();
function polygonOf(ring) {
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}
function seedGrids(villageCode, names) {
  const [[x0, y0], [x1], [, y1]] = [boundaries.get(villageCode)[0], boundaries.get(villageCode)[1], boundaries.get(villageCode)[2]];
  const step = (x1 - x0) / names.length;
  names.forEach((name, i) => {
    const ring = [[x0 + i * step, y0], [x0 + (i + 1) * step, y0], [x0 + (i + 1) * step, y1], [x0 + i * step, y1]];
    saveGrid({ village_code: villageCode, name, kind: 'comprehensive', household_capacity: 320,
      population_capacity: 1100, hotline: '0575-87012345', worker_ids: [] }, polygonOf(ring), 'system');
  });
}
function nextGridCode(villageCode) {
  const n = (gridSeq.get(villageCode) ?? 0) + 1;
  gridSeq.set(villageCode, n);
  return `${villageCode}${String(n).padStart(3, '0')}`;
}
function saveGrid(input, geometry, actor, existingCode) {
  const code = existingCode ?? nextGridCode(input.village_code);
  const previous = grids.get(code);
  const version = previous ? previous.props.version + 1 : 1;
  const ring = ringOf(geometry);
  const props = {
    code, name: input.name, kind: input.kind,
    dedicated_kind: input.kind === 'dedicated' ? input.dedicated_kind ?? null : null,
    village_code: input.village_code,
    household_capacity: input.household_capacity ?? 0, population_capacity: input.population_capacity ?? 0,
    area_m2: Math.round(areaM2(ring)), hotline: input.hotline ?? '',
    workers: (input.worker_ids ?? []).map((id) => users.get(id)).filter(Boolean)
      .map((u) => ({ user_id: u.id, name: u.display_name, phone: u.phone })),
    version, updated_at: new Date().toISOString(),
  };
  if (!existingCode && !orgs.has(code)) addOrg(code, input.name, 'grid', input.kind, input.village_code);
  orgs.get(code).name = input.name;
  const versions = previous?.versions ?? [];
  versions.push({ version, at: props.updated_at, actor, name: props.name, geometry });
  grids.set(code, { props, geometry, versions });
  return code;
}

const users = new Map();
let userSeq = 0;
function addUser(username, display_name, org_code, roles, phone = '') {
  const id = String(++userSeq);
  users.set(id, { id, username, display_name, org_code, roles, phone, locked_until: null, disabled: false,
    last_login_at: null, password: kPassword, failures: 0 });
  return id;
}
addUser('admin', '系统管理员', '330681', ['system_admin']);
addUser('security', '安全管理员', '330681', ['security_admin']);
addUser('auditor', '审计管理员', '330681', ['audit_admin']);
addUser('county', '县综治中心', '330681', ['county_staff'], '13800000001');
addUser('township', '陈刚', '330681109', ['township_staff'], '13800000002');
addUser('village', '李明', '330681109290', ['village_staff'], '13800000003');
const grid1Id = addUser('grid1', '王丽', '330681109290001', ['grid_worker'], '13800000004');
const grid2Id = addUser('grid2', '赵强', '330681109290002', ['grid_worker'], '13800000005');
seedGrids('330681109290', ['枫源一网格', '枫源二网格', '枫源三网格']);
grids.get('330681109290001').props.workers = [{ user_id: grid1Id, name: '王丽', phone: '138****0004' }];
grids.get('330681109290002').props.workers = [{ user_id: grid2Id, name: '赵强', phone: '138****0005' }];
seedGrids('330681109291', ['乐山一网格', '乐山二网格']);

const sessions = new Map(); // session id -> {userId, csrf}
const audit = [];
const logins = [];
function record(actor, action, target_type, target_id, org_code, summary, outcome = 'success') {
  const prev = audit.length ? audit[audit.length - 1].hash : '';
  const entry = { seq: audit.length + 1, at: new Date().toISOString(), actor, action, target_type,
    target_id, org_code, summary, request_id: randomBytes(6).toString('hex'), source: '127.0.0.1', outcome };
  entry.hash = createHash('sha256').update(prev + JSON.stringify(entry)).digest('hex');
  audit.push(entry);
}

// ---------- helpers ----------
class Problem extends Error {
  constructor(status, code, title, extra = {}) {
    super(title);
    Object.assign(this, { status, code, title, ...extra });
  }
}
const notFound = () => new Problem(404, 'not_found', '资源不存在');
function permissionsOf(user) {
  return [...new Set(user.roles.flatMap((r) => kRolePermissions[r] ?? []))];
}
function publicUser(u) {
  const org = orgs.get(u.org_code);
  const { password, failures, ...rest } = u;
  return { ...rest, org_name: org?.name ?? '', permissions: permissionsOf(u) };
}
function inScope(user, code) {
  return code.startsWith(user.org_code) || (user.org_code.length > code.length && user.org_code.startsWith(code) && false);
}
function pathOf(code) {
  const path = [];
  for (let c = code; orgs.has(c); c = orgs.get(c).parent_code) path.unshift({ code: c, name: orgs.get(c).name });
  return path;
}
function orgView(code) {
  const o = orgs.get(code);
  const children = [...orgs.values()].filter((x) => x.parent_code === code);
  return { ...o, path: pathOf(code), child_count: children.length, has_boundary: boundaries.has(code) };
}
function page(items, query) {
  const limit = Math.min(Number(query.get('limit') ?? 50) || 50, 500);
  const start = Number(query.get('cursor') ?? 0) || 0;
  const slice = items.slice(start, start + limit);
  return { items: slice, next_cursor: start + limit < items.length ? String(start + limit) : null };
}
function gridFeature(code) {
  const g = grids.get(code);
  return { type: 'Feature', id: code, geometry: g.geometry, properties: g.props };
}
function requirePermission(user, permission) {
  if (!permissionsOf(user).includes(permission)) throw new Problem(403, 'auth.forbidden', '没有权限');
}
function parseCookies(header = '') {
  return Object.fromEntries(header.split(';').map((p) => p.trim().split('=')).filter((p) => p[0]));
}
function validateGrid(input, code) {
  const village = boundaries.get(input.village_code);
  if (!village) throw new Problem(422, 'org.grid.outside_village', '村（社区）不存在或没有边界', { field: 'village_code' });
  if (!input.name) throw new Problem(422, 'org.grid.name', '请填写网格名称', { field: 'name' });
  if (!['comprehensive', 'dedicated'].includes(input.kind) ||
      (input.kind === 'dedicated' && !['school', 'hospital', 'park', 'enterprise'].includes(input.dedicated_kind))) {
    throw new Problem(422, 'org.grid.kind', '网格类型不正确', { field: 'kind' });
  }
  const g = input.geometry;
  if (!g || g.type !== 'Polygon' || !Array.isArray(g.coordinates) || !g.coordinates[0] || g.coordinates[0].length < 4) {
    throw new Problem(422, 'org.grid.geometry_invalid', '网格边界不是有效的多边形', { field: 'geometry' });
  }
  const ring = ringOf(g);
  if (selfIntersects(ring)) throw new Problem(422, 'org.grid.self_intersection', '网格边界自相交', { field: 'geometry' });
  if (!ringInside(ring, village)) {
    throw new Problem(422, 'org.grid.outside_village', '网格超出所属村（社区）边界', { field: 'geometry' });
  }
  for (const [other, g2] of grids) {
    if (other === code || g2.props.village_code !== input.village_code) continue;
    if (ringsOverlap(ring, ringOf(g2.geometry))) {
      throw new Problem(422, 'org.grid.overlap', '网格与相邻网格重叠', {
        field: 'geometry', detail: `与网格“${g2.props.name}”（${other}）重叠`,
      });
    }
  }
}

// ---------- routes ----------
async function handleApi(req, url, body, res) {
  const method = req.method;
  const path = url.pathname;
  const q = url.searchParams;
  if (method === 'GET' && path === '/healthz') return { status: 'ok' };
  if (method === 'GET' && path === '/api/v1/ui-config') {
    return { map: { tile_url: '', attribution: '', tianditu_key: '' }, version: '0.1.0-mock' };
  }
  if (method === 'POST' && path === '/api/v1/auth/login') {
    const user = [...users.values()].find((u) => u.username === body?.username);
    const log = (outcome, reason) => logins.unshift({ at: new Date().toISOString(), username: body?.username ?? '', source: '127.0.0.1', outcome, reason });
    if (user && user.locked_until && new Date(user.locked_until) > new Date()) {
      log('failure', 'locked');
      // As the real server: a locked account gets the answer of any failed login.
      throw new Problem(401, 'auth.bad_credentials', '用户名或密码错误，或账号已锁定、停用');
    }
    if (!user || user.password !== body?.password || user.disabled) {
      if (user && ++user.failures >= kMaxFailures) user.locked_until = new Date(Date.now() + 30 * 60000).toISOString();
      log('failure', 'bad_credentials');
      throw new Problem(401, 'auth.bad_credentials', '用户名或密码错误，或账号已锁定、停用');
    }
    user.failures = 0;
    user.last_login_at = new Date().toISOString();
    const sid = randomBytes(16).toString('hex');
    const csrf = randomBytes(16).toString('hex');
    sessions.set(sid, { userId: user.id, csrf });
    res.setHeader('Set-Cookie', [
      `jiceng_session=${sid}; Path=/; HttpOnly; SameSite=Strict`,
      `jiceng_csrf=${csrf}; Path=/; SameSite=Strict`,
    ]);
    log('success', '');
    record(user.username, 'auth.login', 'user', user.id, user.org_code, '登录成功');
    return { token: sid, csrf_token: csrf, expires_at: new Date(Date.now() + 8 * 3600000).toISOString(), user: publicUser(user) };
  }
  if (path.startsWith('/api/v1/public/grids/')) {
    const code = path.split('/').pop();
    if (!grids.has(code)) throw notFound();
    const p = grids.get(code).props;
    return { code, name: p.name, area_m2: p.area_m2, workers: p.workers.map(({ name, phone }) => ({ name, phone })), hotline: p.hotline };
  }

  const cookies = parseCookies(req.headers.cookie);
  const session = sessions.get(cookies.jiceng_session);
  if (!session) throw new Problem(401, 'auth.required', '请先登录');
  if (!['GET', 'HEAD'].includes(method) && req.headers['x-csrf-token'] !== session.csrf) {
    throw new Problem(403, 'auth.csrf', 'CSRF 校验失败');
  }
  const me = users.get(session.userId);
  let m;

  if (method === 'POST' && path === '/api/v1/auth/logout') { sessions.delete(cookies.jiceng_session); return null; }
  if (method === 'GET' && path === '/api/v1/auth/me') return { user: publicUser(me) };
  if (method === 'POST' && path === '/api/v1/auth/password') {
    if (body?.old_password !== me.password) throw new Problem(422, 'auth.password.wrong', '原密码不正确', { field: 'old_password' });
    if ((body?.new_password ?? '').length < 8) throw new Problem(422, 'auth.password.weak', '密码至少 8 位', { field: 'new_password' });
    me.password = body.new_password;
    return null;
  }
  if (method === 'GET' && path === '/api/v1/auth/logins') { requirePermission(me, 'audit.read'); return page(logins, q); }

  if (method === 'GET' && path === '/api/v1/users') {
    requirePermission(me, 'user.read');
    const text = q.get('q') ?? '';
    const list = [...users.values()].filter((u) => !text || u.username.includes(text) || u.display_name.includes(text));
    return page(list.map(publicUser), q);
  }
  if (method === 'POST' && path === '/api/v1/users') {
    requirePermission(me, 'user.write');
    if ([...users.values()].some((u) => u.username === body.username)) throw new Problem(409, 'user.username_taken', '用户名已存在', { field: 'username' });
    const id = addUser(body.username, body.display_name, body.org_code, body.roles ?? [], body.phone ?? '');
    users.get(id).password = body.password;
    record(me.username, 'user.create', 'user', id, body.org_code, `新增用户 ${body.username}`);
    res.statusCode = 201;
    return publicUser(users.get(id));
  }
  if ((m = path.match(/^\/api\/v1\/users\/([^/]+)(\/(password|unlock))?$/))) {
    const user = users.get(m[1]);
    if (!user) throw notFound();
    if (!m[3] && method === 'GET') { requirePermission(me, 'user.read'); return publicUser(user); }
    if (!m[3] && method === 'PATCH') {
      requirePermission(me, 'user.write');
      for (const k of ['display_name', 'org_code', 'roles', 'phone', 'disabled']) if (k in body) user[k] = body[k];
      record(me.username, 'user.update', 'user', user.id, user.org_code, `修改用户 ${user.username}`);
      return publicUser(user);
    }
    if (m[3] === 'password' && method === 'POST') {
      requirePermission(me, 'security.password.reset'); user.password = body.password;
      record(me.username, 'security.password.reset', 'user', user.id, user.org_code, `重置 ${user.username} 的密码`);
      return null;
    }
    if (m[3] === 'unlock' && method === 'POST') {
      requirePermission(me, 'security.unlock'); user.locked_until = null; user.failures = 0;
      record(me.username, 'security.unlock', 'user', user.id, user.org_code, `解锁 ${user.username}`);
      return null;
    }
  }
  if (method === 'GET' && path === '/api/v1/roles') {
    requirePermission(me, 'user.read');
    return Object.keys(kRolePermissions).map((code) => ({ code, name: kRoleNames[code], permissions: kRolePermissions[code] }));
  }
  if (method === 'GET' && path === '/api/v1/permissions') {
    requirePermission(me, 'user.read');
    return Object.entries(kPermissionNames).map(([code, name]) => ({ code, name }));
  }
  if (method === 'GET' && path === '/api/v1/audit') {
    requirePermission(me, 'audit.read');
    const f = Object.fromEntries(q);
    const list = audit.slice().reverse().filter((e) =>
      (!f.actor || e.actor === f.actor) && (!f.action || e.action.startsWith(f.action)) &&
      (!f.from || e.at >= f.from) && (!f.to || e.at < f.to) && (!f.q || e.summary.includes(f.q)));
    return page(list.map(({ hash, ...e }) => e), q);
  }
  if (method === 'POST' && path === '/api/v1/audit/verify') {
    requirePermission(me, 'audit.read');
    return { ok: true, checked: audit.length, first_bad_seq: null, reason: '' };
  }

  // org tree and grids
  requirePermission(me, 'org.read');
  const visible = (code) => code.startsWith(me.org_code);
  if (method === 'GET' && path === '/api/v1/orgs/roots') return { items: [orgView(me.org_code)] };
  if (method === 'GET' && path === '/api/v1/orgs') {
    const text = q.get('q') ?? '';
    const list = [...orgs.values()].filter((o) => visible(o.code) && text && o.name.includes(text)).map((o) => orgView(o.code));
    return page(list, q);
  }
  if ((m = path.match(/^\/api\/v1\/orgs\/(\d+)(\/(children|boundary|grids))?$/)) && method === 'GET') {
    const code = m[1];
    if (!orgs.has(code) || !visible(code)) throw notFound();
    if (!m[3]) return orgView(code);
    if (m[3] === 'children') {
      const list = [...orgs.values()].filter((o) => o.parent_code === code).sort((a, b) => a.code.localeCompare(b.code));
      return page(list.map((o) => orgView(o.code)), q);
    }
    if (m[3] === 'boundary') {
      if (!boundaries.has(code)) throw new Problem(404, 'org.boundary.not_found', '没有边界数据');
      return { type: 'Feature', id: code, geometry: polygonOf(boundaries.get(code)), properties: { code, name: orgs.get(code).name } };
    }
    const features = [...grids.keys()].filter((c) => grids.get(c).props.village_code === code && visible(c)).sort().map(gridFeature);
    return { type: 'FeatureCollection', features };
  }
  if (method === 'POST' && path === '/api/v1/grids') {
    requirePermission(me, 'org.grid.write');
    if (!visible(body.village_code ?? '')) throw notFound();
    validateGrid(body);
    const code = saveGrid(body, body.geometry, me.username);
    record(me.username, 'org.grid.create', 'grid', code, code, `新建网格 ${body.name}`);
    res.statusCode = 201;
    return gridFeature(code);
  }
  if ((m = path.match(/^\/api\/v1\/grids\/(\d+)(\/versions)?$/))) {
    const code = m[1];
    if (!grids.has(code) || !visible(code)) throw notFound();
    if (method === 'GET' && m[2]) return { items: grids.get(code).versions.slice().reverse() };
    if (method === 'GET') return gridFeature(code);
    requirePermission(me, 'org.grid.write');
    if (method === 'PUT') {
      if (body.version !== grids.get(code).props.version) throw new Problem(409, 'org.grid.version_conflict', '网格已被他人修改，请刷新后重试', { field: 'version' });
      validateGrid({ ...body, village_code: grids.get(code).props.village_code }, code);
      saveGrid({ ...body, village_code: grids.get(code).props.village_code }, body.geometry, me.username, code);
      record(me.username, 'org.grid.update', 'grid', code, code, `修改网格 ${body.name}`);
      return gridFeature(code);
    }
    if (method === 'DELETE') {
      const name = grids.get(code).props.name;
      grids.delete(code); orgs.delete(code);
      record(me.username, 'org.grid.delete', 'grid', code, code, `删除网格 ${name}`);
      return null;
    }
  }
  throw notFound();
}

// ---------- static files ----------
const kTypes = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };
async function serveStatic(url, res) {
  const root = resolve(args['web-root']);
  let file = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) file = join(root, 'index.html');
  try {
    if (!(await stat(file)).isFile()) throw new Error('dir');
  } catch {
    file = join(root, 'index.html'); // history-mode fallback
  }
  res.setHeader('Content-Type', kTypes[extname(file)] ?? 'application/octet-stream');
  res.end(await readFile(file));
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('X-Request-Id', randomBytes(6).toString('hex'));
  const isApi = url.pathname.startsWith('/api/') || url.pathname === '/healthz';
  if (!isApi) {
    if (!args['web-root']) { res.statusCode = 404; res.end(); return; }
    await serveStatic(url, res);
    return;
  }
  let body;
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const answer = await handleApi(req, url, body, res);
    if (answer === null) { res.statusCode = 204; res.end(); return; }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer));
  } catch (error) {
    const problem = error instanceof Problem ? error : new Problem(500, 'internal', '服务器内部错误');
    if (!(error instanceof Problem)) console.error(error);
    res.statusCode = problem.status;
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.end(JSON.stringify({ status: problem.status, code: problem.code, title: problem.title,
      detail: problem.detail ?? '', field: problem.field ?? '', request_id: res.getHeader('X-Request-Id') }));
  }
});
server.listen(Number(args.port), '127.0.0.1', () => console.log(`mock jiceng on http://127.0.0.1:${args.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
