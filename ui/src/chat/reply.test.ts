import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../bindings";
import { applyEvent, contextFor, emptyReply, pendingToolCalls, settleReply, stopReply } from "./reply";

const metrics = {
  timeToFirstTokenMs: 120,
  totalLatencyMs: 900,
  serviceLatencyMs: 850,
  tokensPerSecond: 42.5,
};

describe("applyEvent", () => {
  it("accumulates deltas, then records the stop reason, usage and metrics", () => {
    const events: ChatEvent[] = [
      { type: "started", modelId: "m" },
      { type: "textDelta", block: 0, text: "Hel" },
      { type: "reasoningDelta", block: 0, text: "think" },
      { type: "textDelta", block: 0, text: "lo" },
      { type: "stopped", stopReason: "end_turn" },
      {
        type: "metadata",
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        metrics,
      },
    ];
    const reply = events.reduce(applyEvent, emptyReply("m"));
    expect(reply.text).toBe("Hello");
    expect(reply.reasoning).toBe("think");
    expect(reply.status).toBe("done");
    expect(reply.stopReason).toBe("end_turn");
    expect(reply.usage?.outputTokens).toBe(2);
    expect(reply.metrics?.timeToFirstTokenMs).toBe(120);
  });

  it("assembles tool-use input across deltas", () => {
    const reply = [
      { type: "toolUseStart", block: 1, toolUseId: "t1", name: "get_weather" },
      { type: "toolUseDelta", block: 1, input: '{"city":' },
      { type: "toolUseDelta", block: 1, input: '"Paris"}' },
    ].reduce<ReturnType<typeof emptyReply>>(
      (r, e) => applyEvent(r, e as ChatEvent),
      emptyReply("m"),
    );
    expect(reply.toolUses).toEqual([{ id: "t1", name: "get_weather", input: '{"city":"Paris"}' }]);
  });

  it("keeps received text when the stream fails", () => {
    let reply = applyEvent(emptyReply("m"), { type: "textDelta", block: 0, text: "partial" });
    reply = applyEvent(reply, {
      type: "failed",
      error: { code: "StreamInterrupted", message: "cut", hint: "retry" },
    });
    expect(reply.status).toBe("failed");
    expect(reply.text).toBe("partial");
    expect(reply.error?.code).toBe("StreamInterrupted");
  });
});

describe("stopReply", () => {
  it("marks a streaming reply stopped but leaves finished ones alone", () => {
    const streaming = applyEvent(emptyReply("m"), { type: "textDelta", block: 0, text: "a" });
    expect(stopReply(streaming).status).toBe("stopped");
    expect(stopReply(streaming).text).toBe("a");
    const failed = { ...streaming, status: "failed" as const };
    expect(stopReply(failed).status).toBe("failed");
  });
});

