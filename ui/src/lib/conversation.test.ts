import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../bindings";
import { applyEvent, contextFor, emptyReply, pendingToolCalls, settleReply, stopReply } from "./conversation";

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
      { role: "assistant", text: "4", toolCalls: [] },
      { role: "user", text: "story", attachments: [], toolAnswers: [] },
      { role: "assistant", text: "Once upon", toolCalls: [] },
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
    });
    expect(messages[2]?.toolAnswers).toEqual([{ toolUseId: "t1", text: "sunny", isError: false }]);
  });
});

describe("settleReply", () => {
  const outcome = {
    text: "full text",
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

  it("leaves finished replies alone and marks cancelled ones stopped", () => {
    const done = { ...emptyReply("m"), status: "done" as const, text: "x" };
    expect(settleReply(done, outcome)).toBe(done);
    expect(settleReply(emptyReply("m"), { ...outcome, cancelled: true }).status).toBe("stopped");
  });
});
