/**
 * Collision avoidance for the map's overlay labels: a greedy pass in priority order keeps a
 * label only when its box overlaps no label kept before it and lies within the viewport.
 */

import type { Viewport } from "./camera";

/** A label's box in screen pixels, centred on (x, y). */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Which labels to show, given in priority order (first wins). `gap` is the free space in
 * pixels kept around each label; `margin` how far inside the viewport a label must lie.
 * Labels whose index is in `forced` are always shown and block the others.
 */
export function placeLabels(
  boxes: readonly LabelBox[],
  viewport: Viewport,
  options: { gap?: number; margin?: number; forced?: ReadonlySet<number> } = {},
): boolean[] {
  const gap = options.gap ?? 4;
  const margin = options.margin ?? 0;
  const visible = boxes.map(() => false);
  const kept: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const tryKeep = (i: number, force: boolean) => {
    const b = boxes[i];
    if (!b || !Number.isFinite(b.x) || !Number.isFinite(b.y)) return;
    const x0 = b.x - b.width / 2 - gap / 2;
    const x1 = b.x + b.width / 2 + gap / 2;
    const y0 = b.y - b.height / 2 - gap / 2;
    const y1 = b.y + b.height / 2 + gap / 2;
    if (!force) {
      if (x0 < margin || y0 < margin || x1 > viewport.width - margin || y1 > viewport.height - margin) return;
      for (const k of kept) {
        if (x0 < k.x1 && x1 > k.x0 && y0 < k.y1 && y1 > k.y0) return;
      }
    }
    kept.push({ x0, y0, x1, y1 });
    visible[i] = true;
  };
  if (options.forced) for (const i of options.forced) tryKeep(i, true);
  for (let i = 0; i < boxes.length; i++) {
    if (!options.forced?.has(i)) tryKeep(i, false);
  }
  return visible;
}

/** A width estimate for text when no canvas is at hand to measure it (average glyph ≈ 0.58 em). */
export function estimateTextWidth(text: string, fontSizePx: number): number {
  return text.length * fontSizePx * 0.58;
}
