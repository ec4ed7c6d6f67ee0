//! A native body under construction, with the mapping of every field put into it.

use serde_json::{Map, Value};

use crate::mapping::{FieldMapping, NATIVE_ONLY};

#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub body: Map<String, Value>,
    pub mappings: Vec<FieldMapping>,
    pub unsupported: Vec<String>,
}

impl Draft {
    /// Record where a Converse field went, without touching the body.
    pub fn map(&mut self, converse: &str, native: &str, note: impl Into<String>) {
        self.mappings.push(FieldMapping {
            converse: converse.to_owned(),
            native: Some(native.to_owned()),
            note: note.into(),
        });
    }

    /// Put a top-level native field and record where it came from.
    pub fn field(&mut self, converse: &str, native: &str, value: Value, note: &str) {
        self.body.insert(native.to_owned(), value);
        self.map(converse, native, note);
    }

    /// A field the prompt may leave unset: nothing is written then.
    pub fn param(&mut self, converse: &str, native: &str, value: Option<Value>, note: &str) {
        if let Some(value) = value {
            self.field(converse, native, value, note);
        }
    }

    /// A parameter nested in a native object (`textGenerationConfig.topP`).
    pub fn nested_param(
        &mut self,
        section: &str,
        converse: &str,
        native: &str,
        value: Option<Value>,
        note: &str,
    ) {
        let Some(value) = value else { return };
        let entry = self
            .body
            .entry(section)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(object) = entry {
            object.insert(native.to_owned(), value);
        }
        self.map(converse, &format!("{section}.{native}"), note);
    }

    /// A native field with no Converse counterpart.
    pub fn fixed(&mut self, native: &str, value: Value, note: &str) {
        self.field(NATIVE_ONLY, native, value, note);
    }

    /// A Converse field the native format cannot express, when the prompt uses it.
    pub fn unsupported(&mut self, converse: &str, used: bool, reason: &str) {
        if !used {
            return;
        }
        self.mappings.push(FieldMapping {
            converse: converse.to_owned(),
            native: None,
            note: reason.to_owned(),
        });
        self.unsupported.push(reason.to_owned());
    }
}
