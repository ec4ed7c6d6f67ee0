import { For } from "solid-js";
import { jsonTokens } from "../shared/jsonTokens";

/** Highlighted JSON, as text nodes only. */
export function JsonView(props: { text: string; testId?: string }) {
  return (
    <pre class="json" data-testid={props.testId}>
      <For each={jsonTokens(props.text)}>{(token) => <span class={`json-${token.kind}`}>{token.text}</span>}</For>
    </pre>
  );
}
