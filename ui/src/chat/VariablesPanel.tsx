import { For, Show } from "solid-js";
import type { Chat } from "./store";

/** Inputs for the `{{variables}}` of the system prompt and the message. */
export function VariablesPanel(props: { chat: Chat }) {
  return (
    <Show when={props.chat.variableNames().length > 0}>
      <section class="params" data-testid="variables">
        <h2>Variables</h2>
        <For each={props.chat.variableNames()}>
          {(name) => (
            <div class="param param-wide">
              <label for={`var-${name}`}>{`{{${name}}}`}</label>
              <input
                id={`var-${name}`}
                data-testid={`var-${name}`}
                value={props.chat.variables()[name] ?? ""}
                onInput={(e) => props.chat.setVariables({ ...props.chat.variables(), [name]: e.currentTarget.value })}
              />
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}
