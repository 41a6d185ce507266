// Small planar geometry helpers for the mock server and the browser tests (lng/lat degrees).

export function ringOf(polygon) {
  const ring = polygon.coordinates[0];
  const [fx, fy] = ring[0];
  const [lx, ly] = ring[ring.length - 1];
  return fx === lx && fy === ly ? ring.slice(0, -1) : ring.slice();
}

export function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function orientation(a, b, c) {
  const v = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  if (Math.abs(v) < 1e-15) return 0;
  return v > 0 ? 1 : 2;
}

/** Proper crossing of two segments (touching at ends or collinear overlap does not count). */
export function segmentsCross(p1, p2, q1, q2) {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  return o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0 && o1 !== o2 && o3 !== o4;
}

function edges(ring) {
  return ring.map((p, i) => [p, ring[(i + 1) % ring.length]]);
}

export function selfIntersects(ring) {
  const list = edges(ring);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 2; j < list.length; j++) {
      if (i === 0 && j === list.length - 1) continue;
      if (segmentsCross(list[i][0], list[i][1], list[j][0], list[j][1])) return true;
    }
  }
  return false;
}

function centroidOf(ring) {
  const n = ring.length;
  return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
}

/** Interiors overlap (approximation good enough for convex-ish test shapes). */
export function ringsOverlap(a, b) {
  for (const [p1, p2] of edges(a)) {
    for (const [q1, q2] of edges(b)) if (segmentsCross(p1, p2, q1, q2)) return true;
  }
  if (pointInRing(centroidOf(a), b) || pointInRing(centroidOf(b), a)) return true;
  return false;
}

/** Ring a lies inside ring b (all vertices inside or on a vertex of b, no crossings). */
export function ringInside(a, b) {
  const onVertex = (p) => b.some((q) => Math.abs(q[0] - p[0]) < 1e-9 && Math.abs(q[1] - p[1]) < 1e-9);
  if (!a.every((p) => onVertex(p) || pointInRing(p, b))) return false;
  for (const [p1, p2] of edges(a)) {
    for (const [q1, q2] of edges(b)) if (segmentsCross(p1, p2, q1, q2)) return false;
  }
  return true;
}

/** Approximate area in square metres (equirectangular projection around the ring). */
export function areaM2(ring) {
  const lat0 = (centroidOf(ring)[1] * Math.PI) / 180;
  const mx = 111320 * Math.cos(lat0);
  const my = 110540;
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j][0] * mx * (ring[i][1] * my) - ring[i][0] * mx * (ring[j][1] * my);
  }
  return Math.abs(sum / 2);
}

/**
 * A small square well inside the polygon: used by the browser test to draw a new grid in the
 * area a deleted grid freed. Returns [lng, lat] corners (not closed).
 */
export function squareInside(polygon, fraction = 0.25) {
  const ring = ringOf(polygon);
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const half = (Math.min(width, height) * fraction) / 2;
  const candidates = [centroidOf(ring)];
  for (let i = 1; i < 10; i++) {
    for (let j = 1; j < 10; j++) {
      candidates.push([Math.min(...xs) + (width * i) / 10, Math.min(...ys) + (height * j) / 10]);
    }
  }
  for (const [cx, cy] of candidates) {
    const square = [
      [cx - half, cy + half],
      [cx + half, cy + half],
      [cx + half, cy - half],
      [cx - half, cy - half],
    ];
    if (ringInside(square, ring)) return square;
  }
  throw new Error('no square fits inside the polygon');
}
