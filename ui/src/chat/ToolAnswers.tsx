import { For } from "solid-js";
import type { ToolUse } from "./reply";
import type { Chat } from "./store";

/** The user plays the tool: one result per call, sent back as toolResult blocks. */
export function ToolAnswers(props: { calls: ToolUse[]; chat: Chat }) {
  // Kept by the chat, not here: what is typed survives leaving the view and coming back.
  const draft = (id: string) => props.chat.toolDrafts()[id] ?? { text: "", isError: false };
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
              value={draft(call.id).text}
              onInput={(e) => { props.chat.setToolDraft(call.id, { text: e.currentTarget.value }); }}
            />
            <label class="inline" title="Sent with status error: the tool failed, the text says why">
              <input
                type="checkbox"
                data-testid="tool-result-error"
                checked={draft(call.id).isError}
                onChange={(e) => { props.chat.setToolDraft(call.id, { isError: e.currentTarget.checked }); }}
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
            props.calls.map((call) => ({ toolUseId: call.id, text: draft(call.id).text, isError: draft(call.id).isError })),
          )
        }
      >
        Send tool results
      </button>
    </div>
  );
}
