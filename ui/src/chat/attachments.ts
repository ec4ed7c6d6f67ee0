// Files picked for the next message, before and after the backend has looked at them. Each has
// its own id: two files may share a name, and removing one must leave the other.
import type { Attachment, AttachmentInfo, ClientError } from "../bindings";

export interface PendingAttachment {
  id: string;
  name: string;
  dataBase64: string;
  info: AttachmentInfo | null;
  error: ClientError | null;
  /** Still being read or checked: sending waits for it. */
  reading: boolean;
}

export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === "string" ? reader.result : "");
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error(`could not read ${file.name}`));
    };
    reader.readAsDataURL(file);
  });
}

/** A picked file before it is read: shown at once, so the user sees it is coming. */
export function readingOf(name: string): PendingAttachment {
  return { id: crypto.randomUUID(), name, dataBase64: "", info: null, error: null, reading: true };
}

/** A file the webview could not read at all (moved, deleted, unreadable). */
export function unreadable(name: string, thrown: unknown): ClientError {
  const reason = thrown instanceof Error ? thrown.message : "it could not be read";
  return {
    code: "InvalidRequest",
    message: `“${name}” could not be read: ${reason}.`,
    hint: "Check the file still exists and is readable, then attach it again.",
  };
}

/** A file already sent once: it was checked then, so it goes again as it is. */
export function pendingOf(attachment: Attachment): PendingAttachment {
  return { ...attachment, id: crypto.randomUUID(), info: null, error: null, reading: false };
}
