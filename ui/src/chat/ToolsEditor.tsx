import { Show } from "solid-js";
import type { Chat } from "./store";

const EXAMPLE = `[{"name": "get_weather", "description": "Current weather for a city",
  "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]`;

/** Tools the model may call, as JSON schema; checked here, converted in the backend. */
export function toolsProblem(text: string): string | null {
  if (text.trim() === "") return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? null : "Tools are a JSON array of {name, description, inputSchema}.";
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function ToolsEditor(props: { chat: Chat }) {
  return (
    <details class="field tools" open={props.chat.toolsJson() !== ""}>
      <summary>Tools (JSON schema)</summary>
      <textarea
        data-testid="tools-json"
        rows={5}
        spellcheck={false}
        classList={{ code: true, invalid: toolsProblem(props.chat.toolsJson()) !== null }}
        placeholder={EXAMPLE}
        value={props.chat.toolsJson()}
        onInput={(e) => props.chat.setToolsJson(e.currentTarget.value)}
      />
      <Show when={toolsProblem(props.chat.toolsJson())}>{(problem) => <p class="field-error">{problem()}</p>}</Show>
    </details>
  );
}
