// The chat: the model chosen, the system prompt, parameters, the message being written with its
// files, tools and variables, the exchanges and the stream in flight, and the notice under them.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import type { Conversation, InferenceParams, ToolAnswer } from "../bindings";
import { additionalFieldsJson, controlsFor, preferredModel, type Catalogue } from "../models";
import { pendingOf, readAsDataUrl, type PendingAttachment } from "./attachments";
import { createConversation, type Exchange } from "./conversation";
import { defaultParamsForm, formOfParams, parseParams, type ParamErrors, type ParamsForm } from "./params";
import { pendingToolCalls } from "./reply";
import { exchangeOf, extraFormOf, requestOf } from "./storedRuns";
import { fillTemplate, templateVariables } from "./template";

export type { PendingAttachment } from "./attachments";
export type { Exchange } from "./conversation";

/** What the chat needs of the catalogue. */
export type CatalogueForChat = Pick<Catalogue, "find" | "markProfileUnusable" | "onListed" | "onProblem">;

/** What is being written, as the prompt library saves it and the inspector shows it. */
export interface PromptSnapshot {
  modelId: string;
  systemPrompt: string;
  draft: string;
  paramsForm: ParamsForm;
}

/** A prompt to take over; what is left out stays as it is. */
export type PromptAdoption = Partial<PromptSnapshot>;

