// Start the emulator binary on an ephemeral port and hand out SDK client settings for it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export async function startEmulator() {
  const binary = process.env.BEDROCK_EMULATOR_BIN;
  if (!binary) throw new Error("set BEDROCK_EMULATOR_BIN to the bedrock-emulator binary (make test does)");
  const child = spawn(binary, ["--listen", "127.0.0.1:0", "--pace-ms", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, "line");
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  if (!match) throw new Error(`unexpected first line: ${line}`);
  return { endpoint: match[1], stop: () => child.kill("SIGINT") };
}

export function clientConfig(endpoint, region = "us-east-1") {
  return {
    endpoint,
    region,
    credentials: { accessKeyId: "AKIAJAVASCRIPTSDK001", secretAccessKey: "not-a-secret" },
    maxAttempts: 1,
  };
}
