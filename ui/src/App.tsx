import { createSignal, onMount, Show } from "solid-js";
import { Composer } from "./components/Composer";
import { ProfilesPage } from "./components/profiles/ProfilesPage";
import { Sidebar } from "./components/Sidebar";
import { TopBar } from "./components/TopBar";
import { Transcript } from "./components/Transcript";
import { createProfiles } from "./state/profiles";
import { createSession } from "./state/session";

export function App() {
  const session = createSession();
  const profiles = createProfiles(session);
  const [showProfiles, setShowProfiles] = createSignal(false);
  onMount(() => {
    void profiles.load();
    void session.load();
  });
  const openProfiles = () => {
    void profiles.load();
    profiles.select(profiles.list()?.activeId ?? null);
    setShowProfiles(true);
  };
  return (
    <div class="app">
      <Sidebar session={session} profiles={profiles} onManageProfiles={openProfiles} />
      <Show
        when={showProfiles()}
        fallback={
          <main class="chat">
            <TopBar session={session} />
            <Transcript session={session} />
            <Composer session={session} />
          </main>
        }
      >
        <ProfilesPage profiles={profiles} onClose={() => setShowProfiles(false)} />
      </Show>
    </div>
  );
}
