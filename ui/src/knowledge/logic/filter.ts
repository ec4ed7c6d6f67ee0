// The metadata filter builder: groups of conditions joined by and/or, turned into Bedrock's
// RetrievalFilter JSON (and read back from it when it has that shape).

export const OPERATORS = [
  "equals",
  "notEquals",
  "greaterThan",
  "greaterThanOrEquals",
  "lessThan",
  "lessThanOrEquals",
  "in",
  "notIn",
  "startsWith",
  "listContains",
  "stringContains",
] as const;

export type Operator = (typeof OPERATORS)[number];
export type Join = "andAll" | "orAll";

export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "=",
  notEquals: "≠",
  greaterThan: ">",
  greaterThanOrEquals: "≥",
  lessThan: "<",
  lessThanOrEquals: "≤",
  in: "in",
  notIn: "not in",
  startsWith: "starts with",
  listContains: "list contains",
  stringContains: "contains",
};

export interface Condition {
  key: string;
  operator: Operator;
  /** As typed: `2024`, `true`, `faq`, or `a, b` for in / notIn. */
  value: string;
}

export interface Group {
  join: Join;
  conditions: Condition[];
}

export interface FilterForm {
  join: Join;
  groups: Group[];
}

export const emptyCondition = (): Condition => ({ key: "", operator: "equals", value: "" });
export const emptyForm = (): FilterForm => ({ join: "andAll", groups: [{ join: "andAll", conditions: [emptyCondition()] }] });

type Scalar = string | number | boolean;

function scalar(text: string, numeric: boolean): Scalar {
  const trimmed = text.trim();
  if (numeric || /^-?\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (trimmed !== "" && Number.isFinite(n)) return n;
  }
  if (!numeric && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
  return trimmed;
}

/** A typed value for an operator: numbers for comparisons, lists for in / notIn, strings for text ones. */
export function conditionValue(condition: Condition): Scalar | Scalar[] {
  switch (condition.operator) {
    case "greaterThan":
    case "greaterThanOrEquals":
    case "lessThan":
    case "lessThanOrEquals":
      return scalar(condition.value, true);
    case "in":
    case "notIn":
      return condition.value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .map((part) => scalar(part, false));
    case "startsWith":
    case "stringContains":
      return condition.value.trim();
    default:
      return scalar(condition.value, false);
  }
}

type FilterJson = Record<string, unknown>;

function conditionJson(condition: Condition): FilterJson {
  return { [condition.operator]: { key: condition.key.trim(), value: conditionValue(condition) } };
}

function joined(join: Join, parts: FilterJson[]): FilterJson | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return { [join]: parts };
}

/** The form as a RetrievalFilter object; conditions without a key are left out; null when empty. */
export function formToFilter(form: FilterForm): FilterJson | null {
  const groups = form.groups
    .map((group) => joined(group.join, group.conditions.filter((c) => c.key.trim() !== "").map(conditionJson)))
    .filter((g): g is FilterJson => g !== null);
  return joined(form.join, groups);
}

export function formToJson(form: FilterForm): string {
  const filter = formToFilter(form);
  return filter === null ? "" : JSON.stringify(filter, null, 2);
}

function scalarText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(", ");
  return scalarText(value);
}

function readCondition(value: unknown): Condition | null {
  if (typeof value !== "object" || value === null) return null;
  const entries: [string, unknown][] = Object.entries(value);
  if (entries.length !== 1) return null;
  const [name, body] = entries[0] ?? ["", null];
  if (!(OPERATORS as readonly string[]).includes(name) || typeof body !== "object" || body === null) return null;
  const { key, value: v } = body as { key?: unknown; value?: unknown };
  if (typeof key !== "string") return null;
  return { key, operator: name as Operator, value: valueText(v) };
}

function readGroup(value: unknown): Group | null {
  const single = readCondition(value);
  if (single) return { join: "andAll", conditions: [single] };
  if (typeof value !== "object" || value === null) return null;
  const entries: [string, unknown][] = Object.entries(value);
  const [name, body] = entries[0] ?? ["", null];
  if (entries.length !== 1 || (name !== "andAll" && name !== "orAll") || !Array.isArray(body)) return null;
  const conditions = body.map(readCondition);
  if (conditions.some((c) => c === null)) return null;
  return { join: name, conditions: conditions as Condition[] };
}

/** The builder form for filter JSON, when it fits (at most two levels); null otherwise. */
export function jsonToForm(text: string): FilterForm | null {
  if (text.trim() === "") return emptyForm();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const group = readGroup(value);
  if (group) return { join: "andAll", groups: [group] };
  if (typeof value !== "object" || value === null) return null;
  const entries: [string, unknown][] = Object.entries(value);
  const [name, body] = entries[0] ?? ["", null];
  if (entries.length !== 1 || (name !== "andAll" && name !== "orAll") || !Array.isArray(body)) return null;
  const groups = body.map(readGroup);
  if (groups.some((g) => g === null)) return null;
  return { join: name, groups: groups as Group[] };
}

/** The metadata keys of chunks seen so far, most frequent first (Bedrock's own `x-amz-bedrock-kb-*` last). */
export function metadataKeys(metadataJsons: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of metadataJsons) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== "object" || parsed === null) continue;
      for (const key of Object.keys(parsed)) counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // Not JSON: nothing to suggest.
    }
  }
  const bedrock = (key: string) => (key.startsWith("x-amz-bedrock-kb-") ? 1 : 0);
  return [...counts.entries()]
    .sort((a, b) => bedrock(a[0]) - bedrock(b[0]) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key]) => key);
}

/** Values seen for a key, for suggestions. */
export function metadataValues(metadataJsons: readonly string[], key: string): string[] {
  const values = new Set<string>();
  for (const text of metadataJsons) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const value = parsed[key];
      if (Array.isArray(value)) value.forEach((v) => values.add(scalarText(v)));
      else if (value !== undefined && value !== null) values.add(scalarText(value));
    } catch {
      // ignore
    }
  }
  return [...values].sort();
}
