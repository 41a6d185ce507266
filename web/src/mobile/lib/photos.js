// Photos taken on the phone: shrunk before upload (long side <= 1920 px, JPEG) to save mobile
// data, and always re-drawn on a canvas so the file sent carries no EXIF block (no GPS position
// of the phone, no camera serial). Uploads are the raw bytes with an image Content-Type.
import { api } from '../api.js';
import { t } from '../i18n.js';

export const kMaxPhotos = 4;
export const kMaxSide = 1920;
export const kMaxBytes = 10 * 1024 * 1024;
const kQuality = 0.85;
const kUploadTimeoutMs = 90000;

/** The size a photo is drawn at: the long side at most maxSide, the aspect kept. */
export function fitSize(width, height, maxSide = kMaxSide) {
  const long = Math.max(width, height);
  if (!long || long <= maxSide) return { width, height };
  const scale = maxSide / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      // Applies the EXIF rotation, so a portrait photo stays upright after re-drawing.
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      /* fall back to an <img> below */
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function canvasToBlob(canvas, type, quality) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), type, quality);
  });
}

/**
 * A picked file as {blob, url, name}: a JPEG at most 1920 px on its long side, without EXIF.
 * Throws an Error with a Chinese message when the file is not a readable image.
 */
export async function preparePhoto(file) {
  if (!file || !String(file.type || '').startsWith('image/')) throw new Error(t('photos.notImage'));
  let image;
  try {
    image = await decode(file);
  } catch {
    throw new Error(t('photos.unreadable'));
  }
  const width = image.width || image.naturalWidth;
  const height = image.height || image.naturalHeight;
  const size = fitSize(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(image, 0, 0, size.width, size.height);
  image.close?.();
  const blob = await canvasToBlob(canvas, 'image/jpeg', kQuality);
  if (blob.size > kMaxBytes) throw new Error(t('photos.tooLarge'));
  return { blob, url: URL.createObjectURL(blob), name: file.name || 'photo.jpg' };
}

/** Blob -> "data:image/jpeg;base64,..." (drafts keep photos as text in IndexedDB). */
export function blobToDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** "data:image/jpeg;base64,..." -> Blob. */
export function dataUrlToBlob(dataUrl) {
  const [head, data] = String(dataUrl).split(',', 2);
  const mime = /^data:([^;]+)/.exec(head)?.[1] || 'image/jpeg';
  const bytes = atob(data || '');
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return new Blob([out], { type: mime });
}

/**
 * POSTs one photo as raw bytes. Same error rules as api.js: a failed connection is status 0,
 * a problem+json answer becomes an ApiError with the server's Chinese title.
 */
export function uploadPhoto(path, blob, headers = {}) {
  return api.upload(path, blob, { contentType: blob.type || 'image/jpeg', headers, timeoutMs: kUploadTimeoutMs });
}

/** Uploads photos one after another; returns {sent, failed: {index, error} | null}. */
export async function uploadAll(path, blobs, headers = {}, { onSent } = {}) {
  let sent = 0;
  for (let i = 0; i < blobs.length; i++) {
    try {
      await uploadPhoto(path, blobs[i], headers);
      sent += 1;
      onSent?.(sent);
    } catch (error) {
      return { sent, failed: { index: i, error } };
    }
  }
  return { sent, failed: null };
}
