//! Every command the IPC exposes is declared in build.rs and allowed by the window's
//! capability, and nothing else is: a new command cannot be forgotten in either place.

use std::collections::BTreeSet;

fn quoted_names(text: &str, prefix: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter_map(|name| name.strip_prefix(prefix))
        .map(|name| name.replace('-', "_"))
        .collect()
}

#[test]
fn build_manifest_capability_and_bindings_name_the_same_commands() {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |path: &str| std::fs::read_to_string(format!("{root}/{path}")).expect(path);
    let declared = quoted_names(read("build.rs").split("&[").nth(1).unwrap_or(""), "");
    let allowed = quoted_names(&read("capabilities/default.json"), "allow-");
    let bindings = read("../ui/src/bindings.ts");
    let invoked: BTreeSet<String> = bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter(|call| call.starts_with('(') || call.starts_with('<'))
        .filter_map(|call| call.split('"').nth(1))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        declared, allowed,
        "build.rs and capabilities/default.json differ"
    );
    assert_eq!(
        declared, invoked,
        "build.rs and the generated bindings differ"
    );
}
