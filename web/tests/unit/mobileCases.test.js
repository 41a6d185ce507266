import { describe, expect, it } from 'vitest';
import {
  groupByMajor,
  kCommonCategoryCodes,
  loadCategories,
  pushRecentCategory,
  readRecent,
  searchCategories,
  shortList,
} from '../../src/mobile/lib/caseCategories.js';
import { sendCaseDraft } from '../../src/mobile/lib/caseDraft.js';
import { classifyCases, findReworked, hasOpenRework, isReportedBy } from '../../src/mobile/lib/myCases.js';
import { fitSize } from '../../src/mobile/lib/photos.js';
import { normalizeCode, publicReportBody } from '../../src/mobile/lib/publicCases.js';
import { createOutbox, memoryStore } from '../../src/mobile/lib/outbox.js';
import { fakeStorage } from './support/fakeStorage.js';

const kCatalogue = [
  { code: 'C0101', name: '上水井盖', major_name: '公用设施' },
  { code: 'C0102', name: '污水井盖', major_name: '公用设施' },
  { code: 'C0108', name: '路灯', major_name: '公用设施' },
  { code: 'E0102', name: '暴露垃圾', major_name: '市容环境' },
  { code: 'E0109', name: '占道堆物', major_name: '市容环境' },
  { code: 'E0502', name: '占道经营', major_name: '街面秩序' },
  { code: 'E0504', name: '机动车乱停放', major_name: '街面秩序' },
];

describe('case categories on the phone', () => {
  it('puts the recent categories first, then the common ones, without duplicates', () => {
    const list = shortList(kCatalogue, ['C0101', 'E0102'], kCommonCategoryCodes, 5);
    expect(list.map((c) => c.code)).toEqual(['C0101', 'E0102', 'E0504', 'E0502', 'E0109']);
    expect(list.map((c) => c.recent)).toEqual([true, true, false, false, false]);
  });

  it('skips codes the catalogue no longer has and fills up from it', () => {
    const list = shortList(kCatalogue.slice(0, 2), ['X9999'], ['Y0000'], 4);
    expect(list.map((c) => c.code)).toEqual(['C0101', 'C0102']);
  });

  it('remembers at most four recent categories per user, newest first', () => {
    const storage = fakeStorage();
    for (const code of ['A', 'B', 'C', 'D', 'B', 'E']) pushRecentCategory(storage, 'grid1', code);
    expect(readRecent(storage, 'grid1')).toEqual(['E', 'B', 'D', 'C']);
    expect(readRecent(storage, 'grid2')).toEqual([]);
  });

  it('finds categories by name, group or code; names starting with the words first', () => {
    expect(searchCategories(kCatalogue, '井盖').map((c) => c.code)).toEqual(['C0101', 'C0102']);
    expect(searchCategories(kCatalogue, '街面').map((c) => c.code)).toEqual(['E0502', 'E0504']);
    expect(searchCategories(kCatalogue, 'e0102').map((c) => c.code)).toEqual(['E0102']);
    expect(searchCategories(kCatalogue, '占道').map((c) => c.code)).toEqual(['E0109', 'E0502']);
    expect(searchCategories(kCatalogue, '  ')).toEqual([]);
  });

  it('groups by major category in catalogue order', () => {
    expect(groupByMajor(kCatalogue).map((g) => [g.major, g.items.length])).toEqual([
      ['公用设施', 3],
      ['市容环境', 2],
      ['街面秩序', 2],
    ]);
  });

  it('keeps the catalogue for use without signal', async () => {
    const storage = fakeStorage();
    const fresh = await loadCategories({ fetchCategories: async () => ({ items: [...kCatalogue, { code: 'Z', active: false }] }), storage });
    expect(fresh.items).toHaveLength(kCatalogue.length);
    const offline = async () => {
      throw Object.assign(new Error('network'), { status: 0 });
    };
    expect(await loadCategories({ fetchCategories: offline, storage })).toEqual({ items: fresh.items, fromCache: true });
    await expect(loadCategories({ fetchCategories: offline, storage: fakeStorage() })).rejects.toThrow('network');
  });
});

describe('my cases', () => {
  const me = { id: 7, username: 'grid1', display_name: '王丽' };

  it('knows her reports by the server id, else by name and channel, else by this phone', () => {
    expect(isReportedBy({ id: 1, reporter_user_id: 7 }, me)).toBe(true);
    expect(isReportedBy({ id: 1, reporter_user_id: 8, channel: 'grid_worker', reporter_name: '王丽' }, me)).toBe(false);
    expect(isReportedBy({ id: 1, channel: 'grid_worker', reporter_name: '王丽' }, me)).toBe(true);
    expect(isReportedBy({ id: 1, channel: 'resident', reporter_name: '王丽' }, me)).toBe(false);
    expect(isReportedBy({ id: 5, channel: 'hotline', reporter_name: '张三' }, me, new Set([5]))).toBe(true);
  });

  it('sees a rework only while no new resolve has followed it', () => {
    expect(hasOpenRework([{ action: 'resolve' }, { action: 'rework' }])).toBe(true);
    expect(hasOpenRework([{ action: 'resolve' }, { action: 'rework' }, { action: 'resolve' }])).toBe(false);
    expect(hasOpenRework([{ action: 'report' }, { action: 'dispatch' }])).toBe(false);
  });

  it('splits open cases into to-check, sent back and mine', () => {
    const open = [
      { id: 1, status: 'resolved', channel: 'api', reporter_name: '陈刚' },
      { id: 2, status: 'handling', channel: 'api', reporter_name: '陈刚' },
      { id: 3, status: 'handling', channel: 'grid_worker', reporter_name: '王丽' },
      { id: 4, status: 'resolved', channel: 'grid_worker', reporter_name: '王丽' },
    ];
    const lists = classifyCases(open, me, { reworked: new Set([2]) });
    expect(lists.verify.map((c) => c.id)).toEqual([1, 4]);
    expect(lists.rework.map((c) => c.id)).toEqual([2]);
    expect(lists.mine.map((c) => c.id)).toEqual([3, 4]);
  });

  it('reads the timeline of a handling case once per version', async () => {
    const storage = fakeStorage();
    const asked = [];
    const getDetail = async (id) => {
      asked.push(id);
      return { timeline: id === 2 ? [{ action: 'resolve' }, { action: 'rework' }] : [{ action: 'start' }] };
    };
    const open = [
      { id: 1, status: 'resolved', version: 5 },
      { id: 2, status: 'handling', version: 7 },
      { id: 3, status: 'handling', version: 4 },
    ];
    expect([...(await findReworked(open, { storage, username: 'grid1', getDetail }))]).toEqual([2]);
    expect(asked.sort()).toEqual([2, 3]);
    expect([...(await findReworked(open, { storage, username: 'grid1', getDetail }))]).toEqual([2]);
    expect(asked).toHaveLength(2);
    open[1].version = 9;
    await findReworked(open, { storage, username: 'grid1', getDetail });
    expect(asked).toHaveLength(3);
  });
});

