import { createEffect, For, Show } from "solid-js";
import { ChatSidebar, type Chat } from "../chat";
import { rememberCapabilities, type Catalogue } from "../models";
import { ProfileSwitcher, type Profiles } from "../profiles";
import type { View } from "./App";

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

export function Sidebar(props: {
  chat: Chat;
  catalogue: Catalogue;
  profiles: Profiles;
  view: View;
  onView: (view: View) => void;
}) {
  // Every view reads the models' capabilities through controlsFor.
  createEffect(() => {
    rememberCapabilities(props.catalogue.models());
  });
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
        <ChatSidebar chat={props.chat} catalogue={props.catalogue} />
      </Show>
    </aside>
  );
}
