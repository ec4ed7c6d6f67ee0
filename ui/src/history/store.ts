// The History screen: stored conversations, search, reopen, delete, export and import.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { Chat } from "../chat";
import { createAction, type Outcome } from "../shared/action";
import { ask } from "../shared/confirm";
import type { AppError } from "../shared/errors";
import { createHistoryList } from "./list";

export function createHistory(chat: Pick<Chat, "openConversation">, onOpened: () => void) {
  const [failure, setFailure] = createSignal<AppError | null>(null);
  const [exported, setExported] = createSignal<string | null>(null);
  const [importText, setImportText] = createSignal("");
  // Paged and searched as typed; each page shown clears the last failure or sets it.
  const list = createHistoryList(api.historyPage, setFailure);
  const items = list.items;

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
    list.forget(id);
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
    await list.reload();
    return { ok: true, value: null };
  });

  /** The failure to show: the last list, open or delete, else an export or import. */
  const shownFailure = () => failure() ?? exporting.error() ?? importing.error();

  return {
    query: list.query,
    setQuery: list.setQuery,
    items,
    total: list.total,
    hasMore: list.hasMore,
    loadMore: list.loadMore,
    loadingMore: list.loadingMore,
    searching: list.searching,
    shownQuery: list.shownQuery,
    failure: shownFailure,
    exported,
    setExported,
    importText,
    setImportText,
    load: list.reload,
    open,
    remove,
    exportJson: (id: string) => exporting.run(id),
    exporting: exporting.busy,
    importJson: () => importing.run(),
    importing: importing.busy,
  };
}

export type History = ReturnType<typeof createHistory>;
