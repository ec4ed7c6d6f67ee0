import { For, Show } from "solid-js";
import type { Session } from "../state/session";

/** Inputs for the `{{variables}}` of the system prompt and the message. */
export function VariablesPanel(props: { session: Session }) {
  return (
    <Show when={props.session.variableNames().length > 0}>
      <section class="params" data-testid="variables">
        <h3>Variables</h3>
        <For each={props.session.variableNames()}>
          {(name) => (
            <div class="param param-wide">
              <label for={`var-${name}`}>{`{{${name}}}`}</label>
              <input
                id={`var-${name}`}
                data-testid={`var-${name}`}
                value={props.session.variables()[name] ?? ""}
                onInput={(e) => props.session.setVariables({ ...props.session.variables(), [name]: e.currentTarget.value })}
              />
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}
