/**
 * A real photo drawn by the browser's canvas, for the upload tests: a grey street with a dark
 * patch on it, `width` x `height`, as `type` (image/jpeg, image/png, image/webp). Answers the bytes.
 */
export async function drawPhoto(page, { type = 'image/jpeg', width = 1200, height = 900 } = {}) {
  const base64 = await page.evaluate(
    ([w, h, mime]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext('2d');
      g.fillStyle = '#8a8f96';
      g.fillRect(0, 0, w, h);
      g.fillStyle = '#2b2b2b';
      g.fillRect(w / 4, h / 3, w / 2, h / 3);
      return canvas.toDataURL(mime, 0.85).split(',')[1];
    },
    [width, height, type],
  );
  return Buffer.from(base64, 'base64');
}
