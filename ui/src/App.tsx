import { onMount } from "solid-js";
import { Composer } from "./components/Composer";
import { Sidebar } from "./components/Sidebar";
import { TopBar } from "./components/TopBar";
import { Transcript } from "./components/Transcript";
import { createSession } from "./state/session";

export function App() {
  const session = createSession();
  onMount(() => void session.load());
  return (
    <div class="app">
      <Sidebar session={session} />
      <main class="chat">
        <TopBar session={session} />
        <Transcript session={session} />
        <Composer session={session} />
      </main>
    </div>
  );
}