describe('a case kept on the phone', () => {
  function offline() {
    return Object.assign(new Error('offline'), { status: 0 });
  }

  it('is reported once even when the connection drops between the case and its photos', async () => {
    const posts = [];
    const uploads = [];
    let failUploadsAt = 1; // the second photo fails the first time
    const outbox = createOutbox({
      store: memoryStore(),
      send: (draft) =>
        sendCaseDraft(draft, {
          post: async (path, body) => {
            posts.push(body);
            return { id: 42, version: 1 };
          },
          upload: async (path, blob) => {
            if (uploads.length === failUploadsAt) {
              failUploadsAt = -1;
              throw offline();
            }
            uploads.push([path, blob]);
          },
          toBlob: (dataUrl) => `blob:${dataUrl}`,
          update: (id, changes) => outbox.update(id, changes),
        }),
    });
    await outbox.add({ id: 'd1', owner: 'grid1', kind: 'case.create', method: 'POST', path: '/api/v1/cases', body: { description: '井盖破损' }, photos: ['p1', 'p2', 'p3'] });
    const first = await outbox.flush('grid1');
    expect(first.stopped).toBe('offline');
    expect(posts).toHaveLength(1);
    const kept = (await outbox.list('grid1'))[0];
    expect(kept.created).toEqual({ id: 42, version: 1 });
    expect(kept.photos_sent).toBe(1);
    const second = await outbox.flush('grid1');
    expect(second.sent).toHaveLength(1);
    expect(posts).toHaveLength(1);
    expect(uploads).toEqual([
      ['/api/v1/cases/42/photos', 'blob:p1'],
      ['/api/v1/cases/42/photos', 'blob:p2'],
      ['/api/v1/cases/42/photos', 'blob:p3'],
    ]);
    expect(await outbox.list('grid1')).toEqual([]);
  });

  it('sends only the photos of a case already on the server', async () => {
    const posts = [];
    const uploads = [];
    const created = await sendCaseDraft(
      { created: { id: 9, version: 1 }, photos: ['a', 'b'], photos_sent: 1 },
      {
        post: async () => posts.push(1),
        upload: async (path, blob) => uploads.push([path, blob]),
        toBlob: (x) => x,
        update: async () => {},
      },
    );
    expect(created.id).toBe(9);
    expect(posts).toEqual([]);
    expect(uploads).toEqual([['/api/v1/cases/9/photos', 'b']]);
  });
});

describe('photos and the residents channel', () => {
  it('shrinks only photos longer than 1920 px, keeping the aspect', () => {
    expect(fitSize(4000, 3000)).toEqual({ width: 1920, height: 1440 });
    expect(fitSize(3000, 4000)).toEqual({ width: 1440, height: 1920 });
    expect(fitSize(1200, 900)).toEqual({ width: 1200, height: 900 });
  });

  it('sends only what the resident gave', () => {
    expect(publicReportBody({ category: 'C0108', description: ' 路灯不亮 ', grid: '330681109290001', name: ' ', phone: '' })).toEqual({
      category_code: 'C0108',
      description: '路灯不亮',
      grid_code: '330681109290001',
    });
    expect(publicReportBody({ category: 'E0102', description: 'x', point: { lng: 120.1, lat: 29.5 }, name: '张华', phone: '13800000000' })).toEqual({
      category_code: 'E0102',
      description: 'x',
      lng: 120.1,
      lat: 29.5,
      reporter_name: '张华',
      reporter_phone: '13800000000',
    });
  });

  it('makes the description public only when the resident ticked it', () => {
    expect(publicReportBody({ category: 'C0108', description: 'x', grid: '330681109290001' })).not.toHaveProperty('public_description');
    expect(publicReportBody({ category: 'C0108', description: 'x', grid: '330681109290001', shareDescription: false })).not.toHaveProperty('public_description');
    expect(publicReportBody({ category: 'C0108', description: 'x', grid: '330681109290001', shareDescription: true }).public_description).toBe(true);
  });

  it('reads tracking codes as typed', () => {
    expect(normalizeCode(' ab12 cd ')).toBe('AB12CD');
  });
});
