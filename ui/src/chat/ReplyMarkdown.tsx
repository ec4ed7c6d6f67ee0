import { createEffect, on, onCleanup } from "solid-js";
import { StreamedMarkdown } from "./streamedMarkdown";

const RENDER_INTERVAL_MS = 32;

/**
 * A reply's sanitised Markdown while it streams: painted at most every 32 ms, each paint
 * rendering only what arrived since the last one settled (see streamedMarkdown.ts).
 */
export function ReplyMarkdown(props: { text: string; testId?: string }) {
  let view: StreamedMarkdown | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const paint = () => {
    timer = undefined;
    view?.show(props.text);
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
        view = new StreamedMarkdown(el);
        paint();
      }}
      onClick={(e) => {
        // Links are inert: the webview never navigates away from the app.
        if (e.target instanceof HTMLElement && e.target.closest("a")) e.preventDefault();
      }}
    />
  );
}
