import { createSignal, For, Show } from "solid-js";
import { ask } from "../../shared/confirm";
import { formatCount } from "../logic/format";
import type { SplitMode } from "../../bindings";
import { importRequestFor, isDelimited, isJsonLines, isTextDocument } from "../logic/importRequest";
import type { EmbeddingsLab } from "../state";

/** Pick a saved dataset, add a sample, or import pasted lines or a file. */
export function DatasetPanel(props: { lab: EmbeddingsLab }) {
  const lab = props.lab;
  const [file, setFile] = createSignal<{ name: string; content: string } | null>(null);
  const [textColumn, setTextColumn] = createSignal("");
  const [split, setSplit] = createSignal<SplitMode>("document");
  const [pasted, setPasted] = createSignal("");
  const [pasteName, setPasteName] = createSignal("Pasted texts");
  const [mode, setMode] = createSignal<"file" | "paste" | null>(null);

  async function chooseFile(input: HTMLInputElement): Promise<void> {
    const picked = input.files?.[0];
    if (!picked) return;
    const content = await picked.text();
    setFile({ name: picked.name, content });
    setTextColumn("");
    lab.setPreview(null);
    if (isDelimited(picked.name) || isJsonLines(picked.name)) {
      await lab.previewImport({ fileName: picked.name, content, delimiter: null });
      const preview = lab.preview();
      setTextColumn(preview?.suggestedTextColumn ?? preview?.columns[0] ?? "");
    }
  }

  async function importFile(): Promise<void> {
    const chosen = file();
    if (!chosen) return;
    if (await lab.importDataset(importRequestFor(chosen, textColumn(), split()))) {
      setFile(null);
      setMode(null);
    }
  }

  async function importPasted(): Promise<void> {
    const ok = await lab.importDataset({ kind: "pasted", name: pasteName().trim() || null, text: pasted() });
    if (ok) {
      setPasted("");
      setMode(null);
    }
  }

  return (
    <section class="lab-section" aria-labelledby="lab-dataset-title">
      <h3 id="lab-dataset-title">Dataset</h3>
      <label class="visually-hidden" for="lab-dataset">
        Dataset
      </label>
      <select
        id="lab-dataset"
        data-testid="lab-dataset"
        value={lab.datasetId() ?? ""}
        onChange={(e) => void lab.selectDataset(Number(e.currentTarget.value))}
      >
        <Show when={lab.datasets().length === 0}>
          <option value="">No dataset yet: add a sample or import one</option>
        </Show>
        <For each={lab.datasets()}>
          {(dataset) => (
            <option value={dataset.id} selected={dataset.id === lab.datasetId()}>
              {dataset.name} ({formatCount(dataset.count)})
            </option>
          )}
        </For>
      </select>
      <div class="lab-row">
        <For each={lab.samples()}>
          {(sample) => (
            <button
              class="secondary small"
              data-testid={`lab-sample-${sample.id}`}
              title={sample.description}
              disabled={lab.importing()}
              onClick={() => void lab.importSample(sample.id)}
            >
              + {sample.name} ({formatCount(sample.count)})
            </button>
          )}
        </For>
      </div>
      <div class="lab-row">
        <button class="ghost small" aria-pressed={mode() === "file"} onClick={() => setMode(mode() === "file" ? null : "file")}>
          Import a file…
        </button>
        <button class="ghost small" aria-pressed={mode() === "paste"} onClick={() => setMode(mode() === "paste" ? null : "paste")}>
          Paste lines…
        </button>
        <Show when={lab.dataset()}>
          {(dataset) => (
            <button
              class="ghost small"
              data-testid="lab-delete-dataset"
              onClick={() => {
                const { id, name } = dataset();
                // The app's own dialog: a native confirm() may never show in the webview.
                void ask({
                  title: `Delete ${name}?`,
                  message: `“${name}” is deleted with its embeddings and maps. This cannot be undone.`,
                  confirmLabel: "Delete dataset",
                }).then((agreed) => (agreed ? lab.deleteDataset(id) : undefined));
              }}
            >
              Delete
            </button>
          )}
        </Show>
      </div>
      <Show when={mode() === "file"}>
        <div class="lab-import">
          <label for="lab-file">CSV, TSV, JSON Lines, .txt or .md</label>
          <input
            id="lab-file"
            type="file"
            data-testid="lab-file"
            accept=".csv,.tsv,.jsonl,.txt,.md"
            onChange={(e) => void chooseFile(e.currentTarget)}
          />
          <Show when={file() && lab.preview()}>
            <label for="lab-text-column">Text column</label>
            <select id="lab-text-column" value={textColumn()} onChange={(e) => setTextColumn(e.currentTarget.value)}>
              <For each={lab.preview()?.columns ?? []}>{(column) => <option value={column}>{column}</option>}</For>
            </select>
            <p class="muted small-text">
              {formatCount(lab.preview()?.totalRows ?? 0)} rows; the other columns become metadata to colour and filter by.
            </p>
          </Show>
          <Show when={file() && isTextDocument(file()?.name ?? "")}>
            <label for="lab-split">Split</label>
            <select id="lab-split" value={split()} onChange={(e) => setSplit(e.currentTarget.value as SplitMode)}>
              <option value="document">The whole file is one text</option>
              <option value="paragraphs">One text per paragraph</option>
            </select>
          </Show>
          <button class="primary small" disabled={!file() || lab.importing()} onClick={() => void importFile()}>
            {lab.importing() ? "Importing…" : "Import"}
          </button>
        </div>
      </Show>
      <Show when={mode() === "paste"}>
        <div class="lab-import">
          <label for="lab-paste-name">Name</label>
          <input id="lab-paste-name" value={pasteName()} onInput={(e) => setPasteName(e.currentTarget.value)} />
          <label for="lab-paste">One text per line</label>
          <textarea id="lab-paste" data-testid="lab-paste" rows={6} value={pasted()} onInput={(e) => setPasted(e.currentTarget.value)} />
          <button
            class="primary small"
            data-testid="lab-paste-import"
            disabled={pasted().trim() === "" || lab.importing()}
            onClick={() => void importPasted()}
          >
            {lab.importing() ? "Importing…" : "Import lines"}
          </button>
        </div>
      </Show>
    </section>
  );
}
