//! Importing every format, and every bad input with a message that says how to fix it.

use embeddings::dataset::{
    FileContent, ImportFormat, ImportRequest, LabErrorCode, MAX_TEXTS, PreviewRequest, SplitMode,
    import, preview, sample, samples,
};

fn delimited(file_name: &str, content: &str, column: &str) -> ImportRequest {
    ImportRequest::Delimited {
        name: None,
        file_name: file_name.to_owned(),
        content: content.to_owned(),
        text_column: column.to_owned(),
        delimiter: None,
    }
}

fn jsonl(content: &str, field: &str) -> ImportRequest {
    ImportRequest::JsonLines {
        name: Some("Reviews".into()),
        file_name: "reviews.jsonl".to_owned(),
        content: content.to_owned(),
        text_field: field.to_owned(),
    }
}

#[test]
fn pasted_lines_skip_and_count_empty_ones() {
    let draft = import(&ImportRequest::Pasted {
        name: None,
        text: "first text\n\n   \nsecond text  \r\nthird".into(),
    })
    .unwrap();
    assert_eq!(draft.texts, ["first text", "second text", "third"]);
    assert_eq!(draft.skipped_empty, 2);
    assert_eq!(draft.name, "Pasted texts");
    assert_eq!(draft.source, "pasted");
    assert!(draft.metadata_columns.is_empty() && draft.metadata.is_empty());
}

#[test]
fn text_files_by_document_or_paragraph_keep_the_file_name() {
    let files = vec![
        FileContent {
            name: "notes.md".into(),
            content: "\u{feff}# Title\n\nFirst paragraph\ncontinues.\n\n\nSecond.".into(),
        },
        FileContent {
            name: "more.txt".into(),
            content: "Only one.".into(),
        },
    ];
    let whole = import(&ImportRequest::Files {
        name: None,
        files: files.clone(),
        split: SplitMode::Document,
    })
    .unwrap();
    assert_eq!(whole.texts.len(), 2);
    assert!(whole.texts[0].starts_with("# Title"));
    assert_eq!(whole.metadata_columns, ["file"]);
    assert_eq!(whole.metadata, [["notes.md"], ["more.txt"]]);
    assert_eq!(whole.name, "notes");

    let split = import(&ImportRequest::Files {
        name: Some("Notes".into()),
        files,
        split: SplitMode::Paragraphs,
    })
    .unwrap();
    assert_eq!(
        split.texts,
        [
            "# Title",
            "First paragraph\ncontinues.",
            "Second.",
            "Only one."
        ]
    );
    assert_eq!(split.metadata[3], ["more.txt"]);
    assert!(split.source.contains("paragraph"));

    let error = import(&ImportRequest::Files {
        name: None,
        files: vec![FileContent {
            name: "data.pdf".into(),
            content: "x".into(),
        }],
        split: SplitMode::Document,
    })
    .unwrap_err();
    assert_eq!(error.code, LabErrorCode::UnsupportedFile);
    assert!(error.message.contains("data.pdf"));
}

#[test]
fn csv_and_tsv_keep_every_other_column_as_metadata() {
    let csv = "id,text,topic\n1,\"Hello, world\",greeting\n2,,empty\n3,Goodbye,farewell\n";
    let draft = import(&delimited("greetings.csv", csv, "text")).unwrap();
    assert_eq!(draft.texts, ["Hello, world", "Goodbye"]);
    assert_eq!(draft.metadata_columns, ["id", "topic"]);
    assert_eq!(draft.metadata, [["1", "greeting"], ["3", "farewell"]]);
    assert_eq!(draft.skipped_empty, 1);
    assert_eq!(draft.name, "greetings");
    assert!(draft.source.starts_with("csv: greetings.csv"));

    let tsv = "text\tlabel\nA tab; separated, line\tx\n";
    let draft = import(&delimited("lines.tsv", tsv, "TEXT")).unwrap();
    assert_eq!(draft.texts, ["A tab; separated, line"]);
    assert_eq!(draft.metadata, [["x"]]);

    // Semicolons sniffed in a .csv, as European spreadsheets write them.
    let semi = "text;score\nGood value;5\nToo small;2\n";
    let draft = import(&delimited("scores.csv", semi, "text")).unwrap();
    assert_eq!(draft.metadata, [["5"], ["2"]]);
}

#[test]
fn bad_csv_rows_and_missing_columns_say_how_to_fix_them() {
    let error = import(&delimited(
        "broken.csv",
        "text,topic\nfine,a\ntoo,many,fields\n",
        "text",
    ))
    .unwrap_err();
    assert_eq!(error.code, LabErrorCode::BadCsv);
    assert!(error.message.contains("line 3"), "{}", error.message);
    assert!(error.message.contains("3 fields"), "{}", error.message);
    assert!(error.hint.contains("Quote"), "{}", error.hint);

    let error = import(&delimited("t.csv", "body,topic\nx,y\n", "text")).unwrap_err();
    assert_eq!(error.code, LabErrorCode::MissingColumn);
    assert!(error.message.contains("\"text\""), "{}", error.message);
    assert!(error.hint.contains("\"body\", \"topic\""), "{}", error.hint);

    let error = import(&delimited("t.csv", "text,topic\n,a\n  ,b\n", "text")).unwrap_err();
    assert_eq!(error.code, LabErrorCode::EmptyDataset);
    assert!(error.message.contains("2 empty"), "{}", error.message);
}

