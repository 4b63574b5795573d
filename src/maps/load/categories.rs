//! `categories.toml`: data categories (ids every other file refers to, with their Play Data safety
//! types and whether they are personal) and sink categories (whether a sink exfiltrates). The
//! file's record types sit beside the `Builder` method that validates them; every error names
//! `categories.toml:line`. Nothing here may accept a record it has not checked.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::Category;
use crate::maps::models::SinkCategory;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    #[serde(default)]
    play_data_types: Vec<String>,
    #[serde(default)]
    category: Vec<Spanned<CategoryRec>>,
    #[serde(default)]
    sink_category: Vec<Spanned<SinkCategoryRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryRec {
    id: String,
    description: String,
    #[serde(default)]
    play_data_types: Vec<Spanned<String>>,
    personal: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinkCategoryRec {
    id: String,
    description: String,
    exfiltration: bool,
}

impl Builder {
    pub(super) fn categories_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<CategoriesFile>(f, &mut self.d) else {
            return;
        };
        let known_play: HashSet<&str> = file.play_data_types.iter().map(String::as_str).collect();
        for rec in &file.category {
            let r = rec.get_ref();
            if !self.claim_id(f, &rec.span(), &format!("category:{}", r.id)) {
                continue;
            }
            let mut play = Vec::new();
            for t in &r.play_data_types {
                if !known_play.contains(t.get_ref().as_str()) {
                    self.d.error(
                        f,
                        &t.span(),
                        "map-unknown-play-type",
                        format!(
                            "unknown Play Data safety type `{}` (not in `play_data_types`)",
                            t.get_ref()
                        ),
                    );
                }
                play.push(self.intern(t.get_ref()));
            }
            let id = self.intern(&r.id);
            self.categories.insert(
                id.clone(),
                Category {
                    id,
                    description: Arc::from(r.description.as_str()),
                    play_data_types: play,
                    personal: r.personal,
                },
            );
        }
        for rec in &file.sink_category {
            let r = rec.get_ref();
            if !self.claim_id(f, &rec.span(), &format!("sink_category:{}", r.id)) {
                continue;
            }
            let id = self.intern(&r.id);
            self.sink_categories.insert(
                id.clone(),
                SinkCategory {
                    id,
                    description: Arc::from(r.description.as_str()),
                    exfiltration: r.exfiltration,
                },
            );
        }
    }
}
