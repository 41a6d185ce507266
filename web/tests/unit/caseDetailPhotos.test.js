import { describe, expect, it } from 'vitest';
import {
  actionTakesPhotos,
  addPhotoFiles,
  eventOfAction,
  groupPhotosByStep,
  kMaxPhotoBytes,
  maxEventId,
  photoFileError,
  photoTypeOf,
  photosByEvent,
  reportEventId,
} from '../../src/modules/cases/photos/caseDetailPhotos.js';
import zhCN from '../../src/locales/zh-CN.json';
import en from '../../src/locales/en.json';

// A stand-in for a picked File: the helpers read name, type and size only.
const file = (name, type, size = 1000) => ({ name, type, size });

const timeline = [
  { id: 11, action: 'report' },
  { id: 12, action: 'file' },
  { id: 15, action: 'resolve' },
  { id: 18, action: 'rework' },
  { id: 21, action: 'resolve' },
  { id: 22, action: 'verify' },
];
const photo = (id, eventId) => ({ id, event_id: eventId, url: `/api/v1/cases/1/photos/${id}` });

describe('which files an action may carry', () => {
  it('takes JPEG, PNG and WebP, by MIME type or by extension when the browser gives none', () => {
    expect(photoFileError(file('a.jpg', 'image/jpeg'))).toBe('');
    expect(photoFileError(file('a.png', 'image/png'))).toBe('');
    expect(photoFileError(file('a.webp', 'image/webp'))).toBe('');
    expect(photoFileError(file('a.JPEG', ''))).toBe('');
    expect(photoTypeOf(file('a.jpg', 'image/jpg'))).toBe('image/jpeg');
    expect(photoTypeOf(file('A.WEBP', ''))).toBe('image/webp');
  });

  it('refuses other types, an empty file and one over 10 MB', () => {
    expect(photoFileError(file('a.heic', 'image/heic'))).toBe('caseDetail.photos.errors.type');
    expect(photoFileError(file('a.gif', 'image/gif'))).toBe('caseDetail.photos.errors.type');
    expect(photoFileError(file('notes.pdf', ''))).toBe('caseDetail.photos.errors.type');
    expect(photoFileError(file('a.jpg', 'image/jpeg', 0))).toBe('caseDetail.photos.errors.empty');
    expect(photoFileError(file('a.jpg', 'image/jpeg', kMaxPhotoBytes))).toBe('');
    expect(photoFileError(file('a.jpg', 'image/jpeg', kMaxPhotoBytes + 1))).toBe('caseDetail.photos.errors.tooLarge');
  });

  it('adds at most four photos in all and says which were left out and why', () => {
    const current = [file('1.jpg', 'image/jpeg'), file('2.jpg', 'image/jpeg')];
    const picked = [
      file('3.jpg', 'image/jpeg'),
      file('big.jpg', 'image/jpeg', kMaxPhotoBytes + 1),
      file('4.png', 'image/png'),
      file('5.webp', 'image/webp'),
    ];
    const { accepted, refused } = addPhotoFiles(current, picked);
    expect(accepted.map((f) => f.name)).toEqual(['3.jpg', '4.png']);
    expect(refused).toEqual([
      { name: 'big.jpg', key: 'caseDetail.photos.errors.tooLarge' },
      { name: '5.webp', key: 'caseDetail.photos.errors.tooMany' },
    ]);
    expect(addPhotoFiles([], [file('a.jpg', 'image/jpeg')], 0).accepted).toEqual([]);
  });

  it('offers photos on working steps, not on those that finish the case or on the call back', () => {
    for (const a of ['resolve', 'verify', 'rework', 'note', 'accept', 'start', 'return']) expect(actionTakesPhotos(a)).toBe(true);
    for (const a of ['close', 'reject', 'merge', 'follow_up', '', null]) expect(actionTakesPhotos(a)).toBe(false);
  });

  it('names every refusal in both languages', () => {
    for (const key of ['type', 'empty', 'tooLarge', 'tooMany', 'noStep']) {
      expect(zhCN.caseDetail.photos.errors[key]).toMatch(/[\u4e00-\u9fff]/);
      expect(en.caseDetail.photos.errors[key]).toBeTruthy();
    }
  });
});

describe('photos by timeline step', () => {
  it('groups in timeline order, photos without an event under the report', () => {
    const photos = [photo('a', 22), photo('b', null), photo('c', 15), photo('d', 11), photo('e', 22)];
    const groups = groupPhotosByStep(photos, timeline);
    expect(groups.map((g) => [g.id, g.event.action, g.photos.map((p) => p.id)])).toEqual([
      [11, 'report', ['b', 'd']],
      [15, 'resolve', ['c']],
      [22, 'verify', ['a', 'e']],
    ]);
  });

  it('keeps two resolve steps apart (before and after a rework)', () => {
    const groups = groupPhotosByStep([photo('x', 21), photo('y', 15)], timeline);
    expect(groups.map((g) => g.id)).toEqual([15, 21]);
  });

  it('puts photos of an event the timeline lacks last, and shows nothing for no photos', () => {
    const groups = groupPhotosByStep([photo('z', 99), photo('c', 15)], timeline);
    expect(groups.map((g) => g.id)).toEqual([15, null]);
    expect(groups[1].event).toBeNull();
    expect(groups[1].photos.map((p) => p.id)).toEqual(['z']);
    expect(groupPhotosByStep([], timeline)).toEqual([]);
    expect(groupPhotosByStep(undefined, undefined)).toEqual([]);
  });

  it('maps event ids to their photos for the timeline', () => {
    const byEvent = photosByEvent([photo('b', null), photo('c', 15), photo('e', 15)], timeline);
    expect(Object.keys(byEvent).sort()).toEqual(['11', '15']);
    expect(byEvent[15].map((p) => p.id)).toEqual(['c', 'e']);
    expect(byEvent[11].map((p) => p.id)).toEqual(['b']);
    // Without a report event, a photo without an event has no step to show under.
    expect(photosByEvent([photo('b', null)], [{ id: 3, action: 'file' }])).toEqual({});
    expect(reportEventId(timeline)).toBe(11);
  });
});

describe('the step an action just recorded', () => {
  it('is the newest event of that action newer than the timeline known before', () => {
    expect(maxEventId(timeline)).toBe(22);
    const after = [...timeline, { id: 23, action: 'note' }, { id: 24, action: 'resolve' }, { id: 25, action: 'overdue' }];
    expect(eventOfAction(after, 'resolve', 22).id).toBe(24);
  });

  it('is none when the action left no new event, rather than an older one', () => {
    expect(eventOfAction(timeline, 'resolve', 22)).toBeNull();
    expect(eventOfAction(timeline, 'close', 0)).toBeNull();
  });

  it('is the newest of the action when the earlier timeline is unknown', () => {
    expect(eventOfAction(timeline, 'resolve', 0).id).toBe(21);
    expect(maxEventId(undefined)).toBe(0);
  });
});
