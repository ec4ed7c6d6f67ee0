import { createEffect, on, onCleanup } from "solid-js";
import { renderMarkdown } from "./markdown";

const RENDER_INTERVAL_MS = 32;

/**
 * Sanitised Markdown of a text that may still be streaming: re-rendered at most every
 * 32 ms, and only this block, never the whole transcript.
 */
export function Markdown(props: { text: string; testId?: string }) {
  let container: HTMLDivElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const paint = () => {
    timer = undefined;
    if (container) container.innerHTML = renderMarkdown(props.text);
  };
  createEffect(
    on(
      () => props.text,
      () => {
        timer ??= setTimeout(paint, RENDER_INTERVAL_MS);
      },
      { defer: true },
    ),
  );
  onCleanup(() => {
    clearTimeout(timer);
  });
  return (
    <div
      class="markdown"
      data-testid={props.testId}
      ref={(el) => {
        container = el;
        paint();
      }}
      onClick={(e) => {
        // Links are inert: the webview never navigates away from the app.
        if (e.target instanceof HTMLElement && e.target.closest("a")) e.preventDefault();
      }}
    />
  );
}
