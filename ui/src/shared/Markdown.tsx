import { createEffect, on, onCleanup } from "solid-js";
import { renderMarkdown } from "./markdown";

const RENDER_INTERVAL_MS = 32;

/** Paints a text into its container; made once per container. */
export type MarkdownPainter = (container: HTMLElement) => (text: string) => void;

const renderWhole: MarkdownPainter = (container) => (text) => {
  container.innerHTML = renderMarkdown(text);
};

/**
 * Sanitised Markdown of a text that may still be streaming: painted at most every 32 ms, and
 * only this block, never the whole transcript. `painter` chooses how a paint renders (the whole
 * text by default; the chat's reply renders only what arrived since the last paint).
 */
export function Markdown(props: { text: string; testId?: string; painter?: MarkdownPainter }) {
  let show: ((text: string) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const paint = () => {
    timer = undefined;
    show?.(props.text);
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
        show = (props.painter ?? renderWhole)(el);
        paint();
      }}
      onClick={(e) => {
        // Links are inert: the webview never navigates away from the app.
        if (e.target instanceof HTMLElement && e.target.closest("a")) e.preventDefault();
      }}
    />
  );
}
