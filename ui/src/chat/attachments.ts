// Files picked for the next message, before and after the backend has looked at them.
import type { Attachment, AttachmentInfo, ClientError } from "../bindings";

export interface PendingAttachment {
  name: string;
  dataBase64: string;
  info: AttachmentInfo | null;
  error: ClientError | null;
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

/** A file already sent once: it was checked then, so it goes again as it is. */
export function pendingOf(attachment: Attachment): PendingAttachment {
  return { ...attachment, info: null, error: null };
}
