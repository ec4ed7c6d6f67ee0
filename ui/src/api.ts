// The backend as the UI sees it: typed commands with `{code, message, hint}` errors.
import { Channel } from "@tauri-apps/api/core";
import {
  commands,
  type BackendInfo,
  type CatalogueView,
  type ChatEvent,
  type ChatRun,
  type ChatOutcome,
  type Conversation,
  type ConversationSummary,
  type PromptContent,
  type PromptSummary,
  type PromptVersion,
  type StorageError,
  type WireExchange,
  type FormatPreview,
  type FormatError,
  type NativeRun,
  type PromptSpec,
  type SnippetApi,
  type SnippetLanguage,
  type ChatRequest,
  type ClientError,
  type ConnectionReport,
  type Deleted,
  type NewProfile,
  type ProfileError,
  type ProfileList,
  type ProfileSummary,
  type ProfileUpdate,
  type AppSettings,
  type AttachmentInfo,
  type PriceTable,
  type RunLink,
} from "./bindings";

/** Every error the backend returns has this shape; `code` tells which. */
export type Result<T, E extends ClientError | ProfileError | StorageError | FormatError = ClientError> =
  | { ok: true; value: T }
  | { ok: false; error: E | ClientError };

type Binding<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** A failure of the IPC itself (not one the backend classified). */
function ipcFailure(error: unknown): ClientError {
  return {
    code: "Unknown",
    message: error instanceof Error ? error.message : String(error),
    hint: "The app's backend did not answer. Restart the app; if it persists, report it.",
  };
}

async function call<T, E extends ClientError | ProfileError | StorageError | FormatError = ClientError>(
  invoke: () => Promise<Binding<T, E>>,
): Promise<Result<T, E>> {
  try {
    const result = await invoke();
    return result.status === "ok" ? { ok: true, value: result.data } : { ok: false, error: result.error };
  } catch (error) {
    return { ok: false, error: ipcFailure(error) };
  }
}

export const backendStatus = (): Promise<Result<BackendInfo>> => call(() => commands.backendStatus());

export const listModels = (refresh: boolean): Promise<Result<CatalogueView>> =>
  call(() => commands.listModels(refresh));

export const favouriteModels = (): Promise<string[]> => commands.favouriteModels().catch(() => []);

export const toggleFavourite = (modelId: string): Promise<Result<string[]>> =>
  call(() => commands.toggleFavourite(modelId));

/** Stream one answer; `onEvent` sees every event in order. Resolves when the stream ends. */
export function streamChat(
  streamId: string,
  request: ChatRequest,
  link: RunLink,
  onEvent: (event: ChatEvent) => void,
): Promise<Result<ChatRun>> {
  const channel = new Channel<ChatEvent>();
  channel.onmessage = onEvent;
  return call(() => commands.chatStream(streamId, request, link, channel));
}

export async function cancelChat(streamId: string): Promise<void> {
  await commands.cancelChat(streamId).catch(() => undefined);
}

export const listProfiles = (): Promise<ProfileList> => commands.listProfiles();

export const addProfile = (profile: NewProfile): Promise<Result<ProfileSummary, ProfileError>> =>
  call(() => commands.addProfile(profile));

export const updateProfile = (id: string, update: ProfileUpdate): Promise<Result<ProfileSummary, ProfileError>> =>
  call(() => commands.updateProfile(id, update));

export const renameProfile = (id: string, name: string): Promise<Result<ProfileSummary, ProfileError>> =>
  call(() => commands.renameProfile(id, name));

export const deleteProfile = (id: string): Promise<Result<Deleted, ProfileError>> =>
  call(() => commands.deleteProfile(id));

export const setActiveProfile = (id: string): Promise<Result<BackendInfo>> =>
  call(() => commands.setActiveProfile(id));

export const testConnection = (id: string): Promise<Result<ConnectionReport, ProfileError>> =>
  call(() => commands.testConnection(id));

export const priceTable = (): Promise<PriceTable | null> => commands.priceTable().catch(() => null);

export const getSettings = (): Promise<AppSettings> => commands.getSettings();

export const saveSettings = (settings: AppSettings): Promise<Result<AppSettings>> =>
  call(() => commands.saveSettings(settings));

export const listConversations = (query: string): Promise<Result<ConversationSummary[], StorageError>> =>
  call(() => commands.listConversations(query === "" ? null : query));

export const getConversation = (id: string): Promise<Result<Conversation, StorageError>> =>
  call(() => commands.getConversation(id));

export const deleteConversation = (id: string): Promise<Result<null, StorageError>> =>
  call(() => commands.deleteConversation(id));

export const branchConversation = (runId: string): Promise<Result<Conversation, StorageError>> =>
  call(() => commands.branchConversation(runId));

export const exportConversation = (id: string): Promise<Result<string, StorageError>> =>
  call(() => commands.exportConversation(id));

export const importConversation = (json: string): Promise<Result<Conversation, StorageError>> =>
  call(() => commands.importConversation(json));

export const savePrompt = (name: string, content: PromptContent): Promise<Result<PromptVersion, StorageError>> =>
  call(() => commands.savePrompt(name, content));

export const listPrompts = (): Promise<Result<PromptSummary[], StorageError>> => call(() => commands.listPrompts());

export const promptVersions = (id: string): Promise<Result<PromptVersion[], StorageError>> =>
  call(() => commands.promptVersions(id));

export const deletePrompt = (id: string): Promise<Result<null, StorageError>> => call(() => commands.deletePrompt(id));

export const describeAttachment = (name: string, dataBase64: string): Promise<Result<AttachmentInfo>> =>
  call(() => commands.describeAttachment(name, dataBase64));

export const wireExchanges = (): Promise<WireExchange[]> => commands.wireExchanges().catch(() => []);

export const clearWireExchanges = (): Promise<void> => commands.clearWireExchanges().catch(() => undefined);

export const formatPreview = (spec: PromptSpec): Promise<FormatPreview> => commands.formatPreview(spec);

export const runNativeBody = (modelId: string, bodyJson: string): Promise<Result<NativeRun>> =>
  call(() => commands.runNativeBody(modelId, bodyJson));

export const runConverse = (request: ChatRequest): Promise<Result<ChatOutcome>> => call(() => commands.runConverse(request));

export const codeSnippet = async (language: SnippetLanguage, target: SnippetApi, modelId: string, bodyJson: string): Promise<string> => {
  const result = await call(() => commands.codeSnippet(language, target, modelId, bodyJson));
  return result.ok ? result.value : `# ${result.error.message}`;
};

export const embeddingPreview = (modelId: string, text: string): Promise<Result<string, FormatError>> =>
  call(() => commands.embeddingPreview(modelId, text));
