//! `annotations.toml`: HTTP annotations (Retrofit `@GET`, `@POST`, ...) that make an interface
//! method a network call. The file's record types sit beside the `Builder` method that validates
//! them; every error names `annotations.toml:line`. Nothing here may accept a record it has not
//! checked.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::models::HttpAnnotation;
use crate::maps::sig;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationsFile {
    #[serde(default)]
    annotation: Vec<Spanned<AnnotationRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationRec {
    descriptor: Spanned<String>,
    library: String,
    target: Spanned<String>,
    part: String,
    #[serde(default)]
    carries_url: bool,
}

impl Builder {
    pub(super) fn annotations_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<AnnotationsFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.annotation {
            let r = rec.get_ref();
            if !sig::valid_class(r.descriptor.get_ref()) {
                self.d.error(
                    f,
                    &r.descriptor.span(),
                    "map-bad-class",
                    format!(
                        "malformed annotation descriptor `{}`",
                        r.descriptor.get_ref()
                    ),
                );
                continue;
            }
            if !matches!(r.target.get_ref().as_str(), "method" | "parameter") {
                self.d.error(
                    f,
                    &r.target.span(),
                    "map-bad-target",
                    format!(
                        "unknown annotation target `{}` (expected `method` or `parameter`)",
                        r.target.get_ref()
                    ),
                );
                continue;
            }
            let key = format!("annotation {}", r.descriptor.get_ref());
            if !self.claim_rule(f, &r.descriptor.span(), key, "annotation") {
                continue;
            }
            self.annotations.push(HttpAnnotation {
                descriptor: Arc::from(r.descriptor.get_ref().as_str()),
                library: Arc::from(r.library.as_str()),
                target: Arc::from(r.target.get_ref().as_str()),
                part: Arc::from(r.part.as_str()),
                carries_url: r.carries_url,
            });
        }
    }
}
