import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSignal } from "solid-js";
import { render } from "solid-js/web";
import * as markdown from "../shared/markdown";
import { applyEvent, emptyReply, type Reply } from "./reply";
import type { Chat, Exchange } from "./store";
import { Transcript } from "./Transcript";

vi.mock("../shared/markdown", async (original) => {
  const real = await original<typeof import("../shared/markdown")>();
  return { ...real, renderMarkdown: vi.fn(real.renderMarkdown) };
});

function exchange(user: string, reply: Reply): Exchange {
  const [current, setReply] = createSignal(reply);
  const [runId] = createSignal<string | null>(`run-${user}`);
  return { id: user, runId, user, attachments: [], toolAnswers: [], reply: current, setReply };
}

function finished(text: string): Reply {
  return { ...emptyReply("model"), status: "done", text };
}

/** What the transcript reads of the chat; the rest is never called in these tests. */
function chatWith(exchanges: () => Exchange[], streaming: () => boolean): Chat {
  return { exchanges, streaming, retry: vi.fn(), branchFrom: vi.fn() } as unknown as Chat;
}

const rendered = () => vi.mocked(markdown.renderMarkdown).mock.calls.map(([text]) => text);

describe("the transcript while an answer streams", () => {
  let host: HTMLDivElement;
  let dispose: () => void = () => undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.mocked(markdown.renderMarkdown).mockClear();
    host = document.createElement("div");
    document.body.appendChild(host);
  });
  afterEach(() => {
    dispose();
    host.remove();
    vi.useRealTimers();
  });

  it("re-renders only the streaming answer: earlier messages keep their nodes and Markdown", () => {
    const earlier = [exchange("one", finished("**first** answer")), exchange("two", finished("second answer"))];
    const live = exchange("three", emptyReply("model"));
    const [exchanges, setExchanges] = createSignal<Exchange[]>(earlier);
    const [streaming, setStreaming] = createSignal(false);
    dispose = render(() => Transcript({ chat: chatWith(exchanges, streaming) }), host);
    const before = [...host.querySelectorAll("[data-testid='reply']")];
    const earlierHtml = before.map((node) => node.innerHTML);
    expect(rendered()).toEqual(["**first** answer", "second answer"]);

    setExchanges([...earlier, live]);
    setStreaming(true);
    for (const piece of ["Hel", "lo ", "*wor", "ld*"]) {
      live.setReply((reply) => applyEvent(reply, { type: "textDelta", block: 0, text: piece }));
      vi.advanceTimersByTime(40);
    }
    const after = [...host.querySelectorAll("[data-testid='reply']")];
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after.slice(0, 2).map((node) => node.innerHTML)).toEqual(earlierHtml);
    const streamedRenders = rendered().slice(2);
    expect(streamedRenders.length).toBeGreaterThan(0);
    expect(streamedRenders.every((text) => text === "" || "Hello *world*".startsWith(text))).toBe(true);
    expect(host.querySelectorAll("[data-testid='reply-text']")[2]?.innerHTML).toContain("<em>world</em>");
  });

  it("renders a burst of chunks once per interval, not once per chunk", () => {
    const live = exchange("one", emptyReply("model"));
    dispose = render(() => Transcript({ chat: chatWith(() => [live], () => true) }), host);
    vi.mocked(markdown.renderMarkdown).mockClear();
    for (let i = 0; i < 50; i += 1) live.setReply((reply) => applyEvent(reply, { type: "textDelta", block: 0, text: "token " }));
    vi.advanceTimersByTime(40);
    expect(rendered()).toEqual(["token ".repeat(50)]);
  });
});
