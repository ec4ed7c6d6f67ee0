// How each kind of failure reads in the UI; the backend classifies, the UI branches on `code`.
import type { ClientError, ErrorCode, FormatErrorCode, ProfileErrorCode, StorageErrorCode } from "../bindings";

/** Every error the backend returns (chat, profiles, storage, formats) has this shape. */
export interface AppError {
  code: ErrorCode | ProfileErrorCode | StorageErrorCode | FormatErrorCode;
  message: string;
  hint: string;
}

const titles: Record<AppError["code"], string> = {
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
  // Profiles.
  NotFound: "Not found",
  InvalidName: "Invalid name",
  DuplicateName: "Name already used",
  InvalidInput: "Invalid input",
  ReadOnly: "Cannot be changed",
  KeyringUnavailable: "Keyring unavailable",
  KeyringLocked: "Keyring locked",
  SecretMissing: "Secret missing from the keyring",
  KeyringFailure: "Keyring failed",
  SettingsFile: "Settings file unreadable",
  AwsConfigFile: "~/.aws file unreadable",
  CredentialsFailed: "Credentials failed",
  EmulatorNotRunning: "Emulator not running",
  InsecureEndpoint: "Insecure endpoint",
  RegionMissing: "No region",
  ActiveProfileGone: "Active profile gone",
  // History and the prompt library.
  Database: "History database failed",
  RunNotStreaming: "Run already ended",
  InvalidImport: "Not an exported conversation",
  NewerSchema: "Made by a newer version",
  MissingVariables: "Variables missing",
  // The format inspector.
  unknownModelFamily: "No native format",
  embeddingModel: "An embedding model",
  notAnEmbeddingModel: "Not an embedding model",
  invalidAdditionalFields: "Invalid additional fields",
  invalidEmbeddingInput: "Invalid embedding input",
  malformedInput: "Malformed input",
};

export function errorTitle(code: string): string {
  return (titles as Record<string, string | undefined>)[code] ?? "Unexpected error";
}

/** Failures that may pass by themselves, where sending again is the fix. */
export function isRetryable(code: string): boolean {
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

/** Something thrown where a result was expected (a bug, or the IPC itself failing). */
export function unexpectedError(thrown: unknown): ClientError {
  return {
    code: "Unknown",
    message: thrown instanceof Error ? thrown.message : String(thrown),
    hint: "The app's backend did not answer as expected. Try again; if it persists, restart the app and report it.",
  };
}

/** The same error, its message led by what was being done (e.g. "Not saved to history"). */
export function inContext(error: AppError, doing: string): AppError {
  return { ...error, message: `${doing}: ${error.message}` };
}
