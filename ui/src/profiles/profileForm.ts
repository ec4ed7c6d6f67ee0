// The profile editor's form, checked and turned into what the backend takes.
// Secret fields left empty on an existing profile mean "keep what the keyring holds".
import type { NewProfile, ProfileSummary, ProfileUpdate, RegionSource } from "../bindings";

export type CredentialKind = "accessKeys" | "apiKey";

export interface ProfileForm {
  name: string;
  region: string;
  endpointUrl: string;
  /** bedrock-runtime only (e.g. a VPC endpoint); listing and STS keep their endpoints. */
  runtimeEndpointUrl: string;
  credentialKind: CredentialKind;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  apiKey: string;
}

export type FormErrors = Partial<Record<keyof ProfileForm, string>>;

export const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-north-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "sa-east-1",
];

export function emptyForm(): ProfileForm {
  return {
    name: "",
    region: "us-east-1",
    endpointUrl: "",
    runtimeEndpointUrl: "",
    credentialKind: "accessKeys",
    accessKeyId: "",
    secretAccessKey: "",
    sessionToken: "",
    apiKey: "",
  };
}

export function formFor(profile: ProfileSummary): ProfileForm {
  return {
    ...emptyForm(),
    name: profile.name,
    region: profile.region,
    endpointUrl: profile.endpointUrl ?? "",
    runtimeEndpointUrl: profile.runtimeEndpointUrl ?? "",
    credentialKind: profile.hasApiKey && !profile.hasAccessKeys ? "apiKey" : "accessKeys",
  };
}

function checkCommon(form: ProfileForm, errors: FormErrors): void {
  if (form.name.trim() === "") errors.name = "Give the profile a name.";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(form.region.trim())) {
    errors.region = "A region looks like us-east-1.";
  }
  for (const field of ["endpointUrl", "runtimeEndpointUrl"] as const) {
    const problem = endpointProblem(form[field].trim());
    if (problem !== null) errors[field] = problem;
  }
}

/** Plain http:// only to this computer: keys and tokens never travel in clear text. */
export function isClearTextToRemoteHost(url: string): boolean {
  const match = /^http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url.trim());
  if (match === null) return false;
  const host = (match[1] ?? "").toLowerCase().replace(/\.$/, "");
  const loopback = host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  return !loopback;
}

function endpointProblem(endpoint: string): string | null {
  if (endpoint === "") return null;
  if (!/^https?:\/\/[^\s/]+/.test(endpoint)) {
    return "An endpoint URL starts with https:// (or http:// for a local emulator).";
  }
  if (isClearTextToRemoteHost(endpoint)) {
    return "Use https:// — plain http:// would send your keys in clear text (it is only for 127.0.0.1, ::1 or localhost).";
  }
  return null;
}

/** Where the profile's region comes from, as the card and the top bar say it. */
export function regionSourceLabel(source: RegionSource): string {
  switch (source) {
    case "app":
      return "set in the app";
    case "envAwsRegion":
      return "from AWS_REGION";
    case "envAwsDefaultRegion":
      return "from AWS_DEFAULT_REGION";
    case "awsConfig":
      return "from ~/.aws/config";
    case "builtIn":
      return "the emulator's";
    case "missing":
      return "no region: choose one";
  }
}

/** The region and where it comes from, e.g. `eu-west-3 (from AWS_REGION)`. */
export function regionLabel(profile: ProfileSummary): string {
  if (profile.regionSource === "missing") return "no region set";
  return `${profile.region} (${regionSourceLabel(profile.regionSource)})`;
}

function checkSecrets(form: ProfileForm, errors: FormErrors, required: boolean): void {
  if (form.credentialKind === "apiKey") {
    if (required && form.apiKey.trim() === "") errors.apiKey = "Paste the Bedrock API key.";
    return;
  }
  const id = form.accessKeyId.trim();
  const secret = form.secretAccessKey.trim();
  if (required || id !== "" || secret !== "") {
    if (!/^[A-Z0-9]{16,128}$/.test(id)) errors.accessKeyId = "An access key ID is 16+ capital letters and digits (AKIA…, ASIA…).";
    if (secret === "") errors.secretAccessKey = "Enter the secret access key that goes with the key ID.";
  }
}