#[test]
fn json_lines_take_scalar_fields_as_metadata() {
    let content = "{\"body\": \"Great camera\", \"stars\": 5, \"verified\": true, \"tags\": [\"x\"]}\n\n{\"body\": \"Meh\", \"stars\": 2, \"extra\": null}\n{\"stars\": 1}\n";
    let draft = import(&jsonl(content, "body")).unwrap();
    assert_eq!(draft.texts, ["Great camera", "Meh"]);
    assert_eq!(draft.metadata_columns, ["stars", "verified", "extra"]);
    assert_eq!(draft.metadata, [["5", "true", ""], ["2", "", ""]]);
    assert_eq!(draft.skipped_empty, 1);
    assert_eq!(draft.name, "Reviews");

    let error = import(&jsonl("{\"a\": 1}\n{\"a\": 2,}\n", "a")).unwrap_err();
    assert_eq!(error.code, LabErrorCode::InvalidJson);
    assert!(error.message.contains("line 2"), "{}", error.message);
    let error = import(&jsonl("[1, 2]\n", "a")).unwrap_err();
    assert!(error.message.contains("not an object"), "{}", error.message);
    let error = import(&jsonl("{\"body\": \"x\", \"stars\": 1}\n", "text")).unwrap_err();
    assert_eq!(error.code, LabErrorCode::MissingColumn);
    assert!(error.hint.contains("\"body\", \"stars\""), "{}", error.hint);
}

#[test]
fn more_than_the_limit_is_refused_with_the_count_and_a_way_out() {
    let text: String = (0..MAX_TEXTS + 5).map(|i| format!("text {i}\n")).collect();
    let error = import(&ImportRequest::Pasted { name: None, text }).unwrap_err();
    assert_eq!(error.code, LabErrorCode::TooManyTexts);
    assert!(error.message.contains("100005"), "{}", error.message);
    assert!(error.message.contains("100000"), "{}", error.message);
    assert!(error.hint.contains("Split"), "{}", error.hint);
    let exactly: String = (0..MAX_TEXTS).map(|i| format!("text {i}\n")).collect();
    let draft = import(&ImportRequest::Pasted {
        name: None,
        text: exactly,
    })
    .unwrap();
    assert_eq!(draft.texts.len(), MAX_TEXTS);
}

#[test]
fn previews_list_columns_rows_and_a_suggested_text_column() {
    let csv: String = std::iter::once("id,label,comment\n".to_owned())
        .chain((0..30).map(|i| format!("{i},x,This is a longer comment number {i}\n")))
        .collect();
    let request = PreviewRequest {
        file_name: "feedback.csv".into(),
        content: csv,
        delimiter: None,
    };
    let shown = preview(&request).unwrap();
    assert_eq!(shown.format, ImportFormat::Delimited);
    assert_eq!(shown.delimiter, Some(','));
    assert_eq!(shown.columns, ["id", "label", "comment"]);
    assert_eq!(shown.rows.len(), 20);
    assert_eq!(shown.total_rows, 30);
    assert_eq!(shown.suggested_text_column.as_deref(), Some("comment"));

    let longest = preview(&PreviewRequest {
        file_name: "x.tsv".into(),
        content: "a\tb\n1\tsomething long here\n".into(),
        delimiter: None,
    })
    .unwrap();
    assert_eq!(longest.delimiter, Some('\t'));
    assert_eq!(longest.suggested_text_column.as_deref(), Some("b"));

    let lines = preview(&PreviewRequest {
        file_name: "r.jsonl".into(),
        content: "{\"text\": \"a\", \"n\": 1}\n{\"text\": \"b\", \"m\": \"z\"}\n".into(),
        delimiter: None,
    })
    .unwrap();
    assert_eq!(lines.format, ImportFormat::JsonLines);
    // Fields of a line come in name order (serde_json's map), new ones after those seen.
    assert_eq!(lines.columns, ["n", "text", "m"]);
    assert_eq!(lines.rows[1], ["", "b", "z"]);
    assert_eq!(lines.suggested_text_column.as_deref(), Some("text"));

    let error = preview(&PreviewRequest {
        file_name: "photo.png".into(),
        content: String::new(),
        delimiter: None,
    })
    .unwrap_err();
    assert_eq!(error.code, LabErrorCode::UnsupportedFile);
}

#[test]
fn the_samples_load_with_their_metadata() {
    let list = samples();
    assert_eq!(list.len(), 2);
    let topics = sample("topics").unwrap();
    assert_eq!(topics.metadata_columns, ["topic"]);
    assert_eq!(topics.texts.len(), list[0].count as usize);
    let mut kinds: Vec<&str> = topics.metadata.iter().map(|m| m[0].as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), 8);
    let tickets = sample("support-tickets").unwrap();
    assert_eq!(
        tickets.metadata_columns,
        ["product", "priority", "channel", "category"]
    );
    assert!(tickets.source.starts_with("sample:"));
    let error = sample("nope").unwrap_err();
    assert!(error.hint.contains("topics"));
}

#[test]
fn import_requests_arrive_as_tagged_json() {
    let request: ImportRequest = serde_json::from_str(
        r#"{"kind": "delimited", "name": null, "fileName": "a.csv", "content": "text\nx\n", "textColumn": "text", "delimiter": null}"#,
    )
    .unwrap();
    assert_eq!(import(&request).unwrap().texts, ["x"]);
    let files: ImportRequest = serde_json::from_str(
        r#"{"kind": "files", "name": "n", "files": [{"name": "a.txt", "content": "p1\n\np2"}], "split": "paragraphs"}"#,
    )
    .unwrap();
    assert_eq!(import(&files).unwrap().texts.len(), 2);
}
