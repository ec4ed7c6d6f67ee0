import { describe, expect, it } from "vitest";
import { CATEGORICAL, coloursFor, filterColours, hashedColour, hideColours, legendKeyOf, NOISE_COLOUR, NOISE_LABEL, parseHex } from "./palette";

/** WCAG relative luminance and contrast, to check the palette reads on both canvases. */
function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("palette", () => {
  it("has 20 distinct colours that stand out from the dark and the light canvas", () => {
    expect(CATEGORICAL).toHaveLength(20);
    expect(new Set(CATEGORICAL).size).toBe(20);
    for (const c of [...CATEGORICAL, NOISE_COLOUR]) {
      expect(contrast(c, "#0b1016")).toBeGreaterThan(3);
      expect(contrast(c, "#fcfdfe")).toBeGreaterThan(1.7);
    }
  });
  it("parses hex colours", () => {
    expect(parseHex("#ff8000")).toEqual([255, 128, 0, 255]);
    expect(parseHex("#f80")).toEqual([255, 136, 0, 255]);
    expect(parseHex("#ff800080")).toEqual([255, 128, 0, 128]);
    expect(parseHex("nope")).toEqual([0, 0, 0, 255]);
  });
  it("hashes values past the palette to stable mid-lightness colours", () => {
    expect(hashedColour("topic 42")).toBe(hashedColour("topic 42"));
    expect(hashedColour("topic 42")).toMatch(/^#[0-9a-f]{6}$/);
    expect(hashedColour("a")).not.toBe(hashedColour("b"));
    const l = luminance(hashedColour("anything"));
    expect(l).toBeGreaterThan(0.05);
    expect(l).toBeLessThan(0.7);
  });
});

describe("coloursFor", () => {
  it("orders the legend by count, colours by rank, noise grey and last", () => {
    const values = ["b", "a", "b", null, 3, "b", 3, null, null, null];
    const { colours, legend } = coloursFor(values);
    expect(legend.map((e) => [e.value, e.count, e.noise])).toEqual([
      ["b", 3, false],
      ["3", 2, false],
      ["a", 1, false],
      [NOISE_LABEL, 4, true],
    ]);
    expect(legend[0]?.colour).toBe(CATEGORICAL[0]);
    expect(legend[1]?.colour).toBe(CATEGORICAL[1]);
    expect(legend[3]?.colour).toBe(NOISE_COLOUR);
    expect(colours).toHaveLength(40);
    expect([...colours.slice(0, 4)]).toEqual(parseHex(CATEGORICAL[0] ?? ""));
    expect([...colours.slice(4, 8)]).toEqual(parseHex(CATEGORICAL[2] ?? ""));
    const noise = [...colours.slice(12, 16)];
    expect(noise.slice(0, 3)).toEqual(parseHex(NOISE_COLOUR).slice(0, 3));
    expect(noise[3]).toBeLessThan(255);
  });
  it("breaks ties in natural order and hashes past 20 categories", () => {
    const values = Array.from({ length: 25 }, (_, i) => `c${i}`);
    const { legend } = coloursFor(values);
    expect(legend.slice(0, 3).map((e) => e.value)).toEqual(["c0", "c1", "c2"]);
    expect(legend[9]?.value).toBe("c9");
    expect(legend[10]?.value).toBe("c10");
    expect(legend[19]?.colour).toBe(CATEGORICAL[19]);
    expect(legend[20]?.colour).toBe(hashedColour("c20"));
  });
  it("keeps a real category named like the noise entry apart from null", () => {
    const { colours, legend } = coloursFor([NOISE_LABEL, null]);
    expect(legend).toHaveLength(2);
    expect([...colours.slice(0, 3)]).toEqual(parseHex(CATEGORICAL[0] ?? "").slice(0, 3));
  });
  it("filters by legend key", () => {
    const values = ["x", "y", null];
    const { colours } = coloursFor(values);
    const kept = filterColours(colours, values, new Set(["y", legendKeyOf(null)]));
    expect([kept[3], kept[7], kept[11]]).toEqual([0, 255, colours[11]]);
    expect(filterColours(colours, values, new Set())).toEqual(colours);
    expect(filterColours(colours, values, undefined)).not.toBe(colours);
    const dimmed = hideColours(colours, values, new Set([legendKeyOf(null), "x"]), 18);
    expect([dimmed[3], dimmed[7], dimmed[11]]).toEqual([18, 255, 18]);
    expect(hideColours(colours, values, new Set())).toEqual(colours);
  });
});
