/**
 * A 2-D camera for the scatter map: pure functions, no DOM.
 *
 * Screen coordinates are CSS pixels from the canvas's top-left corner, y down.
 * Data coordinates are the layout's own units, y up (as on a chart).
 * `zoom` is CSS pixels per data unit, the same on both axes.
 */

export interface Camera {
  /** Data coordinates shown at the centre of the viewport. */
  x: number;
  y: number;
  /** CSS pixels per data unit. */
  zoom: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Point {
  x: number;
  y: number;
}

export const DEFAULT_CAMERA: Camera = { x: 0, y: 0, zoom: 1 };

/** Bounds of the finite points of an interleaved x,y array; null when there is none. */
export function computeBounds(positions: Float32Array): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const n = positions.length >> 1;
  for (let i = 0; i < n; i++) {
    const x = positions[2 * i] ?? NaN;
    const y = positions[2 * i + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX > maxX) return null;
  return { minX, minY, maxX, maxY };
}

/** The smallest bounds holding both (either may be null). */
export function unionBounds(a: Bounds | null, b: Bounds | null): Bounds | null {
  if (!a) return b;
  if (!b) return a;
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

export function dataToScreen(camera: Camera, viewport: Viewport, x: number, y: number): Point {
  return {
    x: viewport.width / 2 + (x - camera.x) * camera.zoom,
    y: viewport.height / 2 - (y - camera.y) * camera.zoom,
  };
}

export function screenToData(camera: Camera, viewport: Viewport, sx: number, sy: number): Point {
  return {
    x: camera.x + (sx - viewport.width / 2) / camera.zoom,
    y: camera.y - (sy - viewport.height / 2) / camera.zoom,
  };
}

/**
 * The camera that shows `bounds` whole, centred, with `padding` CSS pixels on each side.
 * A single point (or a line) gets a zoom that shows one data unit (or the line's length) across.
 */
export function fitCamera(bounds: Bounds | null, viewport: Viewport, padding = 24): Camera {
  if (!bounds || viewport.width <= 0 || viewport.height <= 0) return { ...DEFAULT_CAMERA };
  const w = bounds.maxX - bounds.minX;
  const h = bounds.maxY - bounds.minY;
  const pad = Math.min(padding, viewport.width / 4, viewport.height / 4);
  const availW = Math.max(1, viewport.width - 2 * pad);
  const availH = Math.max(1, viewport.height - 2 * pad);
  const span = Math.max(w, h);
  let zoom: number;
  if (span <= 0 || !Number.isFinite(span)) {
    // One distinct position: show ±1 data unit (or ±|x| for large values) around it.
    const scale = Math.max(1, Math.abs(bounds.minX), Math.abs(bounds.minY)) * 2;
    zoom = Math.min(availW, availH) / scale;
  } else {
    zoom = Math.min(w > 0 ? availW / w : Infinity, h > 0 ? availH / h : Infinity);
  }
  return { x: (bounds.minX + bounds.maxX) / 2, y: (bounds.minY + bounds.maxY) / 2, zoom };
}

/** Zoom by `factor` about the screen point (sx, sy): the data point under it stays under it. */
export function zoomAbout(
  camera: Camera,
  viewport: Viewport,
  sx: number,
  sy: number,
  factor: number,
  limits?: { min: number; max: number },
): Camera {
  let zoom = camera.zoom * factor;
  if (limits) zoom = Math.min(limits.max, Math.max(limits.min, zoom));
  if (!(zoom > 0) || !Number.isFinite(zoom)) return camera;
  const anchor = screenToData(camera, viewport, sx, sy);
  return {
    x: anchor.x - (sx - viewport.width / 2) / zoom,
    y: anchor.y + (sy - viewport.height / 2) / zoom,
    zoom,
  };
}

/** Move the view by a screen offset, as when the content is dragged by (dx, dy) pixels. */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { x: camera.x - dx / camera.zoom, y: camera.y + dy / camera.zoom, zoom: camera.zoom };
}

/** Zoom limits relative to the camera that fits the data: 1/8 of it out, 20,000× in. */
export function zoomLimits(fit: Camera): { min: number; max: number } {
  return { min: fit.zoom / 8, max: fit.zoom * 20000 };
}

/** The data rectangle visible through the viewport. */
export function visibleBounds(camera: Camera, viewport: Viewport): Bounds {
  const hw = viewport.width / 2 / camera.zoom;
  const hh = viewport.height / 2 / camera.zoom;
  return { minX: camera.x - hw, minY: camera.y - hh, maxX: camera.x + hw, maxY: camera.y + hh };
}
