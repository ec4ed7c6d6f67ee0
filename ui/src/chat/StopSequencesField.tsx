import { createSignal, For } from "solid-js";
import { addStopSequence, showStopSequence } from "./params";

/**
 * The stop sequences as removable chips and a box that adds one on Enter; `disabledReason`
 * (the model takes none) disables the box and shows why in its placeholder.
 */
export function StopSequencesField(props: {
  inputId: string;
  chipsTestId: string;
  inputTestId: string;
  values: readonly string[];
  disabledReason: string | undefined;
  onChange: (values: string[]) => void;
}) {
  const [draft, setDraft] = createSignal("");
  const commit = () => {
    props.onChange(addStopSequence(props.values, draft()));
    setDraft("");
  };
  return (
    <>
      <div class="chips" data-testid={props.chipsTestId}>
        <For each={props.values}>
          {(value) => (
            <span class="chip">
              <code>{showStopSequence(value)}</code>
              <button
                class="chip-remove"
                title="Remove"
                aria-label={`Remove stop sequence ${showStopSequence(value)}`}
                onClick={() => {
                  props.onChange(props.values.filter((s) => s !== value));
                }}
              >
                ×
              </button>
            </span>
          )}
        </For>
      </div>
      <input
        id={props.inputId}
        data-testid={props.inputTestId}
        disabled={props.disabledReason !== undefined}
        placeholder={props.disabledReason ?? "Type, then Enter (\\n for newline)"}
        value={draft()}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
    </>
  );
}