export function createChat(catalogue: CatalogueForChat) {
  const [variables, setVariables] = createSignal<Record<string, string>>({});
  const [attachments, setAttachments] = createSignal<PendingAttachment[]>([]);
  const [toolsJson, setToolsJson] = createSignal("");

  /** Read picked files and ask the backend what they are (from their bytes). */
  async function attach(files: readonly File[]): Promise<void> {
    for (const file of files) {
      const dataBase64 = await readAsDataUrl(file);
      const described = await api.describeAttachment(file.name, dataBase64);
      const pending: PendingAttachment = described.ok
        ? { name: file.name, dataBase64, info: described.value, error: null }
        : { name: file.name, dataBase64, info: null, error: described.error };
      setAttachments([...attachments(), pending]);
    }
  }

  function detach(name: string): void {
    setAttachments(attachments().filter((a) => a.name !== name));
  }
  /** The `{{variables}}` of the system prompt and the draft, to fill in before sending. */
  const variableNames = () => templateVariables(systemPrompt(), draft());
  const [modelId, setModelId] = createSignal("");
  const [systemPrompt, setSystemPrompt] = createSignal("");
  const [paramsForm, setParamsForm] = createSignal<ParamsForm>(defaultParamsForm);
  const [paramErrors, setParamErrors] = createSignal<ParamErrors>({});
  const [draft, setDraft] = createSignal("");
  const [notice, setNotice] = createSignal<string | null>(null);

  catalogue.onListed((listed) => {
    if (!listed.some((m) => m.invokeId === modelId())) {
      setModelId(preferredModel(listed)?.invokeId ?? "");
    }
  });
  catalogue.onProblem((text) => setNotice(text));

  const selectedModel = () => catalogue.find(modelId());

  const conversation = createConversation({
    modelId,
    systemPrompt,
    onHistoryError: (message) => setNotice(`Not saved to history: ${message}`),
  });

  /**
   * Show a stored conversation (tool calls and results, files and reasoning included) with the
   * model, system prompt, parameters and tools of its last run, ready to continue.
   */
  function openConversation(stored: Conversation): void {
    conversation.load(stored.summary.id, stored.runs.map(exchangeOf));
    const last = stored.runs.at(-1);
    if (!last) return;
    const request = requestOf(last);
    if (request === null) {
      setModelId(last.modelId);
      return;
    }
    setModelId(request.modelId);
    setSystemPrompt(request.systemPrompt ?? "");
    setParamsForm({ ...formOfParams(request.params), ...extraFormOf(request, controlsFor(request.modelId).reasoningBudget) });
    setToolsJson(request.toolsJson ?? "");
  }

  /** Continue differently from `exchange`: a new conversation with the turns up to it. */
  async function branchFrom(exchange: Exchange): Promise<void> {
    const runId = exchange.runId();
    if (runId === null) return;
    const branched = await api.branchConversation(runId);
    if (branched.ok) openConversation(branched.value);
    else setNotice(`${branched.error.message} ${branched.error.hint}`);
  }

  /** The parameters and additional fields to send, or `null` after saying what to fix. */
  function checkedParams(): { params: InferenceParams; additionalFieldsJson: string | null } | null {
    const { params, extra, errors } = parseParams(paramsForm(), controlsFor(modelId()));
    setParamErrors(errors);
    if (Object.keys(errors).length > 0) {
      setNotice("Fix the highlighted parameters, then send again.");
      return null;
    }
    return { params, additionalFieldsJson: additionalFieldsJson(modelId(), extra) };
  }

  /** Send `text` with the conversation so far; the draft is cleared only once it is on its way. */
  async function send(text: string = draft()): Promise<void> {
    const typed = text === draft();
    const files = typed ? attachments() : [];
    await sendMessage(text, files, typed);
  }

  async function sendMessage(text: string, files: readonly PendingAttachment[], typed: boolean): Promise<void> {
    if (conversation.streaming()) return;
    const message = text.trim();
    if (message === "") {
      setNotice("Type a message first.");
      return;
    }
    if (modelId() === "") {
      setNotice("Pick a model first.");
      return;
    }
    if (pendingToolCalls(conversation.exchanges().map((e) => ({ user: e.user, reply: e.reply() }))).length > 0) {
      setNotice("Send the results of the tool calls above first: Bedrock needs an answer to every call before the conversation goes on.");
      return;
    }
    const checked = checkedParams();
    if (checked === null) return;
    const unreadable = files.filter((a) => a.error !== null);
    if (unreadable.length > 0) {
      setNotice(`Remove ${unreadable.map((a) => a.name).join(", ")}: ${unreadable[0]?.error?.message ?? ""}`);
      return;
    }
    const filledMessage = fillTemplate(message, variables());
    const filledSystem = fillTemplate(systemPrompt(), variables());
    const missing = [...new Set([...filledMessage.missing, ...filledSystem.missing])];
    if (missing.length > 0) {
      setNotice(`Fill in ${missing.map((m) => `{{${m}}}`).join(", ")} under Variables first.`);
      return;
    }
    setNotice(null);
    if (typed) {
      setDraft("");
      setAttachments([]);
    }
    await conversation.send(filledMessage.text, checked.params, {
      systemPrompt: filledSystem.text,
      attachments: files.map((a) => ({ name: a.name, dataBase64: a.dataBase64 })),
      additionalFieldsJson: checked.additionalFieldsJson,
      toolsJson: toolsJson().trim() === "" ? null : toolsJson(),
    });
    noteUnusableProfile();
    // A failed turn is left out of what is sent next: its text and files go back to the
    // message box, unless something new was typed.
    const last = conversation.exchanges().at(-1)?.reply();
    if (typed && last?.status === "failed" && last.text === "" && draft() === "") {
      setDraft(text);
      if (attachments().length === 0) setAttachments([...files]);
    }
  }

  /** Answer the last reply's tool calls with the results the user typed. */
  async function answerTools(answers: ToolAnswer[]): Promise<void> {
    if (conversation.streaming()) return;
    const checked = checkedParams();
    if (checked === null) return;
    await conversation.send("", checked.params, {
      toolAnswers: answers,
      additionalFieldsJson: checked.additionalFieldsJson,
      toolsJson: toolsJson().trim() === "" ? null : toolsJson(),
    });
    noteUnusableProfile();
  }

  /** A reply refused because the active profile is gone or broken: the top bar stops naming
   * it and offers another, instead of showing a backend that no longer answers. */
  function noteUnusableProfile(): void {
    const error = conversation.exchanges().at(-1)?.reply().error;
    if (error?.code !== "ProfileUnusable") return;
    catalogue.markProfileUnusable(error);
  }

  /** Send a failed exchange again as a new one: its text and files, or its tool results. */
  function retry(exchange: Exchange): void {
    if (exchange.user.trim() === "" && exchange.toolAnswers.length > 0) {
      void answerTools(exchange.toolAnswers);
      return;
    }
    // The failed message went back to the message box; resending it empties the box again.
    const restored = draft() === exchange.user;
    void sendMessage(exchange.user, exchange.attachments.map(pendingOf), false).then(() => {
      if (restored && draft() === exchange.user) {
        setDraft("");
        setAttachments([]);
      }
    });
  }

  function newChat(): void {
    conversation.clear();
    setNotice(null);
  }

  function showNotice(text: string): void {
    setNotice(text);
  }

  function snapshot(): PromptSnapshot {
    return { modelId: modelId(), systemPrompt: systemPrompt(), draft: draft(), paramsForm: paramsForm() };
  }

  /** Take over a prompt from elsewhere (the library): what it names replaces what is here. */
  function adopt(prompt: PromptAdoption): void {
    if (prompt.systemPrompt !== undefined) setSystemPrompt(prompt.systemPrompt);
    if (prompt.draft !== undefined) setDraft(prompt.draft);
    if (prompt.paramsForm !== undefined) setParamsForm(prompt.paramsForm);
    if (prompt.modelId !== undefined) setModelId(prompt.modelId);
  }

  /** Put `text` in front of the message being written (the embeddings lab sends context). */
  function prependToDraft(text: string): void {
    setDraft(draft() === "" ? text : `${text}${draft()}`);
  }

  return {
    variables,
    setVariables,
    attachments,
    attach,
    detach,
    toolsJson,
    setToolsJson,
    answerTools,
    variableNames,
    modelId,
    setModelId,
    selectedModel,
    systemPrompt,
    setSystemPrompt,
    paramsForm,
    setParamsForm,
    paramErrors,
    draft,
    setDraft,
    notice,
    showNotice,
    clearNotice: () => {
      setNotice(null);
    },
    checkedParams,
    conversation,
    exchanges: conversation.exchanges,
    streaming: conversation.streaming,
    send,
    stop: conversation.stop,
    retry,
    openConversation,
    branchFrom,
    newChat,
    snapshot,
    adopt,
    prependToDraft,
  };
}

export type Chat = ReturnType<typeof createChat>;
