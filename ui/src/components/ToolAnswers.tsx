import { createSignal, For } from "solid-js";
import type { ToolUse } from "../lib/conversation";
import type { Session } from "../state/session";

/** The user plays the tool: one result per call, sent back as toolResult blocks. */
export function ToolAnswers(props: { calls: ToolUse[]; session: Session }) {
  const [results, setResults] = createSignal<Record<string, string>>({});
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
          </div>
        )}
      </For>
      <button
        class="primary"
        data-testid="send-tool-results"
        onClick={() =>
          void props.session.answerTools(
            props.calls.map((call) => ({ toolUseId: call.id, text: results()[call.id] ?? "", isError: false })),
          )
        }
      >
        Send tool results
      </button>
    </div>
  );
}
