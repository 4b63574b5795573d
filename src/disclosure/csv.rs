//! The Play Console Data safety CSV export (5 columns; research/privacy/disclosure.md §1.4).
//!
//! Tolerant by design, as Google's template drifts: rows are keyed on (Question ID,
//! Response ID), unknown ids are warnings, labels are never required. Only a missing or wrong
//! header is fatal. The CSV reader is hand-written (quoted fields, doubled quotes, CRLF,
//! newlines inside quotes) and linear in the input; it never panics.

use std::collections::BTreeMap;

use super::Basis;
use super::{Declaration, Disclosure, DisclosureError, normalize_type, play, warn};
use crate::diag::Diagnostic;

/// One record: the 1-based line it starts on and its fields.
struct Record {
    line: usize,
    fields: Vec<String>,
}

fn records(text: &str, path: &str) -> Result<Vec<Record>, DisclosureError> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1usize;
    let mut start = 1usize;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_quotes = true,
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if !(fields.len() == 1 && fields[0].is_empty()) {
                    out.push(Record {
                        line: start,
                        fields: std::mem::take(&mut fields),
                    });
                }
                fields.clear();
                line += 1;
                start = line;
                any = false;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(DisclosureError::new(
            path,
            Some(start),
            "quoted field is not closed before the end of the file",
        ));
    }
    if any {
        fields.push(field);
        if !(fields.len() == 1 && fields[0].is_empty()) {
            out.push(Record {
                line: start,
                fields,
            });
        }
    }
    Ok(out)
}

fn truthy(v: &str) -> Option<bool> {
    match v.trim().to_ascii_uppercase().as_str() {
        "TRUE" => Some(true),
        "FALSE" => Some(false),
        _ => None,
    }
}

/// General questions that carry no per-type information (accepted silently).
const GENERAL: &[&str] = &[
    "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT",
    "PSL_SUPPORTED_ACCOUNT_CREATION_METHODS",
    "PSL_ACM_SPECIFY",
    "PSL_ACCOUNT_DELETION_URL",
    "PSL_DATA_DELETION_URL",
    "PSL_SUPPORT_DATA_DELETION_BY_USER",
    "PSL_DATA_COLLECTION_USER_REQUEST_DELETE",
    "PSL_DATA_COLLECTION_COMPLIES_FAMILY_POLICY",
    "PSL_INDEPENDENTLY_VALIDATED",
    "PSL_UPI_BADGE_OPT_IN",
    "PSL_HAS_OUTSIDE_APP_ACCOUNTS",
    "PSL_OUTSIDE_APP_ACCOUNT_TYPES",
];

#[derive(Default)]
struct TypeState {
    declared: Option<usize>,
    collected: Option<bool>,
    shared: Option<bool>,
    purposes: Vec<String>,
    shared_purposes: Vec<String>,
}

