import { describe, expect, it } from "vitest";
import type { Run } from "../bindings";
import { exchangeOf, extraFormOf, replyOf } from "./storedRuns";

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
  blocks: { toolCalls: [], reasoning: [] },
  status: "interrupted",
  stopReason: null,
  errorJson: null,
  usage: null,
  metrics: null,
};

describe("exchangeOf", () => {
  const request = {
    modelId: "m",
    systemPrompt: "",
    messages: [
      { role: "user", text: "What city is this?", attachments: [{ name: "a.png", dataBase64: "iVBO" }] },
      { role: "assistant", text: "", toolCalls: [{ toolUseId: "t1", name: "geo", inputJson: "{}" }] },
      { role: "user", text: "", toolAnswers: [{ toolUseId: "t1", text: "Paris", isError: true }] },
    ],
    params: { maxTokens: 2048, temperature: null, topP: null, stopSequences: [] },
    additionalFieldsJson: '{"thinking":{"type":"enabled","budget_tokens":1024}}',
    toolsJson: "[]",
  };

  it("restores the user's tool results and files from the request, and the reply's blocks", () => {
    const stored = exchangeOf({
      ...run,
      status: "done",
      userText: "",
      requestJson: JSON.stringify(request),
      blocks: {
        toolCalls: [{ toolUseId: "t2", name: "geo", inputJson: '{"q":1}' }],
        reasoning: [{ type: "redacted", dataBase64: "AP8=" }],
      },
    });
    expect(stored.toolAnswers).toEqual([{ toolUseId: "t1", text: "Paris", isError: true }]);
    expect(stored.attachments).toEqual([]);
    expect(stored.reply.toolUses).toEqual([{ id: "t2", name: "geo", input: '{"q":1}' }]);
    expect(stored.reply.reasoningBlocks).toEqual([{ type: "redacted", dataBase64: "AP8=" }]);
    const first = exchangeOf({ ...run, requestJson: JSON.stringify({ ...request, messages: request.messages.slice(0, 1) }) });
    expect(first.attachments).toEqual([{ name: "a.png", dataBase64: "iVBO" }]);
    expect(first.user).toBe("What city is this?");
  });

  it("falls back to the stored user text when the request is not readable", () => {
    expect(exchangeOf({ ...run, requestJson: "not json" })).toMatchObject({ user: "hi", attachments: [], toolAnswers: [] });
  });

  it("puts the reasoning budget and top K in their fields when the model has them, the rest in the editor", () => {
    const claude = { topK: ["top_k"], reasoningBudget: true };
    const thinking = '{"thinking":{"type":"enabled","budget_tokens":1024},"top_k":5,"custom":1}';
    expect(extraFormOf(thinking, claude)).toEqual({ reasoningBudget: "1024", topK: "5", additionalJson: '{"custom":1}' });
    expect(extraFormOf('{"top_k":40}', claude)).toEqual({ reasoningBudget: "", topK: "40", additionalJson: "" });
    expect(extraFormOf(thinking, { topK: null, reasoningBudget: false }).additionalJson).toContain('"budget_tokens":1024');
    expect(extraFormOf(null, claude)).toEqual({ reasoningBudget: "", topK: "", additionalJson: "" });
  });

  it("finds top K at a nested path and keeps its siblings", () => {
    const nova = { topK: ["inferenceConfig", "topK"], reasoningBudget: false };
    expect(extraFormOf('{"inferenceConfig":{"topK":20}}', nova)).toEqual({ reasoningBudget: "", topK: "20", additionalJson: "" });
    expect(extraFormOf('{"inferenceConfig":{"topK":20,"x":1}}', nova).additionalJson).toBe('{"inferenceConfig":{"x":1}}');
  });
});

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
