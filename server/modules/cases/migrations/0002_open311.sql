-- Open311 GeoReport v2: API keys of the clients that POST requests, the attributes (extra
-- questions) of each service, and what an Open311 request carries besides a staff report.
-- Times are UTC epoch milliseconds.

-- An API key: only its SM3 hash is kept (the key is shown once, by `jiceng apikey add`).
-- org_code limits the key to an org subtree ('' = the whole installation).
CREATE TABLE cases_api_keys (
  id         {{id}},
  name       TEXT NOT NULL,
  key_hash   TEXT NOT NULL,
  org_code   TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX cases_api_keys_name ON cases_api_keys (name);
CREATE UNIQUE INDEX cases_api_keys_hash ON cases_api_keys (key_hash);

-- An Open311 request: the answers to its service's attributes (JSON object), the client's
-- address_id and media_url (public, like the address), the key it came with, and the reporter's
-- email, device and account ids, encrypted like reporter_phone and never public.
ALTER TABLE cases_cases ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases_cases ADD COLUMN address_id TEXT NOT NULL DEFAULT '';
ALTER TABLE cases_cases ADD COLUMN media_url TEXT NOT NULL DEFAULT '';
ALTER TABLE cases_cases ADD COLUMN api_key_id BIGINT;
ALTER TABLE cases_cases ADD COLUMN reporter_email_enc {{blob}};
ALTER TABLE cases_cases ADD COLUMN reporter_device_enc {{blob}};
ALTER TABLE cases_cases ADD COLUMN reporter_account_enc {{blob}};
-- GET requests.[format] reads the newest requests of a date window.
CREATE INDEX cases_cases_created ON cases_cases (created_at, id);

-- The attributes of a category (GeoReport v2 service definition). datatype: string | number |
-- datetime | text | singlevaluelist | multivaluelist; values_json: [{"key": ..., "name": ...}]
-- for the two list types; pattern: an ECMAScript regex the whole answer must match ('' = any).
-- variable = 0: information for the user, no input. Admins' data after this seed.
CREATE TABLE cases_category_attributes (
  category_code        TEXT NOT NULL,
  code                 TEXT NOT NULL,
  variable             INTEGER NOT NULL DEFAULT 1,
  datatype             TEXT NOT NULL,
  required             INTEGER NOT NULL DEFAULT 0,
  datatype_description TEXT NOT NULL DEFAULT '',
  sort_order           INTEGER NOT NULL,
  description          TEXT NOT NULL,
  values_json          TEXT NOT NULL DEFAULT '[]',
  pattern              TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (category_code, code)
);

-- Every component (C) gets its GB/T 30428.2 component number; manhole covers their condition;
-- 其他部件 must name the component. Events: how much rubbish, how deep the water, when the noise
-- is, the plate and the obstruction of a parked car, the reach of a burst main; gas leaks show
-- a safety notice.
INSERT INTO cases_category_attributes (category_code, code, variable, datatype, required, datatype_description,
                                       sort_order, description, values_json, pattern) VALUES
  ('C0101', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0102', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0103', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0104', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0105', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0106', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0107', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0108', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0201', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0202', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0203', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0204', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0205', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0206', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0301', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0302', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0303', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0304', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0401', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0402', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0403', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0404', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0501', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0502', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0601', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0602', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0603', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C9901', 'component_id', 1, 'string', 0, '16 位数字：县级行政区划代码 6 位 + 大类 2 位 + 小类 2 位 + 流水号 6 位（GB/T 30428.2）', 1, '部件编号：部件标识牌上的 16 位编号，看不到可不填', '[]', '[0-9]{16}'),
  ('C0101', 'condition', 1, 'singlevaluelist', 0, '', 2, '井盖的状况', '[{"key":"missing","name":"缺失"},{"key":"broken","name":"破损"},{"key":"displaced","name":"移位"},{"key":"uneven","name":"与路面有高差"}]', ''),
  ('C0102', 'condition', 1, 'singlevaluelist', 0, '', 2, '井盖的状况', '[{"key":"missing","name":"缺失"},{"key":"broken","name":"破损"},{"key":"displaced","name":"移位"},{"key":"uneven","name":"与路面有高差"}]', ''),
  ('C0103', 'condition', 1, 'singlevaluelist', 0, '', 2, '井盖的状况', '[{"key":"missing","name":"缺失"},{"key":"broken","name":"破损"},{"key":"displaced","name":"移位"},{"key":"uneven","name":"与路面有高差"}]', ''),
  ('C0104', 'condition', 1, 'singlevaluelist', 0, '', 2, '井盖的状况', '[{"key":"missing","name":"缺失"},{"key":"broken","name":"破损"},{"key":"displaced","name":"移位"},{"key":"uneven","name":"与路面有高差"}]', ''),
  ('C0105', 'condition', 1, 'singlevaluelist', 0, '', 2, '井盖的状况', '[{"key":"missing","name":"缺失"},{"key":"broken","name":"破损"},{"key":"displaced","name":"移位"},{"key":"uneven","name":"与路面有高差"}]', ''),
  ('C0106', 'condition', 1, 'singlevaluelist', 0, '', 2, '井盖的状况', '[{"key":"missing","name":"缺失"},{"key":"broken","name":"破损"},{"key":"displaced","name":"移位"},{"key":"uneven","name":"与路面有高差"}]', ''),
  ('C9901', 'component_name', 1, 'string', 1, '如：配电箱、邮筒、消防水泵接合器', 2, '部件名称', '[]', ''),
  ('E0102', 'volume', 1, 'singlevaluelist', 0, '', 1, '垃圾数量', '[{"key":"small","name":"少量（一袋以内）"},{"key":"medium","name":"较多（一车以内）"},{"key":"large","name":"大量（需车辆清运）"}]', ''),
  ('E0105', 'volume', 1, 'singlevaluelist', 0, '', 1, '垃圾数量', '[{"key":"small","name":"少量（一袋以内）"},{"key":"medium","name":"较多（一车以内）"},{"key":"large","name":"大量（需车辆清运）"}]', ''),
  ('E0108', 'depth_cm', 1, 'number', 0, '厘米，如 20', 1, '积水深度', '[]', ''),
  ('E0301', 'time_of_day', 1, 'singlevaluelist', 0, '', 1, '通常发生在什么时段', '[{"key":"daytime","name":"白天（6 时至 22 时）"},{"key":"night","name":"夜间（22 时至次日 6 时）"}]', ''),
  ('E0301', 'observed_at', 1, 'datetime', 0, 'ISO 8601 时间，如 2026-05-01T23:30:00+08:00', 2, '最近一次发生的时间', '[]', ''),
  ('E0402', 'impact', 1, 'text', 0, '', 1, '影响范围，如停水的楼栋、积水的路段', '[]', ''),
  ('E0403', 'safety_notice', 0, 'string', 0, '', 1, '请立即远离现场，不要开关电器、不要使用明火，并拨打燃气抢修电话或 119。', '[]', ''),
  ('E0504', 'plate', 1, 'string', 0, '如：浙D12345；看不清可不填', 1, '车牌号', '[]', ''),
  ('E0504', 'obstruction', 1, 'multivaluelist', 0, '可多选', 2, '造成的影响', '[{"key":"sidewalk","name":"占用人行道"},{"key":"fire_lane","name":"堵塞消防通道"},{"key":"tactile_paving","name":"占用盲道"},{"key":"entrance","name":"堵塞出入口"}]', ''),
  ('E0507', 'time_of_day', 1, 'singlevaluelist', 0, '', 1, '通常发生在什么时段', '[{"key":"daytime","name":"白天（6 时至 22 时）"},{"key":"night","name":"夜间（22 时至次日 6 时）"}]', '');

-- Categories about people's circumstances rather than public space: their Open311 GET answers
-- leave out the description and the location (status, service and dates stay), so that a
-- neighbour dispute or an elderly person living alone is not published on a map.
CREATE TABLE cases_open311_private_categories (
  category_code TEXT PRIMARY KEY
);
INSERT INTO cases_open311_private_categories (category_code) VALUES
  ('E0601'), ('E0603'), ('E0604'), ('E0605'), ('E0606');
