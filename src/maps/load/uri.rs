//! `uri.toml`: content-provider Uris, the static fields holding them and cursor column names, each
//! mapped to a data category. The file's record types sit beside the `Builder` method that
//! validates them; every error names `uri.toml:line`. Nothing here may accept a record it has not
//! checked.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::UriConfidence;
use crate::maps::models::{UriEntry, normalize_uri};
use crate::maps::sig;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UriFile {
    #[serde(default)]
    uri: Vec<Spanned<UriRec>>,
    #[serde(default)]
    uri_field: Vec<Spanned<UriFieldRec>>,
    #[serde(default)]
    column: Vec<Spanned<ColumnRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UriRec {
    prefix: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    confidence: Option<Spanned<String>>,
    #[serde(default)]
    permissions: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UriFieldRec {
    field: Spanned<String>,
    uri: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnRec {
    name: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn uri_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<UriFile>(f, &mut self.d) else {
            return;
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        for rec in &file.uri {
            let r = rec.get_ref();
            let cat_ok = self.category_ok(f, &r.category);
            let confidence = match r.confidence.as_ref().map(|c| c.get_ref().as_str()) {
                None | Some("high") => Some(UriConfidence::High),
                Some("low") => Some(UriConfidence::Low),
                Some(other) => {
                    let cspan = r
                        .confidence
                        .as_ref()
                        .map(|c| c.span())
                        .unwrap_or(rec.span());
                    self.d.error(
                        f,
                        &cspan,
                        "map-bad-confidence",
                        format!("unknown confidence `{other}` (expected `high` or `low`)"),
                    );
                    None
                }
            };
            let Some(norm) =
                normalize_uri(r.prefix.get_ref()).filter(|n| n.len() > "content://".len())
            else {
                self.d.error(
                    f,
                    &r.prefix.span(),
                    "map-bad-uri",
                    format!(
                        "`{}` is not a content URI prefix (`content://authority[/path]`)",
                        r.prefix.get_ref()
                    ),
                );
                continue;
            };
            if let Some(first) = seen.get(&norm) {
                let msg = format!("duplicate URI prefix `{norm}` (first declared at {first})");
                self.d.error(f, &r.prefix.span(), "map-duplicate-rule", msg);
                continue;
            }
            seen.insert(norm.clone(), f.loc(&r.prefix.span()));
            let (true, Some(confidence)) = (cat_ok, confidence) else {
                continue;
            };
            let category = self.intern(r.category.get_ref());
            let permissions = r.permissions.iter().map(|p| self.intern(p)).collect();
            self.uris.push(UriEntry {
                prefix: Arc::from(norm),
                category,
                confidence,
                permissions,
            });
        }
        for rec in &file.uri_field {
            let r = rec.get_ref();
            if !sig::valid_field_signature(r.field.get_ref()) {
                self.d.error(
                    f,
                    &r.field.span(),
                    "map-bad-signature",
                    format!("malformed field signature `{}`", r.field.get_ref()),
                );
                continue;
            }
            if normalize_uri(r.uri.get_ref()).is_none() {
                self.d.error(
                    f,
                    &r.uri.span(),
                    "map-bad-uri",
                    format!("`{}` is not a content URI", r.uri.get_ref()),
                );
                continue;
            }
            let key = format!("uri_field {}", r.field.get_ref());
            if !self.claim_rule(f, &r.field.span(), key, "URI field") {
                continue;
            }
            let field = self.intern(r.field.get_ref());
            self.uri_fields
                .insert(field, Arc::from(r.uri.get_ref().as_str()));
        }
        for rec in &file.column {
            let r = rec.get_ref();
            if !self.category_ok(f, &r.category) {
                continue;
            }
            let key = format!("column {}", r.name.get_ref());
            if !self.claim_rule(f, &r.name.span(), key, "column") {
                continue;
            }
            let name = self.intern(r.name.get_ref());
            let category = self.intern(r.category.get_ref());
            self.columns.insert(name, category);
        }
    }
}
