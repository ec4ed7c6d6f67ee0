import { createSignal, Match, onMount, Switch } from "solid-js";
import { Composer } from "./components/Composer";
import { EmbeddingsPage } from "./embeddings/EmbeddingsPage";
import { createEmbeddingsLab } from "./embeddings/state";
import { KnowledgePage } from "./knowledge/KnowledgePage";
import { createKnowledgeLab } from "./knowledge/state";
import { ComparePage } from "./components/compare/ComparePage";
import { HistoryPage } from "./components/HistoryPage";
import { InspectorPage } from "./components/inspector/InspectorPage";
import { WirePage } from "./components/inspector/WirePage";
import { LibraryPage } from "./components/LibraryPage";
import { ProfilesPage } from "./components/profiles/ProfilesPage";
import { SettingsPage } from "./components/SettingsPage";
import { Sidebar } from "./components/Sidebar";
import { TopBar } from "./components/TopBar";
import { Transcript } from "./components/Transcript";
import { createComparison } from "./state/compare";
import { createHistory } from "./state/history";
import { createInspector } from "./state/inspector";
import { createLibrary } from "./state/library";
import { createProfiles } from "./state/profiles";
import { createSession } from "./state/session";
import { createSettings } from "./state/settings";

export type View = "chat" | "compare" | "embeddings" | "knowledge" | "history" | "library" | "inspector" | "wire" | "profiles" | "settings";

export function App() {
  const session = createSession();
  const profiles = createProfiles(session);
  const comparison = createComparison(session);
  const settings = createSettings();
  const [view, setView] = createSignal<View>("chat");
  const history = createHistory(session, () => setView("chat"));
  const library = createLibrary(session, () => setView("chat"));
  const inspector = createInspector(session);
  const lab = createEmbeddingsLab({
    sendToChat: (text) => {
      session.setDraft(session.draft() === "" ? text : `${text}${session.draft()}`);
    },
  });
  let labLoaded = false;
  const knowledge = createKnowledgeLab(session);
  let knowledgeLoaded = false;
  onMount(() => {
    void settings.load();
    void profiles.load();
    void session.load();
  });
  const openProfiles = () => {
    void profiles.load();
    profiles.select(profiles.list()?.activeId ?? null);
    setView("profiles");
  };
  return (
    <div class="app" classList={{ "app-wide": view() === "embeddings" }}>
      <Sidebar
        session={session}
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
      <Switch>
        <Match when={view() === "chat"}>
          <main class="chat">
            <TopBar session={session} onChooseProfile={openProfiles} />
            <Transcript session={session} />
            <Composer session={session} />
          </main>
        </Match>
        <Match when={view() === "compare"}>
          <ComparePage session={session} comparison={comparison} />
        </Match>
        <Match when={view() === "embeddings"}>
          <EmbeddingsPage lab={lab} onOpenChat={() => setView("chat")} />
        </Match>
        <Match when={view() === "knowledge"}>
          <KnowledgePage lab={knowledge} session={session} />
        </Match>
        <Match when={view() === "history"}>
          <HistoryPage history={history} />
        </Match>
        <Match when={view() === "library"}>
          <LibraryPage library={library} />
        </Match>
        <Match when={view() === "inspector"}>
          <InspectorPage session={session} inspector={inspector} />
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
  );
}
