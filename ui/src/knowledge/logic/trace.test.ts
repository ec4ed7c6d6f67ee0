import { describe, expect, it } from "vitest";
import { changeLabel, compareRuns, overlapAtK, rankingWithCut, type RankedChunk } from "./trace";

const chunk = (id: string, rank: number, score = 1 - rank / 10): RankedChunk => ({
  rank,
  score,
  text: `text ${id}`,
  chunkId: id,
  location: { kind: "S3", uri: `s3://b/${id}.md` },
});

describe("retrieval trace", () => {
  it("marks the cut at k", () => {
    const rows = rankingWithCut([chunk("c", 3), chunk("a", 1), chunk("b", 2)], 2);
    expect(rows.map((r) => [r.chunk.chunkId, r.kept])).toEqual([
      ["a", true],
      ["b", true],
      ["c", false],
    ]);
  });

  it("compares settings: rank changes, overlap@k and chunks only one finds", () => {
    const semantic = { label: "semantic", chunks: [chunk("a", 1), chunk("b", 2), chunk("c", 3), chunk("x", 4)] };
    const hybrid = { label: "hybrid", chunks: [chunk("b", 1), chunk("a", 2), chunk("d", 3)] };
    const result = compareRuns([semantic, hybrid], 3);
    expect(result.rows.map((r) => r.key)).toEqual(["a", "b", "c", "d"]);
    const [a, b, c, d] = result.rows;
    expect(a?.cells.map((cell) => cell.change)).toEqual([0, -1]);
    expect(b?.cells.map((cell) => cell.change)).toEqual([0, 1]);
    expect(c?.onlyIn).toBe(0);
    expect(d?.onlyIn).toBe(1);
    expect(d?.cells[0]?.rank).toBeNull();
    expect(result.overlap[0]?.[1]).toBeCloseTo(2 / 3);
    expect(result.overlap[1]?.[1]).toBe(1);
    expect(result.unique).toEqual([["c"], ["d"]]);
  });

  it("keys chunks without ids by source and text", () => {
    const noId = (uri: string, rank: number): RankedChunk => ({ ...chunk("z", rank), chunkId: null, location: { kind: "S3", uri } });
    expect(overlapAtK([noId("s3://1", 1)], [noId("s3://1", 1)], 1)).toBe(1);
    expect(overlapAtK([noId("s3://1", 1)], [noId("s3://2", 1)], 1)).toBe(0);
  });

  it("labels changes", () => {
    expect([changeLabel(2), changeLabel(-1), changeLabel(0), changeLabel(null)]).toEqual(["+2", "−1", "=", ""]);
  });
});
