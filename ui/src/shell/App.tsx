import { createSignal, Match, onMount, Switch } from "solid-js";
import { Composer, createChat, TopBar, Transcript } from "../chat";
import { ComparePage, createComparison } from "../compare";
import { createEmbeddingsLab, EmbeddingsPage } from "../embeddings";
import { createHistory, HistoryPage } from "../history";
import { createInspector, InspectorPage } from "../inspector";
import { createKnowledgeLab, KnowledgePage } from "../knowledge";
import { createCatalogue } from "../models";
import { createProfiles, ProfilesPage } from "../profiles";
import { createLibrary, LibraryPage } from "../prompts";
import { createSettings, SettingsPage } from "../settings";
import { ConfirmDialog } from "../shared/ConfirmDialog";
import { WirePage } from "../wire";
import { Sidebar } from "./Sidebar";

export type View = "chat" | "compare" | "embeddings" | "knowledge" | "history" | "library" | "inspector" | "wire" | "profiles" | "settings";

export function App() {
  const catalogue = createCatalogue();
  const chat = createChat(catalogue);
  const profiles = createProfiles(catalogue);
  const comparison = createComparison(chat, catalogue);
  const settings = createSettings();
  const [view, setView] = createSignal<View>("chat");
  const history = createHistory(chat, () => setView("chat"));
  const library = createLibrary(chat, () => setView("chat"));
  const inspector = createInspector(chat);
  const lab = createEmbeddingsLab({
    sendToChat: (text) => {
      chat.prependToDraft(text);
    },
  });
  let labLoaded = false;
  const knowledge = createKnowledgeLab(chat);
  let knowledgeLoaded = false;
  onMount(() => {
    void settings.load();
    void profiles.load();
    void catalogue.load();
  });
  const openProfiles = () => {
    void profiles.load();
    profiles.select(profiles.list()?.activeId ?? null);
    setView("profiles");
  };
  return (
    <div class="app" classList={{ "app-wide": view() === "embeddings" }}>
      <Sidebar
        chat={chat}
        catalogue={catalogue}
        profiles={profiles}
        view={view()}
        onView={(next) => {
          if (next === "profiles") openProfiles();
          else setView(next);
          if (next === "embeddings" && !labLoaded) {
            labLoaded = true;
            void lab.load();
          }
          if (next === "knowledge" && !knowledgeLoaded) {
            knowledgeLoaded = true;
            void knowledge.load();
          }
        }}
      />
      {/* The skip link's target; the view inside it is the main landmark. */}
      <div id="content" class="view-slot">
        <Switch>
          <Match when={view() === "chat"}>
            <main class="chat">
              <TopBar chat={chat} catalogue={catalogue} onChooseProfile={openProfiles} />
              <Transcript chat={chat} />
              <Composer chat={chat} />
            </main>
          </Match>
          <Match when={view() === "compare"}>
            <ComparePage chat={chat} catalogue={catalogue} comparison={comparison} />
          </Match>
          <Match when={view() === "embeddings"}>
            <EmbeddingsPage lab={lab} onOpenChat={() => setView("chat")} />
          </Match>
          <Match when={view() === "knowledge"}>
            <KnowledgePage lab={knowledge} catalogue={catalogue} />
          </Match>
          <Match when={view() === "history"}>
            <HistoryPage history={history} />
          </Match>
          <Match when={view() === "library"}>
            <LibraryPage library={library} />
          </Match>
          <Match when={view() === "inspector"}>
            <InspectorPage chat={chat} inspector={inspector} />
          </Match>
          <Match when={view() === "wire"}>
            <WirePage />
          </Match>
          <Match when={view() === "profiles"}>
            <ProfilesPage profiles={profiles} onClose={() => setView("chat")} />
          </Match>
          <Match when={view() === "settings"}>
            <SettingsPage settings={settings} />
          </Match>
        </Switch>
      </div>
      <ConfirmDialog />
    </div>
  );
}
