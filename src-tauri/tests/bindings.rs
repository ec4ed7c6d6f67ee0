//! `ui/src/bindings.ts` must match the Rust types; `UPDATE_BINDINGS=1` rewrites it.

use std::path::Path;

#[test]
fn committed_typescript_bindings_are_fresh() {
    let committed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(bedrock_playground::ipc::BINDINGS_PATH);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        bedrock_playground::ipc::export_bindings(&committed).expect("export bindings");
        return;
    }
    let fresh = std::env::temp_dir().join(format!("bindings-{}.ts", std::process::id()));
    bedrock_playground::ipc::export_bindings(&fresh).expect("export bindings");
    let expected = std::fs::read_to_string(&fresh).expect("read fresh bindings");
    let _ = std::fs::remove_file(&fresh);
    let actual = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/src/bindings.ts is stale: run `make bindings` and commit the result"
    );
}
