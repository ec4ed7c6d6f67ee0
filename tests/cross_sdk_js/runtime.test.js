// bedrock-runtime, bedrock and bedrock-agent-runtime through the AWS SDK for JavaScript v3,
// which talks HTTP/2 (prior knowledge) to bedrock-runtime even over http://.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } from "@aws-sdk/client-bedrock";
import {
  BedrockAgentRuntimeClient,
  RetrieveAndGenerateStreamCommand,
  RetrieveCommand,
} from "@aws-sdk/client-bedrock-agent-runtime";
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";

import { clientConfig, startEmulator } from "./emulator.js";

let emulator;
let runtime;
const messages = [{ role: "user", content: [{ text: "Hello from JavaScript" }] }];
const claudeBody = JSON.stringify({
  anthropic_version: "bedrock-2023-05-31",
  max_tokens: 40,
  messages: [{ role: "user", content: "Hi Claude" }],
});

before(async () => {
  emulator = await startEmulator();
  runtime = new BedrockRuntimeClient(clientConfig(emulator.endpoint));
});

after(() => emulator?.stop());

test("converse through an inference profile", async () => {
  const output = await runtime.send(
    new ConverseCommand({ modelId: "us.anthropic.claude-3-7-sonnet-20250219-v1:0", messages, system: [{ text: "Be brief" }] }),
  );
  const text = output.output.message.content[0].text;
  assert.ok(text.startsWith("[Emulated Claude 3.7 Sonnet]"), text);
  assert.ok(text.includes("Hello from JavaScript") && text.includes("Be brief"));
  assert.equal(output.stopReason, "end_turn");
  assert.equal(output.usage.totalTokens, output.usage.inputTokens + output.usage.outputTokens);
});

test("converse stream events arrive in order and add up", async () => {
  const whole = await runtime.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages }));
  const output = await runtime.send(new ConverseStreamCommand({ modelId: "amazon.nova-lite-v1:0", messages }));
  const kinds = [];
  let text = "";
  for await (const event of output.stream) {
    const kind = Object.keys(event).find((key) => event[key] !== undefined);
    if (kind === "contentBlockDelta") text += event.contentBlockDelta.delta.text;
    if (kinds.at(-1) !== kind) kinds.push(kind);
  }
  assert.deepEqual(kinds, ["messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);
  assert.equal(text, whole.output.message.content[0].text);
});

test("invoke model, native Claude body, with token headers", async () => {
  const output = await runtime.send(
    new InvokeModelCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", body: claudeBody, contentType: "application/json" }),
  );
  const body = JSON.parse(new TextDecoder().decode(output.body));
  assert.equal(body.type, "message");
  assert.ok(["end_turn", "max_tokens"].includes(body.stop_reason));
  assert.match(output.$metadata.requestId, /^[0-9a-f-]{36}$/);
});

test("invoke model with response stream decodes every chunk", async () => {
  const output = await runtime.send(
    new InvokeModelWithResponseStreamCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", body: claudeBody, contentType: "application/json" }),
  );
  assert.equal(output.contentType, "application/json");
  const chunks = [];
  for await (const event of output.body) chunks.push(JSON.parse(new TextDecoder().decode(event.chunk.bytes)));
  assert.equal(chunks[0].type, "message_start");
  assert.equal(chunks.at(-1).type, "message_stop");
  assert.ok(chunks.at(-1)["amazon-bedrock-invocationMetrics"].outputTokenCount > 0);
});

test("errors arrive as their modeled exceptions", async () => {
  await assert.rejects(
    runtime.send(new ConverseCommand({ modelId: "anthropic.claude-3-opus-20240229-v1:0", messages })),
    (error) => error.name === "AccessDeniedException" && error.$metadata.httpStatusCode === 403,
  );
  await assert.rejects(
    runtime.send(new ConverseCommand({ modelId: "anthropic.claude-3-7-sonnet-20250219-v1:0", messages })),
    (error) => error.name === "ValidationException" && /inference profile/.test(error.message),
  );
  await assert.rejects(
    runtime.send(new InvokeModelCommand({ modelId: "meta.llama3-1-70b-instruct-v1:0", body: '{"prompt":"hi","max_tokens":5}' })),
    (error) => error.name === "ValidationException" && /Malformed input request/.test(error.message),
  );
});

test("control plane lists models and profiles for the region", async () => {
  const bedrock = new BedrockClient(clientConfig(emulator.endpoint, "eu-west-1"));
  const models = await bedrock.send(new ListFoundationModelsCommand({ byProvider: "anthropic" }));
  assert.ok(models.modelSummaries.length > 0);
  assert.ok(models.modelSummaries.every((m) => m.modelArn.startsWith("arn:aws:bedrock:eu-west-1::")));
  const profiles = await bedrock.send(new ListInferenceProfilesCommand({}));
  assert.ok(profiles.inferenceProfileSummaries.every((p) => /^(eu|global)\./.test(p.inferenceProfileId)));
  assert.ok(profiles.inferenceProfileSummaries[0].createdAt instanceof Date);
});

test("knowledge base retrieve and streamed answer with citations", async () => {
  const agent = new BedrockAgentRuntimeClient(clientConfig(emulator.endpoint));
  const kbs = await fetch(`${emulator.endpoint}/knowledgebases/`, { method: "POST", body: "{}" }).then((r) => r.json());
  const knowledgeBaseId = kbs.knowledgeBaseSummaries[0].knowledgeBaseId;
  const retrieved = await agent.send(
    new RetrieveCommand({ knowledgeBaseId, retrievalQuery: { text: "inference profile" }, retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 3 } } }),
  );
  assert.equal(retrieved.retrievalResults.length, 3);
  const scores = retrieved.retrievalResults.map((r) => r.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  const answer = await agent.send(
    new RetrieveAndGenerateStreamCommand({
      input: { text: "What is an inference profile?" },
      retrieveAndGenerateConfiguration: {
        type: "KNOWLEDGE_BASE",
        knowledgeBaseConfiguration: {
          knowledgeBaseId,
          modelArn: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
        },
      },
    }),
  );
  assert.match(answer.sessionId, /^[0-9a-f-]{36}$/);
  let text = "";
  const citations = [];
  for await (const event of answer.stream) {
    if (event.output) text += event.output.text;
    if (event.citation) citations.push(event.citation);
  }
  assert.ok(citations.length > 0);
  for (const citation of citations) {
    const part = citation.generatedResponsePart.textResponsePart;
    assert.equal(text.slice(part.span.start, part.span.end), part.text);
  }
});
