import { Show } from "solid-js";
import { controlsFor, ModelPicker, type Catalogue } from "../models";
import { markFirstScreenWhen } from "./firstScreen";
import { ParamsPanel } from "./ParamsPanel";
import type { Chat } from "./store";
import { ToolsEditor } from "./ToolsEditor";
import { VariablesPanel } from "./VariablesPanel";

/** The chat's settings beside every prompt view: model, system prompt, variables, tools, parameters. */
export function ChatSidebar(props: { chat: Chat; catalogue: Catalogue }) {
  const controls = () => controlsFor(props.chat.modelId());
  markFirstScreenWhen(() => props.catalogue.models().length > 0);
  const toolNote = () => {
    if (props.chat.toolsJson().trim() === "") return null;
    if (!controls().toolUse) return "This model takes no tools through Converse: clear the Tools editor to send.";
    if (controls().toolsWithoutStreaming) return "With tools, this model answers through Converse: the reply arrives whole, not streamed.";
    return null;
  };
  return (
    <>
      <ModelPicker
        catalogue={props.catalogue}
        modelId={props.chat.modelId}
        onChoose={(id) => {
          props.chat.setModelId(id);
        }}
        note={toolNote}
      />
      <section class="field">
        <label for="system-prompt">System prompt</label>
        <textarea
          id="system-prompt"
          data-testid="system-prompt"
          rows={6}
          disabled={!controls().systemPrompt}
          placeholder={
            controls().systemPrompt
              ? "You are a concise assistant…"
              : `${controls().family} takes no system prompt through Converse`
          }
          value={props.chat.systemPrompt()}
          onInput={(e) => props.chat.setSystemPrompt(e.currentTarget.value)}
        />
        <Show when={!controls().systemPrompt && props.chat.systemPrompt().trim() !== ""}>
          <p class="muted" style={{ "font-size": "12px", margin: "0" }} data-testid="system-prompt-reason">
            Not sent: {controls().family} takes no system prompt through Converse.
          </p>
        </Show>
      </section>
      <VariablesPanel chat={props.chat} />
      <ToolsEditor chat={props.chat} />
      <ParamsPanel chat={props.chat} />
    </>
  );
}
