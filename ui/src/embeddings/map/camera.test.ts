import { describe, expect, it } from "vitest";
import {
  computeBounds,
  dataToScreen,
  fitCamera,
  panBy,
  screenToData,
  unionBounds,
  visibleBounds,
  zoomAbout,
  zoomLimits,
} from "./camera";
import type { Camera, Viewport } from "./camera";

const vp: Viewport = { width: 800, height: 600 };

describe("computeBounds", () => {
  it("skips non-finite points and returns null for none", () => {
    expect(computeBounds(new Float32Array([1, 2, NaN, 5, -3, 4, 7, Infinity]))).toEqual({ minX: -3, minY: 2, maxX: 1, maxY: 4 });
    expect(computeBounds(new Float32Array([NaN, NaN]))).toBeNull();
    expect(computeBounds(new Float32Array())).toBeNull();
  });
  it("unions with null", () => {
    const a = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
    expect(unionBounds(a, null)).toBe(a);
    expect(unionBounds(null, a)).toBe(a);
    expect(unionBounds(a, { minX: -1, minY: 0.5, maxX: 0.5, maxY: 3 })).toEqual({ minX: -1, minY: 0, maxX: 1, maxY: 3 });
  });
});

describe("screen and data transforms", () => {
  const cam: Camera = { x: 3, y: -2, zoom: 40 };
  it("are inverse of each other", () => {
    for (const [x, y] of [[0, 0], [3, -2], [-17.5, 9.25], [1e3, -1e3]] as const) {
      const s = dataToScreen(cam, vp, x, y);
      const d = screenToData(cam, vp, s.x, s.y);
      expect(d.x).toBeCloseTo(x, 9);
      expect(d.y).toBeCloseTo(y, 9);
    }
  });
  it("puts the camera centre at the viewport centre, with y up", () => {
    expect(dataToScreen(cam, vp, 3, -2)).toEqual({ x: 400, y: 300 });
    expect(dataToScreen(cam, vp, 4, -2).x).toBe(440);
    expect(dataToScreen(cam, vp, 3, -1).y).toBe(260);
  });
});

describe("fitCamera", () => {
  it("shows the whole bounds centred, with padding on the tighter axis", () => {
    const b = { minX: -10, minY: 0, maxX: 10, maxY: 5 };
    const cam = fitCamera(b, vp, 20);
    expect(cam.x).toBe(0);
    expect(cam.y).toBe(2.5);
    expect(cam.zoom).toBeCloseTo((800 - 40) / 20, 9);
    const v = visibleBounds(cam, vp);
    expect(v.minX).toBeLessThanOrEqual(b.minX);
    expect(v.maxX).toBeGreaterThanOrEqual(b.maxX);
    expect(v.minY).toBeLessThanOrEqual(b.minY);
    expect(v.maxY).toBeGreaterThanOrEqual(b.maxY);
    expect(dataToScreen(cam, vp, -10, 2.5).x).toBeCloseTo(20, 9);
  });
  it("handles tall bounds, a line, a single point and no data", () => {
    expect(fitCamera({ minX: 0, minY: 0, maxX: 1, maxY: 100 }, vp, 0).zoom).toBeCloseTo(6, 9);
    expect(fitCamera({ minX: 0, minY: 5, maxX: 10, maxY: 5 }, vp, 0).zoom).toBeCloseTo(80, 9);
    const single = fitCamera({ minX: 2, minY: 2, maxX: 2, maxY: 2 }, vp, 0);
    expect(single.x).toBe(2);
    expect(Number.isFinite(single.zoom) && single.zoom > 0).toBe(true);
    expect(fitCamera(null, vp)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(fitCamera({ minX: 0, minY: 0, maxX: 1, maxY: 1 }, { width: 0, height: 0 }).zoom).toBe(1);
  });
});

describe("zoomAbout", () => {
  it("keeps the data point under the cursor fixed", () => {
    const cam: Camera = { x: 1, y: 2, zoom: 13 };
    for (const [sx, sy, f] of [[0, 0, 2], [123, 456, 0.37], [799, 1, 10], [400, 300, 1.1]] as const) {
      const before = screenToData(cam, vp, sx, sy);
      const next = zoomAbout(cam, vp, sx, sy, f);
      expect(next.zoom).toBeCloseTo(13 * f, 9);
      const after = screenToData(next, vp, sx, sy);
      expect(after.x).toBeCloseTo(before.x, 9);
      expect(after.y).toBeCloseTo(before.y, 9);
    }
  });
  it("clamps to limits and still keeps the anchor", () => {
    const cam: Camera = { x: 0, y: 0, zoom: 10 };
    const limits = zoomLimits(cam);
    const next = zoomAbout(cam, vp, 100, 100, 1e9, limits);
    expect(next.zoom).toBe(limits.max);
    const before = screenToData(cam, vp, 100, 100);
    const after = screenToData(next, vp, 100, 100);
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(zoomAbout(cam, vp, 0, 0, 1e-9, limits).zoom).toBe(limits.min);
  });
});

describe("panBy", () => {
  it("moves the content with the pointer", () => {
    const cam: Camera = { x: 0, y: 0, zoom: 20 };
    const s = dataToScreen(cam, vp, 1, 1);
    const next = panBy(cam, 30, -15);
    const s2 = dataToScreen(next, vp, 1, 1);
    expect(s2.x).toBeCloseTo(s.x + 30, 9);
    expect(s2.y).toBeCloseTo(s.y - 15, 9);
  });
});
