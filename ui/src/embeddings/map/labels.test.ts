import { describe, expect, it } from "vitest";
import { estimateTextWidth, placeLabels } from "./labels";
import type { LabelBox } from "./labels";
import { rng } from "./testRandom";

const vp = { width: 400, height: 300 };

function overlaps(a: LabelBox, b: LabelBox, gap: number): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap;
}

describe("placeLabels", () => {
  it("keeps the first of two overlapping labels", () => {
    const boxes = [
      { x: 100, y: 100, width: 60, height: 16 },
      { x: 120, y: 105, width: 60, height: 16 },
      { x: 300, y: 100, width: 60, height: 16 },
    ];
    expect(placeLabels(boxes, vp)).toEqual([true, false, true]);
    expect(placeLabels([boxes[1], boxes[0]] as LabelBox[], vp)).toEqual([true, false]);
  });
  it("hides labels that leave the viewport or sit at non-finite positions", () => {
    const boxes = [
      { x: 10, y: 100, width: 60, height: 16 },
      { x: 200, y: 299, width: 60, height: 16 },
      { x: NaN, y: 10, width: 10, height: 10 },
      { x: 200, y: 150, width: 60, height: 16 },
    ];
    expect(placeLabels(boxes, vp)).toEqual([false, false, false, true]);
  });
  it("always shows forced labels and lets them block others", () => {
    const boxes = [
      { x: 100, y: 100, width: 60, height: 16 },
      { x: 110, y: 100, width: 60, height: 16 },
      { x: -50, y: 100, width: 60, height: 16 },
    ];
    expect(placeLabels(boxes, vp, { forced: new Set([1, 2]) })).toEqual([false, true, true]);
  });
  it("never shows two overlapping labels, and is greedy (a hidden label overlaps a shown one before it)", () => {
    const random = rng(11);
    const boxes: LabelBox[] = [];
    for (let i = 0; i < 300; i++) {
      boxes.push({ x: random() * 400, y: random() * 300, width: 20 + random() * 80, height: 16 });
    }
    const gap = 4;
    const shown = placeLabels(boxes, vp, { gap });
    const kept = boxes.filter((_, i) => shown[i]);
    for (let a = 0; a < kept.length; a++) {
      for (let b = a + 1; b < kept.length; b++) expect(overlaps(kept[a] as LabelBox, kept[b] as LabelBox, gap / 2)).toBe(false);
    }
    boxes.forEach((box, i) => {
      if (shown[i]) return;
      const inside = box.x - box.width / 2 - gap / 2 >= 0 && box.x + box.width / 2 + gap / 2 <= 400 && box.y - box.height / 2 - gap / 2 >= 0 && box.y + box.height / 2 + gap / 2 <= 300;
      if (!inside) return;
      const blocker = boxes.slice(0, i).some((other, j) => shown[j] && overlaps(box, other, gap));
      expect(blocker).toBe(true);
    });
    expect(kept.length).toBeGreaterThan(10);
  });
  it("estimates text width from its length", () => {
    expect(estimateTextWidth("abcd", 10)).toBeCloseTo(23.2, 6);
  });
});
