import { createEffect, For, Show } from "solid-js";
import { ChatSidebar, type Chat } from "../chat";
import { rememberCapabilities, type Catalogue } from "../models";
import { ProfileSwitcher, type Profiles } from "../profiles";
import type { View } from "./App";
import { SkipLink } from "./SkipLink";

/** The views in the order people move through them: prompting, the labs, inspecting, setting up. */
const tabs: { view: View; label: string }[] = [
  { view: "chat", label: "Chat" },
  { view: "compare", label: "Compare models" },
  { view: "history", label: "History" },
  { view: "library", label: "Prompt library" },
  { view: "embeddings", label: "Embeddings lab" },
  { view: "knowledge", label: "Knowledge bases" },
  { view: "inspector", label: "Format inspector" },
  { view: "wire", label: "Wire log" },
  { view: "profiles", label: "Profiles" },
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
    <aside class="sidebar" aria-label="Views and the chat's settings">
      <SkipLink />
      <h1 class="brand">
        <img src="/icon.png" alt="" width="28" height="28" />
        <span>Bedrock Playground</span>
      </h1>
      <nav class="view-tabs" aria-label="Views">
        <ul>
          <For each={tabs}>
            {(tab) => (
              <li>
                <button
                  aria-current={props.view === tab.view ? "page" : undefined}
                  data-testid={`tab-${tab.view}`}
                  onClick={() => {
                    props.onView(tab.view);
                  }}
                >
                  {tab.label}
                </button>
              </li>
            )}
          </For>
        </ul>
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
