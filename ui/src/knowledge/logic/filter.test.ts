import { describe, expect, it } from "vitest";
import { conditionValue, emptyForm, formToFilter, formToJson, jsonToForm, metadataKeys, metadataValues, type FilterForm } from "./filter";

describe("filter builder", () => {
  it("turns one condition into a bare operator object", () => {
    const form: FilterForm = { join: "andAll", groups: [{ join: "andAll", conditions: [{ key: "year", operator: "equals", value: "2024" }] }] };
    expect(formToFilter(form)).toEqual({ equals: { key: "year", value: 2024 } });
  });

  it("joins groups and conditions with andAll / orAll and types values per operator", () => {
    const form: FilterForm = {
      join: "orAll",
      groups: [
        {
          join: "andAll",
          conditions: [
            { key: "category", operator: "notEquals", value: "support" },
            { key: "year", operator: "greaterThanOrEquals", value: "2024" },
          ],
        },
        { join: "andAll", conditions: [{ key: "tags", operator: "in", value: "rag, 7, true" }] },
        { join: "orAll", conditions: [{ key: "", operator: "equals", value: "ignored" }] },
      ],
    };
    expect(formToFilter(form)).toEqual({
      orAll: [
        {
          andAll: [
            { notEquals: { key: "category", value: "support" } },
            { greaterThanOrEquals: { key: "year", value: 2024 } },
          ],
        },
        { in: { key: "tags", value: ["rag", 7, true] } },
      ],
    });
  });

  it("keeps strings for text operators and reports an empty form as no filter", () => {
    expect(conditionValue({ key: "k", operator: "startsWith", value: "2024" })).toBe("2024");
    expect(conditionValue({ key: "k", operator: "listContains", value: "rag" })).toBe("rag");
    expect(conditionValue({ key: "k", operator: "lessThan", value: "abc" })).toBe("abc");
    expect(formToJson(emptyForm())).toBe("");
  });

  it("reads filter JSON back into the builder when it fits", () => {
    const json = '{"andAll":[{"orAll":[{"equals":{"key":"a","value":1}},{"in":{"key":"b","value":["x","y"]}}]},{"startsWith":{"key":"c","value":"s3"}}]}';
    const form = jsonToForm(json);
    expect(form?.join).toBe("andAll");
    expect(form?.groups[0]?.join).toBe("orAll");
    expect(form?.groups[0]?.conditions[1]).toEqual({ key: "b", operator: "in", value: "x, y" });
    expect(form && formToFilter(form)).toEqual(JSON.parse(json));
    expect(jsonToForm("{")).toBeNull();
    expect(jsonToForm('{"andAll":[{"andAll":[{"orAll":[]}]}]}')).toBeNull();
  });

  it("suggests keys from metadata seen, Bedrock's own last", () => {
    const seen = [
      '{"x-amz-bedrock-kb-source-uri":"s3://a","category":"guide","year":2025}',
      '{"x-amz-bedrock-kb-source-uri":"s3://b","category":"support","tags":["a","b"]}',
    ];
    expect(metadataKeys(seen)).toEqual(["category", "tags", "year", "x-amz-bedrock-kb-source-uri"]);
    expect(metadataValues(seen, "category")).toEqual(["guide", "support"]);
    expect(metadataValues(seen, "tags")).toEqual(["a", "b"]);
  });
});
