//! `sdks.toml`: third-party SDK signatures: id, company, kind and class-name prefixes.
//! The file's record types sit beside the `Builder` method that validates them; every error
//! names `sdks.toml:line`. Nothing here may accept a record it has not checked.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::Sdk;
use crate::maps::sig;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SdksFile {
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    sdk: Vec<Spanned<SdkRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SdkRec {
    id: String,
    name: String,
    company: String,
    kind: Spanned<String>,
    prefixes: Vec<Spanned<String>>,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn sdks_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<SdksFile>(f, &mut self.d) else {
            return;
        };
        let kinds: HashSet<&str> = file.kinds.iter().map(String::as_str).collect();
        let mut prefixes: HashMap<String, String> = HashMap::new();
        for rec in &file.sdk {
            let r = rec.get_ref();
            let span = rec.span();
            if !self.claim_id(f, &span, &format!("sdk:{}", r.id)) {
                continue;
            }
            if !kinds.contains(r.kind.get_ref().as_str()) {
                self.d.warn(
                    f,
                    &r.kind.span(),
                    "map-unknown-kind",
                    format!(
                        "unknown SDK kind `{}` (list it in `kinds`)",
                        r.kind.get_ref()
                    ),
                );
            }
            if r.prefixes.is_empty() {
                self.d.error(
                    f,
                    &span,
                    "map-bad-prefix",
                    format!("SDK `{}` has no prefixes", r.id),
                );
            }
            let mut ps = Vec::new();
            for p in &r.prefixes {
                let text = p.get_ref();
                if !sig::valid_package_prefix(text) {
                    self.d.error(
                        f,
                        &p.span(),
                        "map-bad-prefix",
                        format!("malformed SDK prefix `{text}` (expected a descriptor prefix like `Lcom/umeng/`)"),
                    );
                    continue;
                }
                if let Some(first) = prefixes.get(text.as_str()) {
                    let msg = format!("duplicate SDK prefix `{text}` (first declared at {first})");
                    self.d.error(f, &p.span(), "map-duplicate-prefix", msg);
                    continue;
                }
                prefixes.insert(text.clone(), f.loc(&p.span()));
                ps.push(self.intern(text));
            }
            let kind = self.intern(r.kind.get_ref());
            let hosts = r
                .hosts
                .iter()
                .map(|h| self.intern(&h.to_ascii_lowercase()))
                .collect();
            self.sdks.push(Sdk {
                id: Arc::from(r.id.as_str()),
                name: Arc::from(r.name.as_str()),
                company: Arc::from(r.company.as_str()),
                kind,
                prefixes: ps,
                hosts,
            });
        }
    }
}
