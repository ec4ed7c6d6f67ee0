// The backend as the UI sees it: typed commands with `{code, message, hint}` errors.
import { Channel } from "@tauri-apps/api/core";
import {
  commands,
  type BackendInfo,
  type ChatEvent,
  type ChatOutcome,
  type ChatRequest,
  type ClientError,
  type ModelOption,
} from "./bindings";

export type Result<T> = { ok: true; value: T } | { ok: false; error: ClientError };

function fromBinding<T>(result: { status: "ok"; data: T } | { status: "error"; error: ClientError }): Result<T> {
  return result.status === "ok" ? { ok: true, value: result.data } : { ok: false, error: result.error };
}

/** A failure of the IPC itself (not one the backend classified). */
function ipcFailure(error: unknown): ClientError {
  return {
    code: "Unknown",
    message: error instanceof Error ? error.message : String(error),
    hint: "The app's backend did not answer. Restart the app; if it persists, report it.",
  };
}

async function call<T>(
  invoke: () => Promise<{ status: "ok"; data: T } | { status: "error"; error: ClientError }>,
): Promise<Result<T>> {
  try {
    return fromBinding(await invoke());
  } catch (error) {
    return { ok: false, error: ipcFailure(error) };
  }
}

export const backendStatus = (): Promise<Result<BackendInfo>> => call(() => commands.backendStatus());

export const listModels = (): Promise<Result<ModelOption[]>> => call(() => commands.listModels());

/** Stream one answer; `onEvent` sees every event in order. Resolves when the stream ends. */
export function streamChat(
  streamId: string,
  request: ChatRequest,
  onEvent: (event: ChatEvent) => void,
): Promise<Result<ChatOutcome>> {
  const channel = new Channel<ChatEvent>();
  channel.onmessage = onEvent;
  return call(() => commands.chatStream(streamId, request, channel));
}

export async function cancelChat(streamId: string): Promise<void> {
  await commands.cancelChat(streamId).catch(() => undefined);
}
