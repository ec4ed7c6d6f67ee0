import { createSignal, For } from "solid-js";
import type { ToolUse } from "./reply";
import type { Chat } from "./store";

/** The user plays the tool: one result per call, sent back as toolResult blocks. */
export function ToolAnswers(props: { calls: ToolUse[]; chat: Chat }) {
  const [results, setResults] = createSignal<Record<string, string>>({});
  const [failed, setFailed] = createSignal<Record<string, boolean>>({});
  return (
    <div class="tool-answers" data-testid="tool-answers">
      <For each={props.calls}>
        {(call) => (
          <div class="param param-wide">
            <label for={`tool-result-${call.id}`}>Result of {call.name}</label>
            <textarea
              id={`tool-result-${call.id}`}
              data-testid="tool-result"
              rows={2}
              placeholder='e.g. {"temperature": 18, "sky": "clear"}'
              value={results()[call.id] ?? ""}
              onInput={(e) => setResults({ ...results(), [call.id]: e.currentTarget.value })}
            />
            <label class="inline" title="Sent with status error: the tool failed, the text says why">
              <input
                type="checkbox"
                data-testid="tool-result-error"
                checked={failed()[call.id] ?? false}
                onChange={(e) => setFailed({ ...failed(), [call.id]: e.currentTarget.checked })}
              />{" "}
              the tool failed
            </label>
          </div>
        )}
      </For>
      <button
        class="primary"
        data-testid="send-tool-results"
        onClick={() =>
          void props.chat.answerTools(
            props.calls.map((call) => ({ toolUseId: call.id, text: results()[call.id] ?? "", isError: failed()[call.id] ?? false })),
          )
        }
      >
        Send tool results
      </button>
    </div>
  );
}