pub fn parse(text: &str, path: &str) -> Result<(Disclosure, Vec<Diagnostic>), DisclosureError> {
    let recs = records(text, path)?;
    let Some(header) = recs.first() else {
        return Err(DisclosureError::new(
            path,
            Some(1),
            "empty file: expected the Data safety CSV header",
        ));
    };
    let first = header
        .fields
        .first()
        .map(|f| f.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .unwrap_or_default();
    if header.fields.len() != 5 || !first.starts_with("question id") {
        return Err(DisclosureError::new(
            path,
            Some(header.line),
            "invalid header row: expected 'Question ID (machine readable),Response ID (machine readable),Response value,Answer requirement,Human-friendly question label'",
        ));
    }
    let mut warnings = Vec::new();
    let mut types: BTreeMap<String, TypeState> = BTreeMap::new();
    let mut collects_nothing = None;
    let loc = |line: usize| format!("{path}:{line}");
    for r in recs.iter().skip(1) {
        if r.fields.len() < 3 {
            warnings.push(warn(
                "datasafety-short-row",
                format!("row has {} field(s), expected 5; ignored", r.fields.len()),
                loc(r.line),
            ));
            continue;
        }
        let q = r.fields[0].trim();
        let rid = r.fields[1].trim();
        let value = truthy(&r.fields[2]);
        if q == "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA" {
            if value == Some(false) {
                collects_nothing = Some(loc(r.line));
            }
        } else if GENERAL.contains(&q) {
        } else if q.starts_with("PSL_DATA_TYPES_") {
            if !play::is_category(q) {
                warnings.push(warn(
                    "datasafety-unknown-id",
                    format!("unknown question id '{q}'; row ignored"),
                    loc(r.line),
                ));
                continue;
            }
            let Some((key, note)) = normalize_type(rid).filter(|(k, _)| play::is_play_type(k))
            else {
                warnings.push(warn(
                    "datasafety-unknown-id",
                    format!("unknown data type id '{rid}'; row ignored"),
                    loc(r.line),
                ));
                continue;
            };
            if let Some(n) = note {
                warnings.push(warn("datasafety-alias-id", n, loc(r.line)));
            }
            if value == Some(true) {
                types.entry(key).or_default().declared = Some(r.line);
            }
        } else if let Some(rest) = q.strip_prefix("PSL_DATA_USAGE_RESPONSES:") {
            let (ty, question) = rest.split_once(':').unwrap_or((rest, ""));
            let Some((key, _)) = normalize_type(ty).filter(|(k, _)| play::is_play_type(k)) else {
                warnings.push(warn(
                    "datasafety-unknown-id",
                    format!("unknown data type id '{ty}' in '{q}'; row ignored"),
                    loc(r.line),
                ));
                continue;
            };
            let st = types.entry(key).or_default();
            match question {
                "PSL_DATA_USAGE_COLLECTION_AND_SHARING" => match rid {
                    "PSL_DATA_USAGE_ONLY_COLLECTED" => st.collected = value.or(st.collected),
                    "PSL_DATA_USAGE_ONLY_SHARED" => st.shared = value.or(st.shared),
                    "PSL_DATA_USAGE_BOTH_COLLECTED_AND_SHARED" => {
                        warnings.push(warn(
                            "datasafety-alias-id",
                            format!("'{rid}' is not a Play id; read as collected and shared"),
                            loc(r.line),
                        ));
                        if value == Some(true) {
                            st.collected = Some(true);
                            st.shared = Some(true);
                        }
                    }
                    _ => warnings.push(warn(
                        "datasafety-unknown-id",
                        format!("unknown response id '{rid}' for '{q}'; row ignored"),
                        loc(r.line),
                    )),
                },
                "DATA_USAGE_COLLECTION_PURPOSE" | "DATA_USAGE_SHARING_PURPOSE" => {
                    let Some(p) = play::purpose(rid) else {
                        warnings.push(warn(
                            "datasafety-unknown-id",
                            format!("unknown purpose id '{rid}'; row ignored"),
                            loc(r.line),
                        ));
                        continue;
                    };
                    if value == Some(true) {
                        if question == "DATA_USAGE_COLLECTION_PURPOSE" {
                            st.purposes.push(p.to_string());
                        } else {
                            st.shared_purposes.push(p.to_string());
                        }
                    }
                }
                "PSL_DATA_USAGE_EPHEMERAL" | "DATA_USAGE_USER_CONTROL" => {}
                _ => warnings.push(warn(
                    "datasafety-unknown-id",
                    format!("unknown question id '{q}'; row ignored"),
                    loc(r.line),
                )),
            }
        } else {
            warnings.push(warn(
                "datasafety-unknown-id",
                format!("unknown question id '{q}'; row ignored"),
                loc(r.line),
            ));
        }
    }
    let mut d = Disclosure {
        sources: vec![path.to_string()],
        ..Disclosure::default()
    };
    for (key, st) in types {
        let Some(line) = st.declared else {
            continue;
        };
        let shared = st.shared.unwrap_or(false);
        let collected = st.collected.unwrap_or(!shared);
        let (collected, shared) = if collected || shared {
            (collected, shared)
        } else {
            warnings.push(warn(
                "datasafety-incomplete",
                format!("'{key}' is declared but neither collected nor shared is answered; read as collected"),
                loc(line),
            ));
            (true, false)
        };
        d.declarations.push(Declaration {
            key,
            collected,
            shared,
            purposes: st.purposes,
            shared_purposes: st.shared_purposes,
            recipients: Vec::new(),
            basis: Basis::DataSafety,
            evidence: loc(line),
        });
    }
    if let Some(ev) = collects_nothing {
        if d.declarations.is_empty() {
            d.collects_nothing = Some(ev);
        } else {
            warnings.push(warn(
                "datasafety-inconsistent",
                "the form says the app collects no user data but declares data types; the declarations are used".to_string(),
                ev,
            ));
        }
    }
    // A form can only say "not collected" by leaving a type out; that is "undisclosed",
    // never "contradicted", so no `NotCollected` entries come from the CSV.
    Ok((d, warnings))
}
