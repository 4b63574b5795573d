//! `dexflow-disclosure.toml`: the app team's own statement of what it collects and shares,
//! with two things the Play form lacks: recipients and per-SDK declarations. Schema in
//! docs/disclosure.md.
//!
//! Every error names file and line (cargo-deny style); unknown keys are errors, so a typo
//! (`colected = true`) cannot silently weaken a declaration.

use serde::Deserialize;
use toml::Spanned;

use super::Basis;
use super::{
    Declaration, Disclosure, DisclosureError, NotCollected, SdkDeclaration, normalize_type, play,
    warn,
};
use crate::diag::Diagnostic;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    schema: Option<Spanned<String>>,
    app: Option<String>,
    #[serde(default)]
    data: Vec<DataEntry>,
    #[serde(default)]
    not_collected: Vec<Spanned<String>>,
    #[serde(default)]
    sdk: Vec<SdkEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataEntry {
    #[serde(rename = "type")]
    ty: Spanned<String>,
    collected: Option<bool>,
    shared: Option<bool>,
    #[serde(default)]
    purposes: Vec<Spanned<String>>,
    #[serde(default)]
    shared_purposes: Vec<Spanned<String>>,
    #[serde(default)]
    recipients: Vec<String>,
    #[allow(dead_code)]
    optional: Option<bool>,
    #[allow(dead_code)]
    ephemeral: Option<bool>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SdkEntry {
    name: Spanned<String>,
    #[allow(dead_code)]
    #[serde(default)]
    packages: Vec<String>,
    #[serde(default)]
    types: Vec<Spanned<String>>,
    shared: Option<bool>,
    #[serde(default)]
    purposes: Vec<Spanned<String>>,
}

pub const SCHEMA: &str = "dexflow-disclosure/1";

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset.min(text.len()))
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub fn parse(text: &str, path: &str) -> Result<(Disclosure, Vec<Diagnostic>), DisclosureError> {
    let doc: FileDoc = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        DisclosureError::new(path, line, e.message().trim().to_string())
    })?;
    let at = |span: std::ops::Range<usize>| format!("{path}:{}", line_of(text, span.start));
    let mut warnings = Vec::new();
    if let Some(s) = &doc.schema
        && s.get_ref() != SCHEMA
    {
        return Err(DisclosureError::new(
            path,
            Some(line_of(text, s.span().start)),
            format!("unsupported schema '{}' (expected '{SCHEMA}')", s.get_ref()),
        ));
    }
    let key = |s: &Spanned<String>,
               warnings: &mut Vec<Diagnostic>|
     -> Result<String, DisclosureError> {
        match normalize_type(s.get_ref()) {
            Some((k, note)) => {
                if let Some(n) = note {
                    warnings.push(warn("disclosure-alias-type", n, at(s.span())));
                }
                Ok(k)
            }
            None => Err(DisclosureError::new(
                path,
                Some(line_of(text, s.span().start)),
                format!(
                    "unknown data type '{}' (use a dexflow category such as 'contacts', a Play id such as 'PSL_CONTACTS', or an AOSP key such as 'contacts.contacts')",
                    s.get_ref()
                ),
            )),
        }
    };
    let purposes = |list: &[Spanned<String>]| -> Result<Vec<String>, DisclosureError> {
        list.iter()
            .map(|p| {
                play::purpose(p.get_ref()).map(str::to_string).ok_or_else(|| {
                    DisclosureError::new(
                        path,
                        Some(line_of(text, p.span().start)),
                        format!(
                            "unknown purpose '{}' (expected app_functionality, analytics, developer_communications, fraud_prevention_security, advertising, personalization or account_management)",
                            p.get_ref()
                        ),
                    )
                })
            })
            .collect()
    };
    let mut d = Disclosure {
        app: doc.app,
        sources: vec![path.to_string()],
        ..Disclosure::default()
    };
    for e in &doc.data {
        let k = key(&e.ty, &mut warnings)?;
        let shared = e.shared.unwrap_or(false);
        let collected = e.collected.unwrap_or(true);
        if !collected && !shared {
            return Err(DisclosureError::new(
                path,
                Some(line_of(text, e.ty.span().start)),
                format!(
                    "'{}' is neither collected nor shared; list it in not_collected instead",
                    e.ty.get_ref()
                ),
            ));
        }
        let purposes_v = purposes(&e.purposes)?;
        if purposes_v.is_empty() {
            warnings.push(warn(
                "disclosure-no-purpose",
                format!("'{}' declares no purposes", e.ty.get_ref()),
                at(e.ty.span()),
            ));
        }
        d.declarations.push(Declaration {
            key: k,
            collected,
            shared,
            purposes: purposes_v,
            shared_purposes: purposes(&e.shared_purposes)?,
            recipients: e.recipients.clone(),
            basis: Basis::DisclosureFile,
            evidence: at(e.ty.span()),
        });
    }
    for n in &doc.not_collected {
        let k = key(n, &mut warnings)?;
        if let Some(x) = d.declarations.iter().find(|x| x.key == k) {
            return Err(DisclosureError::new(
                path,
                Some(line_of(text, n.span().start)),
                format!(
                    "'{}' is listed in not_collected but also declared at {}",
                    n.get_ref(),
                    x.evidence
                ),
            ));
        }
        d.not_collected.push(NotCollected {
            key: k,
            basis: Basis::DisclosureFile,
            evidence: at(n.span()),
        });
    }
    for s in &doc.sdk {
        let types = s
            .types
            .iter()
            .map(|t| key(t, &mut warnings))
            .collect::<Result<Vec<_>, _>>()?;
        d.sdks.push(SdkDeclaration {
            name: s.name.get_ref().clone(),
            types,
            shared: s.shared.unwrap_or(true),
            purposes: purposes(&s.purposes)?,
            evidence: at(s.name.span()),
        });
    }
    Ok((d, warnings))
}
