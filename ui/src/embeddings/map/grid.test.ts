import { describe, expect, it } from "vitest";
import { PointGrid, pointInPolygon } from "./grid";
import { clusteredPoints, rng } from "./testRandom";

function bruteNearest(pos: Float32Array, x: number, y: number, r: number, accept?: (i: number) => boolean): number {
  let best = -1;
  let bestD = r * r;
  for (let i = 0; i < pos.length / 2; i++) {
    const px = pos[2 * i] ?? NaN;
    const py = pos[2 * i + 1] ?? NaN;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    if (accept && !accept(i)) continue;
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d < bestD || (d === bestD && i > best)) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

function bruteRect(pos: Float32Array, x0: number, y0: number, x1: number, y1: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < pos.length / 2; i++) {
    const x = pos[2 * i] ?? NaN;
    const y = pos[2 * i + 1] ?? NaN;
    if (x >= Math.min(x0, x1) && x <= Math.max(x0, x1) && y >= Math.min(y0, y1) && y <= Math.max(y0, y1)) out.push(i);
  }
  return out;
}

function brutePolygon(pos: Float32Array, poly: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < pos.length / 2; i++) {
    const x = pos[2 * i] ?? NaN;
    const y = pos[2 * i + 1] ?? NaN;
    if (Number.isFinite(x) && Number.isFinite(y) && pointInPolygon(x, y, poly)) out.push(i);
  }
  return out;
}

/** A random lasso: a wobbly closed loop around a centre, possibly self-intersecting. */
function randomLasso(random: () => number, cx: number, cy: number, radius: number, vertices: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < vertices; j++) {
    const t = (j / vertices) * 2 * Math.PI + (random() - 0.5) * 0.6;
    const r = radius * (0.3 + random() * 0.9);
    out.push(cx + r * Math.cos(t), cy + r * Math.sin(t));
  }
  return out;
}

describe("PointGrid.nearest", () => {
  it("matches brute force on random clustered points", () => {
    const pos = clusteredPoints(20000, 12, 1);
    const grid = PointGrid.build(pos);
    const random = rng(2);
    for (let q = 0; q < 800; q++) {
      const x = random() * 30 - 15;
      const y = random() * 30 - 15;
      const r = [0.01, 0.1, 0.5, 3][q % 4] ?? 0.1;
      expect(grid.nearest(x, y, r)).toBe(bruteNearest(pos, x, y, r));
    }
  });
  it("honours the filter, skips non-finite points, and finds nothing out of reach", () => {
    const pos = new Float32Array([0, 0, 1, 0, NaN, 0.1, 0.2, Infinity, 5, 5]);
    const grid = PointGrid.build(pos);
    expect(grid.nearest(0.1, 0, 0.5)).toBe(0);
    expect(grid.nearest(0.1, 0, 2, (i) => i !== 0)).toBe(1);
    expect(grid.nearest(2.5, 2.5, 0.5)).toBe(-1);
    expect(grid.nearest(NaN, 0, 1)).toBe(-1);
    expect(grid.count).toBe(5);
  });
  it("copes with degenerate layouts: all on one spot, on a line, empty", () => {
    const same = PointGrid.build(new Float32Array([2, 2, 2, 2, 2, 2]));
    expect(same.nearest(2, 2, 0.1)).toBe(2);
    const line = PointGrid.build(new Float32Array([0, 1, 1, 1, 2, 1, 3, 1]));
    expect(line.nearest(2.1, 1.05, 0.5)).toBe(2);
    expect(line.inRect(0.5, 0, 2.5, 2)).toEqual([1, 2]);
    const empty = PointGrid.build(new Float32Array());
    expect(empty.nearest(0, 0, 10)).toBe(-1);
    expect(empty.inRect(-1, -1, 1, 1)).toEqual([]);
  });
  it("picks among 100,000 points in well under a millisecond", () => {
    const pos = clusteredPoints(100000, 20, 3);
    const grid = PointGrid.build(pos);
    const random = rng(4);
    const queries = 5000;
    const t0 = performance.now();
    let found = 0;
    for (let q = 0; q < queries; q++) {
      if (grid.nearest(random() * 26 - 13, random() * 26 - 13, 0.08) >= 0) found++;
    }
    const perPick = (performance.now() - t0) / queries;
    expect(found).toBeGreaterThan(0);
    expect(perPick).toBeLessThan(1);
  });
});

describe("PointGrid.inRect", () => {
  it("matches brute force", () => {
    const pos = clusteredPoints(15000, 8, 5);
    const grid = PointGrid.build(pos);
    const random = rng(6);
    for (let q = 0; q < 200; q++) {
      const x0 = random() * 30 - 15;
      const y0 = random() * 30 - 15;
      const x1 = x0 + (random() - 0.5) * 20;
      const y1 = y0 + (random() - 0.5) * 20;
      expect(grid.inRect(x0, y0, x1, y1)).toEqual(bruteRect(pos, x0, y0, x1, y1));
    }
    expect(grid.inRect(-100, -100, 100, 100)).toHaveLength(15000);
  });
});

describe("PointGrid.inPolygon", () => {
  it("matches brute force on random lassos", () => {
    const pos = clusteredPoints(15000, 8, 7);
    const grid = PointGrid.build(pos);
    const random = rng(8);
    for (let q = 0; q < 60; q++) {
      const poly = randomLasso(random, random() * 20 - 10, random() * 20 - 10, 1 + random() * 10, 3 + Math.floor(random() * 120));
      expect(grid.inPolygon(poly)).toEqual(brutePolygon(pos, poly));
    }
  });
  it("handles axis-aligned edges on cell boundaries, concave shapes and the filter", () => {
    const pos = new Float32Array(400 * 2);
    for (let i = 0; i < 400; i++) {
      pos[2 * i] = i % 20;
      pos[2 * i + 1] = Math.floor(i / 20);
    }
    const grid = PointGrid.build(pos);
    // A U shape whose edges run along grid lines through the points.
    const u = [2, 2, 8, 2, 8, 12, 6, 12, 6, 5, 4, 5, 4, 12, 2, 12];
    expect(grid.inPolygon(u)).toEqual(brutePolygon(pos, u));
    const square = [0.5, 0.5, 3.5, 0.5, 3.5, 3.5, 0.5, 3.5];
    expect(grid.inPolygon(square)).toEqual([21, 22, 23, 41, 42, 43, 61, 62, 63]);
    expect(grid.inPolygon(square, (i) => i % 2 === 1)).toEqual([21, 23, 41, 43, 61, 63]);
    expect(grid.inPolygon([0, 0, 1, 1])).toEqual([]);
    expect(grid.inPolygon([100, 100, 101, 100, 101, 101])).toEqual([]);
  });
  it("selects a big lasso over 100,000 points", () => {
    const pos = clusteredPoints(100000, 20, 9);
    const grid = PointGrid.build(pos);
    const poly = randomLasso(rng(10), 0, 0, 9, 400);
    const got = grid.inPolygon(poly);
    expect(got.length).toBeGreaterThan(10000);
    expect(got).toEqual(brutePolygon(pos, poly));
  });
});
