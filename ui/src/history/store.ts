// The History screen: stored conversations, search, reopen, delete, export and import.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { ConversationSummary } from "../bindings";
import type { Chat } from "../chat";
import { createAction, type Outcome } from "../shared/action";
import { ask } from "../shared/confirm";
import type { AppError } from "../shared/errors";

export function createHistory(chat: Pick<Chat, "openConversation">, onOpened: () => void) {
  const [query, setQuery] = createSignal("");
  const [items, setItems] = createSignal<ConversationSummary[]>([]);
  const [failure, setFailure] = createSignal<AppError | null>(null);
  const [exported, setExported] = createSignal<string | null>(null);
  const [importText, setImportText] = createSignal("");

  async function load(): Promise<void> {
    const listed = await api.listConversations(query().trim());
    if (listed.ok) {
      setItems(listed.value);
      setFailure(null);
    } else setFailure(listed.error);
  }

  async function open(id: string): Promise<void> {
    const found = await api.getConversation(id);
    if (!found.ok) return void setFailure(found.error);
    if (await chat.openConversation(found.value)) onOpened();
  }

  /** Delete a stored conversation, once the user agrees. */
  async function remove(id: string): Promise<void> {
    const title = items().find((item) => item.id === id)?.title ?? "this conversation";
    const agreed = await ask({
      title: "Delete this conversation?",
      message: `“${title}” and every answer in it are deleted from the history. This cannot be undone.`,
      confirmLabel: "Delete conversation",
    });
    if (!agreed) return;
    const removed = await api.deleteConversation(id);
    if (!removed.ok) return void setFailure(removed.error);
    await load();
  }

  // Export and import read or write a whole conversation: their buttons say they are busy.
  const exporting = createAction(async (id: string): Promise<Outcome<null>> => {
    const json = await api.exportConversation(id);
    if (!json.ok) return json;
    setExported(json.value);
    return { ok: true, value: null };
  });

  const importing = createAction(async (): Promise<Outcome<null>> => {
    const imported = await api.importConversation(importText());
    if (!imported.ok) return imported;
    setImportText("");
    await load();
    return { ok: true, value: null };
  });

  /** The failure to show: the last list, open or delete, else an export or import. */
  const shownFailure = () => failure() ?? exporting.error() ?? importing.error();

  return {
    query,
    setQuery,
    items,
    failure: shownFailure,
    exported,
    setExported,
    importText,
    setImportText,
    load,
    open,
    remove,
    exportJson: (id: string) => exporting.run(id),
    exporting: exporting.busy,
    importJson: () => importing.run(),
    importing: importing.busy,
  };
}

export type History = ReturnType<typeof createHistory>;
