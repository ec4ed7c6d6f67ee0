import { createEffect, For, Match, on, Show, Switch } from "solid-js";
import type { Chat, Exchange } from "./store";
import { pendingToolCalls } from "./reply";
import { ErrorCard } from "../shared/ErrorCard";
import { ToolAnswers } from "./ToolAnswers";
import { MetricsLine } from "./MetricsLine";
import { ReplyMarkdown } from "./ReplyMarkdown";
import { modifierShortcut } from "../shared/shortcuts";

function ReplyView(props: { exchange: Exchange; chat: Chat }) {
  const reply = () => props.exchange.reply();
  /** Tool calls waiting for the user's results: only on the newest reply. */
  const pending = () =>
    props.exchange === props.chat.exchanges().at(-1) ? pendingToolCalls([{ user: props.exchange.user, reply: reply() }]) : [];
  return (
    <article class="message assistant" data-testid="reply" data-status={reply().status}>
      <header class="message-head">
        <span class="who">{reply().modelId}</span>
        <Switch>
          <Match when={reply().status === "waiting"}>
            <span class="status">waiting for the first token…</span>
          </Match>
          <Match when={reply().status === "streaming"}>
            <span class="status live">streaming</span>
          </Match>
          <Match when={reply().status === "stopped"}>
            <span class="status" data-testid="stopped-label">stopped by you</span>
          </Match>
          <Match when={reply().status === "interrupted"}>
            <span class="status warn" data-testid="interrupted-label">interrupted: the app closed mid-answer</span>
          </Match>
        </Switch>
      </header>
      <Show when={reply().reasoning !== "" || reply().reasoningBlocks.length > 0}>
        <details class="reasoning" data-testid="reasoning" data-kept={reply().reasoningBlocks.length > 0 ? "true" : "false"}>
          <summary>
            Reasoning
            <Show when={reply().reasoningBlocks.length > 0}>
              <span class="muted" title="Sent back unchanged, with its signature, when the conversation goes on">
                {" "}
                · signed, sent back with the conversation
              </span>
            </Show>
          </summary>
          <pre>{reply().reasoning}</pre>
          <Show when={reply().reasoningBlocks.some((block) => block.type === "redacted")}>
            <p class="muted" data-testid="redacted-reasoning">
              Part of the reasoning was encrypted by the provider: it is kept as it came and sent back with the conversation.
            </p>
          </Show>
        </details>
      </Show>
      <ReplyMarkdown text={reply().text} testId="reply-text" />
      <For each={reply().toolUses}>
        {(tool) => (
          <div class="tool-use">
            <span class="pill" data-testid="tool-call">tool · {tool.name}</span>
            <pre>{tool.input}</pre>
          </div>
        )}
      </For>
      <Show when={pending().length > 0}>
        <ToolAnswers calls={pending()} chat={props.chat} />
      </Show>
      <Show when={reply().error}>
        {(error) => (
          <ErrorCard
            error={error()}
            onRetry={() => {
              props.chat.retry(props.exchange);
            }}
          />
        )}
      </Show>
      <Show when={reply().usage && reply().metrics ? { usage: reply().usage, metrics: reply().metrics } : null}>
        {(done) => {
          const usage = done().usage;
          const metrics = done().metrics;
          return usage && metrics ? (
            <MetricsLine usage={usage} metrics={metrics} stopReason={reply().stopReason} />
          ) : null;
        }}
      </Show>
    </article>
  );
}

export function Transcript(props: { chat: Chat }) {
  let scroller: HTMLDivElement | undefined;
  let pinned = true;
  let following: number | undefined;
  // Follow the newest text while the reader is at the bottom, once a frame: reading the height
  // lays the page out, which on every streamed token would cost more than the token.
  createEffect(
    on(
      () => props.chat.exchanges().at(-1)?.reply().text,
      () => {
        following ??= requestAnimationFrame(() => {
          following = undefined;
          if (pinned && scroller) scroller.scrollTop = scroller.scrollHeight;
        });
      },
    ),
  );
  return (
    <div
      class="transcript"
      data-testid="transcript"
      role="log"
      aria-label="Conversation"
      aria-live="polite"
      aria-busy={props.chat.streaming()}
      tabindex="0"
      ref={(el) => (scroller = el)}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      <Show
        when={props.chat.exchanges().length > 0}
        fallback={
          <div class="empty">
            <h2>Prompt a Bedrock model</h2>
            <p>
              Pick a model, write a system prompt if you like, and send a message. Answers stream
              token by token through the Converse API, with usage and latency after each one.
            </p>
            <p class="muted">{modifierShortcut("Enter")} sends · Esc or Stop cancels the stream</p>
          </div>
        }
      >
        <For each={props.chat.exchanges()}>
          {(exchange) => (
            <div class="exchange">
              <article class="message user" data-testid="user-message">
                <header class="message-head">
                  <span class="who">You</span>
                </header>
                <Show when={exchange.user !== ""}>
                  <p class="user-text">{exchange.user}</p>
                </Show>
                <For each={exchange.toolAnswers}>
                  {(answer) => (
                    <p class="user-text tool-result-sent" data-testid="tool-result-sent" data-error={answer.isError ? "true" : "false"}>
                      <span class="pill">{answer.isError ? "tool error" : "tool result"}</span> {answer.text}
                    </p>
                  )}
                </For>
                <Show when={exchange.attachments.length > 0}>
                  <p class="muted" data-testid="sent-attachments">📎 {exchange.attachments.map((a) => a.name).join(", ")}</p>
                </Show>
              </article>
              <ReplyView exchange={exchange} chat={props.chat} />
              <Show when={exchange.runId() !== null && !props.chat.streaming()}>
                <div class="exchange-actions">
                  <button
                    class="link"
                    data-testid="branch"
                    title="A new conversation with the turns up to here, to continue differently"
                    onClick={() => void props.chat.branchFrom(exchange)}
                  >
                    Branch from here
                  </button>
                </div>
              </Show>
            </div>
          )}
        </For>
      </Show>
    </div>
  );
}
