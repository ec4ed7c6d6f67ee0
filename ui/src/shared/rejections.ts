// An always-on record of promise rejections nothing handled: the end-to-end suite reads it after
// a walk through every view and expects it empty.
export interface RecordedRejection {
  at: string;
  reason: string;
}

declare global {
  interface Window {
    __unhandledRejections?: RecordedRejection[];
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  if (typeof reason === "string") return reason;
  try {
    return JSON.stringify(reason);
  } catch {
    return "an unserialisable value";
  }
}

/** Start recording into `target.__unhandledRejections`. */
export function recordUnhandledRejections(target: Window = window): void {
  const recorded: RecordedRejection[] = [];
  target.__unhandledRejections = recorded;
  target.addEventListener("unhandledrejection", (event) => {
    recorded.push({ at: new Date().toISOString(), reason: describe(event.reason) });
  });
}
