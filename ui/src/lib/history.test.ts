import { describe, expect, it } from "vitest";
import type { Run } from "../bindings";
import { diffLines } from "./diff";
import { replyOf, splitTitle } from "./history";

const run: Run = {
  id: "r1",
  conversationId: "c1",
  parentRunId: null,
  createdAt: "2026-11-22T10:00:00.000Z",
  finishedAt: null,
  profileId: "emulator",
  profileName: "Local emulator",
  region: "us-east-1",
  modelId: "m",
  requestJson: "{}",
  userText: "hi",
  answerText: "partial ans",
  reasoningText: "",
  status: "interrupted",
  stopReason: null,
  errorJson: null,
  usage: null,
  metrics: null,
};

describe("replyOf", () => {
  it("keeps a partial answer cut off by a kill, marked interrupted", () => {
    const reply = replyOf(run);
    expect(reply.status).toBe("interrupted");
    expect(reply.text).toBe("partial ans");
  });

  it("restores usage, metrics and errors", () => {
    const reply = replyOf({
      ...run,
      status: "failed",
      usage: { inputTokens: 3, outputTokens: 4 },
      metrics: { timeToFirstTokenMs: 5, totalLatencyMs: 9, tokensPerSecond: null },
      errorJson: JSON.stringify({ code: "Throttled", message: "slow down", hint: "wait" }),
    });
    expect(reply.usage?.totalTokens).toBe(7);
    expect(reply.metrics?.serviceLatencyMs).toBeNull();
    expect(reply.error?.code).toBe("Throttled");
  });
});

describe("diffLines", () => {
  it("marks removed and added lines around the common ones", () => {
    expect(diffLines("a\nb\nc", "a\nB\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "B" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });
});

describe("splitTitle", () => {
  it("tells knowledge-base sessions from chats", () => {
    expect(splitTitle("Knowledge base: How do I handle throttling?")).toEqual({
      title: "How do I handle throttling?",
      knowledgeBase: true,
    });
    expect(splitTitle("Remember the word pelican.")).toEqual({
      title: "Remember the word pelican.",
      knowledgeBase: false,
    });
  });
});
