// An async call started by a button: whether it runs, and the error it ended with. Every button
// that starts one shows it is working and cannot start it twice, and every failure, even one
// thrown instead of returned, ends in an error for an ErrorCard rather than an unhandled rejection.
import { createSignal } from "solid-js";
import { unexpectedError, type AppError } from "./errors";

/** What a call returns: the shape of every api.ts result. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

export interface Action<A extends unknown[], T> {
  /** Start the call; resolves to its value, or `undefined` if it failed or was already running. */
  run: (...args: A) => Promise<T | undefined>;
  busy: () => boolean;
  error: () => AppError | null;
  clearError: () => void;
}

export function createAction<A extends unknown[], T>(work: (...args: A) => Promise<Outcome<T>>): Action<A, T> {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);

  async function run(...args: A): Promise<T | undefined> {
    if (busy()) return undefined;
    setBusy(true);
    setError(null);
    try {
      const outcome = await work(...args);
      if (outcome.ok) return outcome.value;
      setError(outcome.error);
      return undefined;
    } catch (thrown) {
      setError(unexpectedError(thrown));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { run, busy, error, clearError: () => setError(null) };
}
