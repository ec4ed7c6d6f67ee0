// The profile editor's form, checked and turned into what the backend takes.
// Secret fields left empty on an existing profile mean "keep what the keyring holds".
import type { NewProfile, ProfileSummary, ProfileUpdate } from "../bindings";

export type CredentialKind = "accessKeys" | "apiKey";

export interface ProfileForm {
  name: string;
  region: string;
  endpointUrl: string;
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
    credentialKind: profile.hasApiKey && !profile.hasAccessKeys ? "apiKey" : "accessKeys",
  };
}

function checkCommon(form: ProfileForm, errors: FormErrors): void {
  if (form.name.trim() === "") errors.name = "Give the profile a name.";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(form.region.trim())) {
    errors.region = "A region looks like us-east-1.";
  }
  const endpoint = form.endpointUrl.trim();
  if (endpoint !== "" && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    errors.endpointUrl = "An endpoint URL starts with https:// (or http:// for a local emulator).";
  }
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
  const profile: NewProfile = {
    name: form.name.trim(),
    region: form.region.trim(),
    endpointUrl: endpoint === "" ? null : endpoint,
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
