import { describe, expect, it } from "vitest";
import type { RetrievedChunk } from "../../bindings";
import { accumulate, chunkKey, citedChunks, describeSource, documentName, matchIndices } from "./logic";

const chunk = (text: string, chunkId: string | null = null, uri: string | null = "s3://kb/docs/a.md"): RetrievedChunk => ({
  rank: 1,
  score: 0.5,
  contentType: "TEXT",
  text,
  location: { kind: "S3", uri },
  metadataJson: "{}",
  chunkId,
});

describe("the chunks seen so far", () => {
  it("adds each chunk once, by id or by text", () => {
    const first = accumulate([], [chunk("alpha", "1"), chunk("beta"), chunk("  ")]);
    expect(first.map((c) => c.text)).toEqual(["alpha", "beta"]);
    const again = accumulate(first, [chunk("alpha again", "1"), chunk("beta "), chunk("gamma", "3")]);
    expect(again.map((c) => c.text)).toEqual(["alpha", "beta", "gamma"]);
    expect(chunkKey({ chunkId: null, text: " x " })).toBe("text:x");
  });
});

describe("matching retrieved and cited chunks to the map", () => {
  const points = [
    { chunkId: "a", text: "one", uri: null },
    { chunkId: "b", text: "two", uri: null },
    { chunkId: null, text: "three", uri: null },
  ];
  it("matches by id, else by text", () => {
    expect([...matchIndices(points, [chunk("changed", "b"), chunk("three ")])]).toEqual([1, 2]);
    expect(matchIndices(points, []).size).toBe(0);
  });
  it("collects the references of every citation", () => {
    const cited = citedChunks([
      { text: "x", span: null, references: [chunk("one", "a")] },
      { text: "y", span: null, references: [chunk("two", "b"), chunk("one", "a")] },
    ]);
    expect([...matchIndices(points, cited)]).toEqual([0, 1]);
  });
});

describe("words", () => {
  it("names documents and says where the points come from", () => {
    expect(documentName("s3://bucket/docs/guide.md")).toBe("guide.md");
    expect(documentName(null)).toBeNull();
    expect(describeSource("all", 42)).toContain("All 42 chunks of the knowledge base");
    expect(describeSource("retrieved", 1)).toContain("The 1 chunk retrieved so far");
  });
});
