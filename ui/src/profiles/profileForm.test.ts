import { describe, expect, it } from "vitest";
import type { ProfileSummary } from "../bindings";
import { emptyForm, isClearTextToRemoteHost, regionLabel, sourceLabel, toNewProfile, toUpdate } from "./profileForm";

const appProfile: ProfileSummary = {
  id: "app:1",
  name: "Work",
  source: "app",
  awsKind: null,
  detail: null,
  region: "us-east-1",
  regionSource: "app",
  endpointUrl: null,
  runtimeEndpointUrl: null,
  regionOverridden: false,
  endpointOverridden: false,
  hasAccessKeys: true,
  hasApiKey: false,
  canRename: true,
  canDelete: true,
  active: false,
};

describe("endpoints and regions", () => {
  it("refuses clear text to another computer in either endpoint field", () => {
    const form = {
      ...emptyForm(),
      name: "vpc",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "s",
      runtimeEndpointUrl: "http://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com",
    };
    expect(toNewProfile(form).errors.runtimeEndpointUrl).toMatch(/https:\/\//);
    const https = { ...form, runtimeEndpointUrl: "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com" };
    expect(toNewProfile(https).profile?.runtimeEndpointUrl).toBe(https.runtimeEndpointUrl);
    expect(toNewProfile(https).profile?.endpointUrl).toBeNull();
    for (const local of ["http://127.0.0.1:4000", "http://localhost", "http://[::1]:9", "https://10.0.0.1"]) {
      expect(isClearTextToRemoteHost(local)).toBe(false);
    }
    for (const remote of ["http://10.0.0.1", "http://localhost.example.com", "http://user@bedrock.example.com/"]) {
      expect(isClearTextToRemoteHost(remote)).toBe(true);
    }
  });

  it("changes the runtime endpoint alone and says where the region comes from", () => {
    const { update } = toUpdate(appProfile, {
      ...emptyForm(),
      name: "Work",
      region: "us-east-1",
      runtimeEndpointUrl: "https://vpce-2.bedrock-runtime.us-east-1.vpce.amazonaws.com",
    });
    expect(update).toEqual({ runtimeEndpointUrl: { set: "https://vpce-2.bedrock-runtime.us-east-1.vpce.amazonaws.com" } });
    expect(regionLabel({ ...appProfile, region: "eu-west-3", regionSource: "envAwsRegion" })).toBe("eu-west-3 (from AWS_REGION)");
    expect(regionLabel({ ...appProfile, region: "", regionSource: "missing" })).toBe("no region set");
  });
});

describe("toNewProfile", () => {
  it("builds a keyring profile from access keys", () => {
    const { profile, errors } = toNewProfile({
      ...emptyForm(),
      name: " Work ",
      region: "eu-west-1",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI",
    });
    expect(errors).toEqual({});
    expect(profile).toEqual({
      name: "Work",
      region: "eu-west-1",
      endpointUrl: null,
      runtimeEndpointUrl: null,
      accessKeys: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: null },
      bedrockApiKey: null,
    });
  });

  it("says what is missing or malformed", () => {
    const { profile, errors } = toNewProfile({
      ...emptyForm(),
      region: "Frankfurt",
      endpointUrl: "bedrock.internal",
      accessKeyId: "abc",
    });
    expect(profile).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["accessKeyId", "endpointUrl", "name", "region", "secretAccessKey"]);
  });

  it("takes a Bedrock API key instead of access keys", () => {
    const { profile } = toNewProfile({ ...emptyForm(), name: "Key", credentialKind: "apiKey", apiKey: "ABSK123" });
    expect(profile?.bedrockApiKey).toBe("ABSK123");
    expect(profile?.accessKeys).toBeNull();
  });
});

describe("toUpdate", () => {
  it("sends only what changed and keeps stored secrets when the fields are empty", () => {
    const { update, rename, errors } = toUpdate(appProfile, {
      ...emptyForm(),
      name: "Work EU",
      region: "eu-central-1",
      endpointUrl: "",
    });
    expect(errors).toEqual({});
    expect(rename).toBe("Work EU");
    expect(update).toEqual({ region: { set: "eu-central-1" } });
  });

  it("clears an endpoint and replaces keys when typed", () => {
    const { update } = toUpdate(
      { ...appProfile, endpointUrl: "https://vpce.example" },
      { ...emptyForm(), name: "Work", accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s" },
    );
    expect(update?.endpointUrl).toBe("clear");
    expect(update?.accessKeys).toEqual({
      set: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s", sessionToken: null },
    });
  });
});

describe("sourceLabel", () => {
  it("names the source and the ~/.aws profile kind", () => {
    expect(sourceLabel(appProfile)).toBe("access keys · OS keyring");
    expect(sourceLabel({ ...appProfile, source: "awsFile", awsKind: "sso" })).toBe("~/.aws · SSO");
  });
});