describe("contextFor", () => {
  it("sends earlier exchanges with text and skips empty replies so roles alternate", () => {
    const done = { ...emptyReply("m"), status: "done" as const, text: "4" };
    const failedEmpty = { ...emptyReply("m"), status: "failed" as const };
    const stopped = { ...emptyReply("m"), status: "stopped" as const, text: "Once upon" };
    const messages = contextFor(
      [
        { user: "2+2?", reply: done },
        { user: "lost", reply: failedEmpty },
        { user: "story", reply: stopped },
      ],
      "continue",
    );
    expect(messages).toEqual([
      { role: "user", text: "2+2?", attachments: [], toolAnswers: [] },
      { role: "assistant", text: "4", toolCalls: [], reasoning: [] },
      { role: "user", text: "story", attachments: [], toolAnswers: [] },
      { role: "assistant", text: "Once upon", toolCalls: [], reasoning: [] },
      { role: "user", text: "continue", attachments: [], toolAnswers: [] },
    ]);
  });

  it("sends tool calls back with the user's results", () => {
    const called = {
      ...emptyReply("m"),
      status: "done" as const,
      stopReason: "tool_use",
      toolUses: [{ id: "t1", name: "get_weather", input: '{"city":"Paris"}' }],
    };
    expect(pendingToolCalls([{ user: "weather?", reply: called }])).toHaveLength(1);
    const messages = contextFor([{ user: "weather?", reply: called }], "", {
      toolAnswers: [{ toolUseId: "t1", text: "sunny", isError: false }],
    });
    expect(messages[1]).toEqual({
      role: "assistant",
      text: "",
      toolCalls: [{ toolUseId: "t1", name: "get_weather", inputJson: '{"city":"Paris"}' }],
      reasoning: [],
    });
    expect(messages[2]?.toolAnswers).toEqual([{ toolUseId: "t1", text: "sunny", isError: false }]);
  });

  const signed = { type: "text" as const, text: "Weather needed.", signature: "sig-1" };
  const thought = {
    ...emptyReply("claude"),
    status: "done" as const,
    stopReason: "tool_use",
    text: " \n",
    reasoningBlocks: [signed, { type: "text" as const, text: "cut", signature: null }, { type: "redacted" as const, dataBase64: "AAE=" }],
    toolUses: [{ id: "t1", name: "get_weather", input: "{}" }],
  };

  it("sends the model's own signed reasoning back and never blank text", () => {
    const messages = contextFor([{ user: "weather?", reply: thought }], "", { toolAnswers: [{ toolUseId: "t1", text: "18", isError: false }] }, "claude");
    expect(messages[1]).toMatchObject({ text: "", reasoning: [signed, { type: "redacted", dataBase64: "AAE=" }] });
    const otherModel = contextFor([{ user: "weather?", reply: thought }], "", {}, "nova");
    expect(otherModel[1]?.reasoning).toEqual([]);
  });

  it("leaves out whitespace-only replies and tool calls a stopped reply never finished", () => {
    const blank = { ...emptyReply("m"), status: "done" as const, text: "  \n " };
    const cutCall = { ...thought, status: "stopped" as const, text: "" };
    const cutWithText = { ...thought, status: "stopped" as const, text: "Let me" };
    const messages = contextFor(
      [
        { user: "a", reply: blank },
        { user: "b", reply: cutCall },
        { user: "c", reply: cutWithText },
      ],
      "d",
      {},
      "claude",
    );
    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ["user", "c"],
      ["assistant", "Let me"],
      ["user", "d"],
    ]);
    expect(messages[1]?.toolCalls).toEqual([]);
  });

  it("moves tool results of a failed turn to the next message, a resent result replacing it", () => {
    const failed = { ...emptyReply("claude"), status: "failed" as const };
    const first = { toolUseId: "t1", text: "18", isError: false };
    const again = { toolUseId: "t1", text: "19", isError: true };
    const exchanges = [
      { user: "weather?", reply: thought },
      { user: "", toolAnswers: [first], reply: failed },
    ];
    const typed = contextFor(exchanges, "and tomorrow?", {}, "claude");
    expect(typed).toHaveLength(3);
    expect(typed[2]).toMatchObject({ role: "user", text: "and tomorrow?", toolAnswers: [first] });
    const retried = contextFor(exchanges, "", { toolAnswers: [again] }, "claude");
    expect(retried[2]?.toolAnswers).toEqual([again]);
  });
});

describe("settleReply", () => {
  const outcome = {
    text: "full text",
    reasoning: [],
    toolCalls: [],
    stopReason: "end_turn",
    usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    metrics,
    cancelled: false,
    error: null,
  };

  it("finishes a reply whose last events never arrived from the outcome", () => {
    const streaming = applyEvent(emptyReply("m"), { type: "textDelta", block: 0, text: "full" });
    const settled = settleReply(streaming, outcome);
    expect(settled).toMatchObject({ status: "done", text: "full text", stopReason: "end_turn" });
    expect(settled.usage?.outputTokens).toBe(2);
  });

  it("leaves finished replies' text and status alone and marks cancelled ones stopped", () => {
    const done = { ...emptyReply("m"), status: "done" as const, text: "x" };
    expect(settleReply(done, outcome)).toEqual(done);
    expect(settleReply(emptyReply("m"), { ...outcome, cancelled: true }).status).toBe("stopped");
  });

  it("takes the signed reasoning and the complete tool calls from the outcome", () => {
    const done = { ...emptyReply("m"), status: "done" as const, toolUses: [{ id: "t1", name: "f", input: '{"a"' }] };
    const settled = settleReply(done, {
      ...outcome,
      reasoning: [{ type: "text", text: "hm", signature: "s" }],
      toolCalls: [{ toolUseId: "t1", name: "f", inputJson: '{"a":1}' }],
    });
    expect(settled.reasoningBlocks).toEqual([{ type: "text", text: "hm", signature: "s" }]);
    expect(settled.toolUses).toEqual([{ id: "t1", name: "f", input: '{"a":1}' }]);
    expect(settleReply(done, outcome).toolUses).toEqual(done.toolUses);
  });
});
