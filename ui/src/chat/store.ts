// The chat: the model chosen, the system prompt, parameters, the message being written with its
// files, tools and variables, the exchanges and the stream in flight, and the notice under them.
import { createSignal } from "solid-js";
import * as api from "../shared/api";
import { ask } from "../shared/confirm";
import { inContext, type AppError } from "../shared/errors";
import type { Conversation, InferenceParams, ToolAnswer } from "../bindings";
import { additionalFieldsJson, controlsFor, preferredModel, type Catalogue } from "../models";
import { pendingOf, readAsDataUrl, readingOf, unreadable, type PendingAttachment } from "./attachments";
import { createConversation, type Exchange } from "./conversation";
import { defaultParamsForm, formOfParams, parseParams, type ParamErrors, type ParamsForm } from "./params";
import { pendingToolCalls } from "./reply";
import { replacementQuestion } from "./replacing";
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

/** What is shown under the composer: a sentence, or an error for an ErrorCard. */
export type Notice = string | AppError;

/** A tool result being typed, kept with the chat so it survives leaving the view. */
export interface ToolDraft {
  text: string;
  isError: boolean;
}

export function createChat(catalogue: CatalogueForChat) {
  const [variables, setVariables] = createSignal<Record<string, string>>({});
  const [attachments, setAttachments] = createSignal<PendingAttachment[]>([]);
  const [toolsJson, setToolsJson] = createSignal("");

  const [toolDrafts, setToolDrafts] = createSignal<Record<string, ToolDraft>>({});
  /** Files being read: sending waits for them. */
  const reads = new Set<Promise<void>>();
  const [waitingForFiles, setWaitingForFiles] = createSignal(false);

  function replaceAttachment(id: string, next: PendingAttachment): void {
    setAttachments(attachments().map((a) => (a.id === id ? next : a)));
  }

  /** Read one picked file and ask the backend what it is (from its bytes). */
  async function readOne(file: File, placeholder: PendingAttachment): Promise<void> {
    let dataBase64: string;
    try {
      dataBase64 = await readAsDataUrl(file);
    } catch (thrown) {
      replaceAttachment(placeholder.id, { ...placeholder, reading: false, error: unreadable(file.name, thrown) });
      return;
    }
    const described = await api.describeAttachment(file.name, dataBase64);
    replaceAttachment(placeholder.id, {
      ...placeholder,
      dataBase64,
      reading: false,
      info: described.ok ? described.value : null,
      error: described.ok ? null : described.error,
    });
  }

  /** Show picked files at once, then read them; resolves when all are read. */
  async function attach(files: readonly File[]): Promise<void> {
    const placeholders = files.map((file) => readingOf(file.name));
    setAttachments([...attachments(), ...placeholders]);
    const read = (async () => {
      for (const [index, file] of files.entries()) {
        const placeholder = placeholders[index];
        if (placeholder) await readOne(file, placeholder);
      }
    })();
    reads.add(read);
    try {
      await read;
    } finally {
      reads.delete(read);
    }
  }

  /** Remove one picked file (by id: two may share a name). */
  function detach(id: string): void {
    setAttachments(attachments().filter((a) => a.id !== id));
  }

  /** Wait for files still being read, saying so; `false` if sending should not go on. */
  async function filesRead(): Promise<boolean> {
    if (reads.size === 0) return true;
    const names = attachments().filter((a) => a.reading).map((a) => a.name);
    setNotice(`Reading ${names.join(", ")}: sending once ${names.length === 1 ? "it is" : "they are"} read…`);
    setWaitingForFiles(true);
    try {
      while (reads.size > 0) await Promise.all([...reads]);
    } finally {
      setWaitingForFiles(false);
    }
    setNotice(null);
    return true;
  }

  function setToolDraft(toolUseId: string, patch: Partial<ToolDraft>): void {
    const current = toolDrafts()[toolUseId] ?? { text: "", isError: false };
    setToolDrafts({ ...toolDrafts(), [toolUseId]: { ...current, ...patch } });
  }
  /** The `{{variables}}` of the system prompt and the draft, to fill in before sending. */
  const variableNames = () => templateVariables(systemPrompt(), draft());
  const [modelId, setModelId] = createSignal("");
  const [systemPrompt, setSystemPrompt] = createSignal("");
  const [paramsForm, setParamsForm] = createSignal<ParamsForm>(defaultParamsForm);
  const [paramErrors, setParamErrors] = createSignal<ParamErrors>({});
  const [draft, setDraft] = createSignal("");
  const [notice, setNotice] = createSignal<Notice | null>(null);

  catalogue.onListed((listed) => {
    if (!listed.some((m) => m.invokeId === modelId())) {
      setModelId(preferredModel(listed)?.invokeId ?? "");
    }
  });
  catalogue.onProblem((problem) => setNotice(problem));

  const selectedModel = () => catalogue.find(modelId());

  const conversation = createConversation({
    modelId,
    systemPrompt,
    onHistoryError: (error) => setNotice(inContext(error, "Not saved to history")),
  });

  /**
   * Show a stored conversation (tool calls and results, files and reasoning included) with the
   * model, system prompt, every parameter and the tools of its last run, ready to continue.
   * A different system prompt being written is only replaced once the user agrees; resolves
   * whether the conversation was opened.
   */
  async function openConversation(stored: Conversation): Promise<boolean> {
    const last = stored.runs.at(-1);
    const request = last ? requestOf(last) : null;
    if (request !== null) {
      const question = replacementQuestion(snapshot(), { systemPrompt: request.systemPrompt ?? "" }, "Opening this conversation");
      if (question !== null && !(await ask(question))) return false;
    }
    conversation.load(stored.summary.id, stored.runs.map(exchangeOf));
    setToolDrafts({});
    if (!last) return true;
    if (request === null) {
      setModelId(last.modelId);
      return true;
    }
    setModelId(request.modelId);
    setSystemPrompt(request.systemPrompt ?? "");
    setParamsForm({ ...formOfParams(request.params), ...extraFormOf(request.additionalFieldsJson ?? null, controlsFor(request.modelId)) });
    setToolsJson(request.toolsJson ?? "");
    return true;
  }

  /** Continue differently from `exchange`: a new conversation with the turns up to it. */
  async function branchFrom(exchange: Exchange): Promise<void> {
    const runId = exchange.runId();
    if (runId === null) return;
    const branched = await api.branchConversation(runId);
    if (branched.ok) await openConversation(branched.value);
    else setNotice(inContext(branched.error, "Could not branch"));
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
    if (waitingForFiles() || conversation.streaming()) return;
    const typed = text === draft();
    if (typed && !(await filesRead())) return;
    const files = typed ? attachments() : [];
    await sendMessage(typed ? draft() : text, files, typed);
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
    const refused = files.filter((a) => a.error !== null);
    const firstError = refused[0]?.error;
    if (firstError) {
      setNotice(inContext(firstError, `Remove ${refused.map((a) => a.name).join(", ")}`));
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
    // A failed turn is left out of what is sent next: its text goes back to the message box
    // (unless something new was typed) and its files in front of any picked since.
    const last = conversation.exchanges().at(-1)?.reply();
    if (typed && last?.status === "failed" && last.text === "") {
      if (draft() === "") setDraft(text);
      const since = attachments().filter((a) => !files.some((f) => f.id === a.id));
      setAttachments([...files, ...since]);
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
    setToolDrafts({});
    setNotice(null);
  }

  function showNotice(text: string): void {
    setNotice(text);
  }

  /** Show a failure from elsewhere (the library, compare) as an ErrorCard under the composer. */
  function showError(error: AppError): void {
    setNotice(error);
  }

  function snapshot(): PromptSnapshot {
    return { modelId: modelId(), systemPrompt: systemPrompt(), draft: draft(), paramsForm: paramsForm() };
  }

  /**
   * Take over a prompt from elsewhere (the library): what it names replaces what is here, once
   * the user agrees to lose a different draft or system prompt. Resolves whether it was taken.
   */
  async function adopt(prompt: PromptAdoption, source = "This prompt"): Promise<boolean> {
    const question = replacementQuestion(snapshot(), prompt, source);
    if (question !== null && !(await ask(question))) return false;
    if (prompt.systemPrompt !== undefined) setSystemPrompt(prompt.systemPrompt);
    if (prompt.draft !== undefined) setDraft(prompt.draft);
    if (prompt.paramsForm !== undefined) setParamsForm(prompt.paramsForm);
    if (prompt.modelId !== undefined) setModelId(prompt.modelId);
    return true;
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
    waitingForFiles,
    toolDrafts,
    setToolDraft,
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
    showError,
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
