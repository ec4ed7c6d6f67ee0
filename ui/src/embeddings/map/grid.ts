/**
 * A uniform grid over the points' data coordinates, for picking and selection on the CPU.
 *
 * Built once per positions array in O(n) (a counting sort of the points by cell), it holds
 * about one point per cell on average. Queries look only at the cells a shape overlaps, and
 * take cells wholly inside a shape without testing their points one by one.
 */

import type { Bounds } from "./camera";

/** Returns false for points that must be ignored (e.g. filtered out, drawn transparent). */
export type PointFilter = (index: number) => boolean;

export class PointGrid {
  readonly count: number;
  readonly cols: number;
  readonly rows: number;
  readonly minX: number;
  readonly minY: number;
  readonly cellW: number;
  readonly cellH: number;
  /** Points of cell c are items[cellStart[c] .. cellStart[c + 1]). */
  readonly cellStart: Int32Array;
  readonly items: Int32Array;
  private readonly positions: Float32Array;

  private constructor(
    positions: Float32Array,
    bounds: Bounds,
    cols: number,
    rows: number,
    cellStart: Int32Array,
    items: Int32Array,
  ) {
    this.positions = positions;
    this.count = positions.length >> 1;
    this.minX = bounds.minX;
    this.minY = bounds.minY;
    this.cols = cols;
    this.rows = rows;
    this.cellW = (bounds.maxX - bounds.minX) / cols || 1;
    this.cellH = (bounds.maxY - bounds.minY) / rows || 1;
    this.cellStart = cellStart;
    this.items = items;
  }

  /** Builds the grid; `pointsPerCell` trades build memory against query work. */
  static build(positions: Float32Array, pointsPerCell = 1): PointGrid {
    const n = positions.length >> 1;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let finite = 0;
    for (let i = 0; i < n; i++) {
      const x = positions[2 * i] ?? NaN;
      const y = positions[2 * i + 1] ?? NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      finite++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (finite === 0) {
      minX = minY = 0;
      maxX = maxY = 1;
    }
    const w = maxX - minX;
    const h = maxY - minY;
    const cells = Math.max(1, Math.min(1 << 21, Math.ceil(finite / Math.max(pointsPerCell, 0.01))));
    let cols: number;
    let rows: number;
    if (w <= 0 && h <= 0) {
      cols = rows = 1;
    } else if (w <= 0) {
      cols = 1;
      rows = cells;
    } else if (h <= 0) {
      cols = cells;
      rows = 1;
    } else {
      cols = Math.max(1, Math.min(cells, Math.round(Math.sqrt((cells * w) / h))));
      rows = Math.max(1, Math.ceil(cells / cols));
    }
    const bounds: Bounds = { minX, minY, maxX, maxY };
    const cellW = w / cols || 1;
    const cellH = h / rows || 1;
    const cellOf = new Int32Array(n);
    const counts = new Int32Array(cols * rows + 1);
    for (let i = 0; i < n; i++) {
      const x = positions[2 * i] ?? NaN;
      const y = positions[2 * i + 1] ?? NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        cellOf[i] = -1;
        continue;
      }
      const cx = Math.min(cols - 1, Math.floor((x - minX) / cellW));
      const cy = Math.min(rows - 1, Math.floor((y - minY) / cellH));
      const c = cy * cols + cx;
      cellOf[i] = c;
      counts[c + 1] = (counts[c + 1] ?? 0) + 1;
    }
    for (let c = 0; c < cols * rows; c++) counts[c + 1] = (counts[c + 1] ?? 0) + (counts[c] ?? 0);
    const cellStart = counts;
    const fill = cellStart.slice(0, cols * rows);
    const items = new Int32Array(finite);
    for (let i = 0; i < n; i++) {
      const c = cellOf[i] ?? -1;
      if (c < 0) continue;
      const at = fill[c] ?? 0;
      items[at] = i;
      fill[c] = at + 1;
    }
    return new PointGrid(positions, bounds, cols, rows, cellStart, items);
  }

  /** Whether this grid was built from exactly this array (same object, same length). */
  isFor(positions: Float32Array): boolean {
    return positions === this.positions && positions.length >> 1 === this.count;
  }

  private colOf(x: number): number {
    return Math.floor((x - this.minX) / this.cellW);
  }

  private rowOf(y: number): number {
    return Math.floor((y - this.minY) / this.cellH);
  }

