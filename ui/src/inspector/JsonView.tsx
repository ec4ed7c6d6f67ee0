import { For } from "solid-js";
import { jsonTokens } from "../shared/jsonTokens";

/** Highlighted JSON, as text nodes only; a named, focusable region so the keyboard can scroll it. */
export function JsonView(props: { text: string; label: string; testId?: string }) {
  return (
    <pre class="json" data-testid={props.testId} tabindex="0" role="region" aria-label={props.label}>
      <For each={jsonTokens(props.text)}>{(token) => <span class={`json-${token.kind}`}>{token.text}</span>}</For>
    </pre>
  );
}
