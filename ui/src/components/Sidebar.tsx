import { createEffect, For, Show } from "solid-js";
import { controlsFor, rememberCapabilities } from "../lib/modelControls";
import type { Profiles } from "../state/profiles";
import type { Session } from "../state/session";
import { ModelPicker } from "./ModelPicker";
import { ParamsPanel } from "./ParamsPanel";
import { ProfileSwitcher } from "./profiles/ProfileSwitcher";
import { ToolsEditor } from "./ToolsEditor";
import { VariablesPanel } from "./VariablesPanel";

import type { View } from "../App";

const tabs: { view: View; label: string }[] = [
  { view: "chat", label: "Chat" },
  { view: "compare", label: "Compare" },
  { view: "embeddings", label: "Embeddings" },
  { view: "knowledge", label: "Knowledge" },
  { view: "history", label: "History" },
  { view: "library", label: "Prompts" },
  { view: "inspector", label: "Inspector" },
  { view: "wire", label: "Wire" },
  { view: "settings", label: "Settings" },
];

export function Sidebar(props: { session: Session; profiles: Profiles; view: View; onView: (view: View) => void }) {
  // Every view reads the models' capabilities through controlsFor.
  createEffect(() => {
    rememberCapabilities(props.session.models());
  });
  const controls = () => controlsFor(props.session.modelId());
  return (
    <aside class="sidebar">
      <div class="brand">
        <img src="/icon.png" alt="" width="28" height="28" />
        <span>Bedrock Playground</span>
      </div>
      <nav class="view-tabs">
        <For each={tabs}>
          {(tab) => (
            <button
              classList={{ on: props.view === tab.view }}
              data-testid={`tab-${tab.view}`}
              onClick={() => {
                props.onView(tab.view);
              }}
            >
              {tab.label}
            </button>
          )}
        </For>
      </nav>
      <ProfileSwitcher
        profiles={props.profiles}
        onManage={() => {
          props.onView("profiles");
        }}
      />
      <Show when={props.view !== "embeddings" && props.view !== "knowledge"}>
      <ModelPicker session={props.session} />
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
          value={props.session.systemPrompt()}
          onInput={(e) => props.session.setSystemPrompt(e.currentTarget.value)}
        />
        <Show when={!controls().systemPrompt && props.session.systemPrompt().trim() !== ""}>
          <p class="muted" style={{ "font-size": "12px", margin: "0" }} data-testid="system-prompt-reason">
            Not sent: {controls().family} takes no system prompt through Converse.
          </p>
        </Show>
      </section>
      <VariablesPanel session={props.session} />
      <ToolsEditor session={props.session} />
      <ParamsPanel session={props.session} />
      </Show>
    </aside>
  );
}