  /**
   * The point nearest to (x, y) within `radius` (data units), or -1. On equal distances the
   * larger index wins, as it is drawn on top.
   */
  nearest(x: number, y: number, radius: number, accept?: PointFilter): number {
    if (!(radius >= 0) || !Number.isFinite(x) || !Number.isFinite(y)) return -1;
    const c0 = Math.max(0, this.colOf(x - radius));
    const c1 = Math.min(this.cols - 1, this.colOf(x + radius));
    const r0 = Math.max(0, this.rowOf(y - radius));
    const r1 = Math.min(this.rows - 1, this.rowOf(y + radius));
    const pos = this.positions;
    const start = this.cellStart;
    const items = this.items;
    let best = -1;
    let bestD = radius * radius;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        const end = start[cell + 1] ?? 0;
        for (let k = start[cell] ?? 0; k < end; k++) {
          const i = items[k] ?? 0;
          const dx = (pos[2 * i] ?? 0) - x;
          const dy = (pos[2 * i + 1] ?? 0) - y;
          const d = dx * dx + dy * dy;
          if (d < bestD || (d === bestD && i > best)) {
            if (accept && !accept(i)) continue;
            best = i;
            bestD = d;
          }
        }
      }
    }
    return best;
  }

  /** Indices (ascending) of the points inside the rectangle, edges included. */
  inRect(x0: number, y0: number, x1: number, y1: number, accept?: PointFilter): number[] {
    const minX = Math.min(x0, x1);
    const maxX = Math.max(x0, x1);
    const minY = Math.min(y0, y1);
    const maxY = Math.max(y0, y1);
    const marks = new Uint8Array(this.count);
    const c0 = Math.max(0, this.colOf(minX));
    const c1 = Math.min(this.cols - 1, this.colOf(maxX));
    const r0 = Math.max(0, this.rowOf(minY));
    const r1 = Math.min(this.rows - 1, this.rowOf(maxY));
    const pos = this.positions;
    for (let r = r0; r <= r1; r++) {
      const cellMinY = this.minY + r * this.cellH;
      const rowInside = cellMinY >= minY && cellMinY + this.cellH <= maxY;
      for (let c = c0; c <= c1; c++) {
        const cellMinX = this.minX + c * this.cellW;
        const inside = rowInside && cellMinX >= minX && cellMinX + this.cellW <= maxX;
        const cell = r * this.cols + c;
        const end = this.cellStart[cell + 1] ?? 0;
        for (let k = this.cellStart[cell] ?? 0; k < end; k++) {
          const i = this.items[k] ?? 0;
          if (!inside) {
            const x = pos[2 * i] ?? NaN;
            const y = pos[2 * i + 1] ?? NaN;
            if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
          }
          marks[i] = 1;
        }
      }
    }
    return collect(marks, accept);
  }

  /**
   * Indices (ascending) of the points inside a polygon given as x0,y0,x1,y1,… in data
   * coordinates (closed implicitly; even-odd rule). Cells no edge passes through are wholly
   * inside or outside, decided once per cell by a scanline along the cell row's centre.
   */
  inPolygon(polygon: ArrayLike<number>, accept?: PointFilter): number[] {
    const m = polygon.length >> 1;
    const marks = new Uint8Array(this.count);
    if (m < 3) return [];
    let pMinX = Infinity;
    let pMinY = Infinity;
    let pMaxX = -Infinity;
    let pMaxY = -Infinity;
    for (let j = 0; j < m; j++) {
      const x = polygon[2 * j] ?? 0;
      const y = polygon[2 * j + 1] ?? 0;
      pMinX = Math.min(pMinX, x);
      pMaxX = Math.max(pMaxX, x);
      pMinY = Math.min(pMinY, y);
      pMaxY = Math.max(pMaxY, y);
    }
    const c0 = Math.max(0, this.colOf(pMinX));
    const c1 = Math.min(this.cols - 1, this.colOf(pMaxX));
    const r0 = Math.max(0, this.rowOf(pMinY));
    const r1 = Math.min(this.rows - 1, this.rowOf(pMaxY));
    if (c0 > c1 || r0 > r1) return [];
    const bw = c1 - c0 + 1;
    const bh = r1 - r0 + 1;
    // 1 = some edge passes through (or touches) the cell: its points are tested one by one.
    const boundary = new Uint8Array(bw * bh);
    const eps = 1e-7;
    for (let j = 0; j < m; j++) {
      const ax = polygon[2 * j] ?? 0;
      const ay = polygon[2 * j + 1] ?? 0;
      const k = (j + 1) % m;
      const bx = polygon[2 * k] ?? 0;
      const by = polygon[2 * k + 1] ?? 0;
      // Rows the edge spans, in fractional cell units.
      const fa = (ay - this.minY) / this.cellH;
      const fb = (by - this.minY) / this.cellH;
      const rowLo = Math.max(r0, Math.floor(Math.min(fa, fb) - eps));
      const rowHi = Math.min(r1, Math.floor(Math.max(fa, fb) + eps));
      for (let r = rowLo; r <= rowHi; r++) {
        // The part of the edge within this row's band, then the columns it covers.
        const bandLo = this.minY + r * this.cellH;
        const bandHi = bandLo + this.cellH;
        let xLo: number;
        let xHi: number;
        if (ay === by) {
          xLo = Math.min(ax, bx);
          xHi = Math.max(ax, bx);
        } else {
          const t0 = Math.min(1, Math.max(0, (bandLo - ay) / (by - ay)));
          const t1 = Math.min(1, Math.max(0, (bandHi - ay) / (by - ay)));
          const xa = ax + (bx - ax) * t0;
          const xb = ax + (bx - ax) * t1;
          xLo = Math.min(xa, xb);
          xHi = Math.max(xa, xb);
        }
        const colLo = Math.max(c0, Math.floor((xLo - this.minX) / this.cellW - eps));
        const colHi = Math.min(c1, Math.floor((xHi - this.minX) / this.cellW + eps));
        for (let c = colLo; c <= colHi; c++) boundary[(r - r0) * bw + (c - c0)] = 1;
      }
    }
    const pos = this.positions;
    const crossings: number[] = [];
    for (let r = r0; r <= r1; r++) {
      // Where the polygon crosses the horizontal line through the centres of this row's cells.
      const yc = this.minY + (r + 0.5) * this.cellH;
      crossings.length = 0;
      for (let j = 0; j < m; j++) {
        const ax = polygon[2 * j] ?? 0;
        const ay = polygon[2 * j + 1] ?? 0;
        const k = (j + 1) % m;
        const bx = polygon[2 * k] ?? 0;
        const by = polygon[2 * k + 1] ?? 0;
        if (ay > yc !== by > yc) crossings.push(ax + ((yc - ay) / (by - ay)) * (bx - ax));
      }
      crossings.sort((a, b) => a - b);
      let next = 0;
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        const begin = this.cellStart[cell] ?? 0;
        const end = this.cellStart[cell + 1] ?? 0;
        const xc = this.minX + (c + 0.5) * this.cellW;
        while (next < crossings.length && (crossings[next] ?? 0) < xc) next++;
        if (begin === end) continue;
        if (boundary[(r - r0) * bw + (c - c0)] === 0) {
          if (next % 2 === 1) for (let q = begin; q < end; q++) marks[this.items[q] ?? 0] = 1;
          continue;
        }
        for (let q = begin; q < end; q++) {
          const i = this.items[q] ?? 0;
          if (pointInPolygon(pos[2 * i] ?? NaN, pos[2 * i + 1] ?? NaN, polygon)) marks[i] = 1;
        }
      }
    }
    return collect(marks, accept);
  }
}

function collect(marks: Uint8Array, accept?: PointFilter): number[] {
  const out: number[] = [];
  for (let i = 0; i < marks.length; i++) {
    if (marks[i] === 1 && (!accept || accept(i))) out.push(i);
  }
  return out;
}

/** Even-odd point-in-polygon test; polygon as x0,y0,x1,y1,… (closed implicitly). */
export function pointInPolygon(x: number, y: number, polygon: ArrayLike<number>): boolean {
  const m = polygon.length >> 1;
  let inside = false;
  for (let j = 0, k = m - 1; j < m; k = j++) {
    const ax = polygon[2 * j] ?? 0;
    const ay = polygon[2 * j + 1] ?? 0;
    const bx = polygon[2 * k] ?? 0;
    const by = polygon[2 * k + 1] ?? 0;
    if (ay > y !== by > y && x < ax + ((y - ay) / (by - ay)) * (bx - ax)) inside = !inside;
  }
  return inside;
}
