import { createRoot } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatOutcome, ChatRequest, Run } from "../bindings";
import { exchangeOf } from "./storedRuns";

const api = vi.hoisted(() => ({ streamChat: vi.fn(), cancelChat: vi.fn() }));
vi.mock("../shared/api", () => api);

const { createChat } = await import("./store");
const { createCatalogue } = await import("../models");

const MODEL = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
const metrics = { timeToFirstTokenMs: 1, totalLatencyMs: 2, serviceLatencyMs: null, tokensPerSecond: null };
const signed = { type: "text" as const, text: "Need the weather.", signature: "sig-1" };

function outcome(patch: Partial<ChatOutcome>): ChatOutcome {
  return { text: "", reasoning: [], toolCalls: [], stopReason: "end_turn", usage: null, metrics, cancelled: false, error: null, ...patch };
}

/** Each call answers with the next outcome; the requests sent are kept. */
function replies(...outcomes: ChatOutcome[]): ChatRequest[] {
  const sent: ChatRequest[] = [];
  api.streamChat.mockImplementation((_id: string, request: ChatRequest, _link: unknown, onEvent: (e: unknown) => void) => {
    sent.push(request);
    const next = outcomes.shift() ?? outcome({ text: "ok" });
    onEvent({ type: "started", modelId: request.modelId });
    if (next.text) onEvent({ type: "textDelta", block: 0, text: next.text });
    if (next.error) onEvent({ type: "failed", error: next.error });
    else onEvent({ type: "stopped", stopReason: next.stopReason });
    if (!next.error) onEvent({ type: "metadata", usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics });
    return Promise.resolve({ ok: true, value: { outcome: next, runId: `run-${sent.length}`, historyError: null } });
  });
  return sent;
}

function session() {
  const created = createRoot(() => createChat(createCatalogue()));
  created.setModelId(MODEL);
  created.setToolsJson('[{"name": "get_weather", "inputSchema": {"type": "object"}}]');
  return created;
}

const call = { toolUseId: "t1", name: "get_weather", inputJson: '{"city":"Paris"}' };
const answer = { toolUseId: "t1", text: "18", isError: false };
const throttled = { code: "Throttled" as const, message: "Too many requests", hint: "Wait" };

beforeEach(() => {
  vi.resetAllMocks();
  api.cancelChat.mockResolvedValue(true);
});

describe("a chat with tools and thinking", () => {
  it("sends the signed reasoning and the tool call back with the results", async () => {
    const sent = replies(outcome({ reasoning: [signed], toolCalls: [call], stopReason: "tool_use" }));
    const chat = session();
    await chat.send("Use get_weather for Paris");
    await chat.answerTools([answer]);
    expect(sent[1]?.messages[1]).toEqual({ role: "assistant", text: "", toolCalls: [call], reasoning: [signed] });
    expect(sent[1]?.messages[2]).toMatchObject({ role: "user", text: "", toolAnswers: [answer] });
  });

  it("waits for the tool results before a typed message", async () => {
    const sent = replies(outcome({ toolCalls: [call], stopReason: "tool_use" }));
    const chat = session();
    await chat.send("Use get_weather for Paris");
    await chat.send("never mind");
    expect(sent).toHaveLength(1);
    expect(chat.notice()).toContain("results of the tool calls");
  });

  it("retries a failed tool-results turn with the same results", async () => {
    const sent = replies(outcome({ toolCalls: [call], stopReason: "tool_use" }), outcome({ error: throttled }));
    const chat = session();
    await chat.send("Use get_weather for Paris");
    await chat.answerTools([answer]);
    const failed = chat.exchanges().at(-1);
    expect(failed?.reply().status).toBe("failed");
    if (failed) chat.retry(failed);
    await vi.waitFor(() => {
      expect(sent).toHaveLength(3);
    });
    const messages = sent[2]?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[2]?.toolAnswers).toEqual([answer]);
  });

  it("retries a failed message with its files, and leaves the failed turn out", async () => {
    const sent = replies(outcome({ error: throttled }));
    const chat = session();
    const file = { name: "dot.png", dataBase64: "iVBO" };
    chat.conversation.load("c1", []);
    await chat.conversation.send("What is this?", { maxTokens: null, temperature: null, topP: null, stopSequences: [] }, { attachments: [file] });
    const failed = chat.exchanges().at(-1);
    if (failed) chat.retry(failed);
    await vi.waitFor(() => {
      expect(sent).toHaveLength(2);
    });
    expect(sent[1]?.messages).toEqual([{ role: "user", text: "What is this?", attachments: [file], toolAnswers: [] }]);
  });

  it("puts a failed message and its files back in the message box, and Retry empties it", async () => {
    const sent = replies(outcome({ error: throttled }));
    const chat = session();
    chat.setDraft("What is this?");
    await chat.send();
    expect(chat.draft()).toBe("What is this?");
    const failed = chat.exchanges().at(-1);
    if (failed) chat.retry(failed);
    await vi.waitFor(() => {
      expect(sent).toHaveLength(2);
      expect(chat.draft()).toBe("");
    });
    expect(sent[1]?.messages).toHaveLength(1);
  });
});

describe("a conversation reopened from the history", () => {
  it("continues with its files, tool calls, results and reasoning", () => {
    const base = {
      conversationId: "c1", parentRunId: null, createdAt: "", finishedAt: null, profileId: "p", profileName: "P",
      region: "us-east-1", modelId: MODEL, reasoningText: "", stopReason: "tool_use", errorJson: null, usage: null, metrics: null,
    };
    const first = { role: "user" as const, text: "What city?", attachments: [{ name: "a.png", dataBase64: "iVBO" }] };
    const runs: Run[] = [
      {
        ...base, id: "r1", status: "done", userText: "What city?", answerText: "",
        requestJson: JSON.stringify({ modelId: MODEL, messages: [first] }),
        blocks: { toolCalls: [call], reasoning: [signed] },
      },
      {
        ...base, id: "r2", status: "done", stopReason: "end_turn", userText: "", answerText: "Paris is mild.",
        requestJson: JSON.stringify({ modelId: MODEL, messages: [first, { role: "assistant", text: "" }, { role: "user", text: "", toolAnswers: [answer] }] }),
        blocks: { toolCalls: [], reasoning: [] },
      },
    ];
    const sent = replies();
    const chat = session();
    chat.conversation.load("c1", runs.map(exchangeOf));
    void chat.send("Thanks");
    expect(sent[0]?.messages).toEqual([
      { role: "user", text: "What city?", attachments: first.attachments, toolAnswers: [] },
      { role: "assistant", text: "", toolCalls: [call], reasoning: [signed] },
      { role: "user", text: "", attachments: [], toolAnswers: [answer] },
      { role: "assistant", text: "Paris is mild.", toolCalls: [], reasoning: [] },
      { role: "user", text: "Thanks", attachments: [], toolAnswers: [] },
    ]);
  });
});
