// One question at a time before something is replaced or deleted, answered in the app's own
// dialog (a native confirm() may never show in a webview driven by WebDriver).
import { createSignal } from "solid-js";

export interface Question {
  title: string;
  message: string;
  /** The button that goes ahead, e.g. "Delete" or "Replace". */
  confirmLabel: string;
}

interface Pending extends Question {
  resolve: (yes: boolean) => void;
}

const [pending, setPending] = createSignal<Pending | null>(null);

/** Ask `question`; resolves `true` if the user goes ahead. A newer question cancels an older one. */
export function ask(question: Question): Promise<boolean> {
  pending()?.resolve(false);
  return new Promise((resolve) => {
    setPending({ ...question, resolve });
  });
}

/** The question waiting for an answer, if any. */
export function pendingQuestion(): Question | null {
  return pending();
}

export function answer(yes: boolean): void {
  const current = pending();
  if (current === null) return;
  setPending(null);
  current.resolve(yes);
}

/** Ask only when `needed`: replacing nothing needs no question. */
export async function askIf(needed: boolean, question: Question): Promise<boolean> {
  return needed ? ask(question) : true;
}
