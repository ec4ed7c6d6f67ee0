// How each kind of failure reads in the UI; the backend classifies, the UI branches on `code`.
import type { ErrorCode } from "../bindings";

const titles: Record<ErrorCode, string> = {
  AccessDenied: "Access denied",
  ExpiredCredentials: "Credentials expired",
  NoCredentials: "No credentials",
  InvalidCredentials: "Credentials not recognised",
  ProfileUnusable: "Profile not usable",
  InvalidRequest: "Invalid request",
  OnDemandNotSupported: "Needs an inference profile",
  ModelNotFound: "Model not found",
  Throttled: "Throttled",
  ModelTimeout: "Model timed out",
  ModelError: "Model error",
  ModelNotReady: "Model not ready",
  ServiceUnavailable: "Bedrock unavailable",
  QuotaExceeded: "Quota exceeded",
  Network: "Endpoint unreachable",
  StreamInterrupted: "Stream interrupted",
  Cancelled: "Cancelled",
  Unknown: "Unexpected error",
};

export function errorTitle(code: ErrorCode): string {
  return titles[code];
}

/** Failures that may pass by themselves, where sending again is the fix. */
export function isRetryable(code: ErrorCode): boolean {
  return [
    "Throttled",
    "ModelTimeout",
    "ModelError",
    "ModelNotReady",
    "ServiceUnavailable",
    "Network",
    "StreamInterrupted",
    "Unknown",
  ].includes(code);
}