/** A new profile from the form, or what to fix. */
export function toNewProfile(form: ProfileForm): { profile?: NewProfile; errors: FormErrors } {
  const errors: FormErrors = {};
  checkCommon(form, errors);
  checkSecrets(form, errors, true);
  if (Object.keys(errors).length > 0) return { errors };
  const endpoint = form.endpointUrl.trim();
  const runtimeEndpoint = form.runtimeEndpointUrl.trim();
  const profile: NewProfile = {
    name: form.name.trim(),
    region: form.region.trim(),
    endpointUrl: endpoint === "" ? null : endpoint,
    runtimeEndpointUrl: runtimeEndpoint === "" ? null : runtimeEndpoint,
    accessKeys:
      form.credentialKind === "accessKeys"
        ? {
            accessKeyId: form.accessKeyId.trim(),
            secretAccessKey: form.secretAccessKey.trim(),
            sessionToken: form.sessionToken.trim() === "" ? null : form.sessionToken.trim(),
          }
        : null,
    bedrockApiKey: form.credentialKind === "apiKey" ? form.apiKey.trim() : null,
  };
  return { profile, errors };
}

/** The changes the form makes to `profile` (secrets only when typed), or what to fix. */
export function toUpdate(
  profile: ProfileSummary,
  form: ProfileForm,
): { update?: ProfileUpdate; rename?: string; errors: FormErrors } {
  const errors: FormErrors = {};
  checkCommon(form, errors);
  if (profile.source === "app") checkSecrets(form, errors, false);
  if (Object.keys(errors).length > 0) return { errors };
  const update: ProfileUpdate = {};
  if (form.region.trim() !== profile.region) update.region = { set: form.region.trim() };
  const endpoint = form.endpointUrl.trim();
  if (endpoint !== (profile.endpointUrl ?? "")) {
    update.endpointUrl = endpoint === "" ? "clear" : { set: endpoint };
  }
  const runtimeEndpoint = form.runtimeEndpointUrl.trim();
  if (runtimeEndpoint !== (profile.runtimeEndpointUrl ?? "")) {
    update.runtimeEndpointUrl = runtimeEndpoint === "" ? "clear" : { set: runtimeEndpoint };
  }
  if (profile.source === "app" && form.credentialKind === "accessKeys" && form.accessKeyId.trim() !== "") {
    update.accessKeys = {
      set: {
        accessKeyId: form.accessKeyId.trim(),
        secretAccessKey: form.secretAccessKey.trim(),
        sessionToken: form.sessionToken.trim() === "" ? null : form.sessionToken.trim(),
      },
    };
  }
  if (form.credentialKind === "apiKey" && form.apiKey.trim() !== "") {
    update.bedrockApiKey = { set: form.apiKey.trim() };
  }
  const rename = form.name.trim() !== profile.name ? form.name.trim() : undefined;
  return rename === undefined ? { update, errors } : { update, rename, errors };
}

/** How a profile's credential source reads in the list. */
export function sourceLabel(profile: ProfileSummary): string {
  switch (profile.source) {
    case "emulator":
      return "built-in emulator";
    case "app":
      return profile.hasApiKey && !profile.hasAccessKeys ? "Bedrock API key · OS keyring" : "access keys · OS keyring";
    case "awsFile": {
      const kinds: Record<string, string> = {
        static: "static keys",
        sso: "SSO",
        credentialProcess: "credential_process",
        assumeRole: "assume role",
        webIdentity: "web identity",
        unknown: "unknown",
      };
      return `~/.aws · ${kinds[profile.awsKind ?? "unknown"] ?? "unknown"}`;
    }
  }
}
