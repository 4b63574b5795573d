//! A minimal reader for plain text XML found where binary XML belongs (a repackaged or
//! hand-made APK can ship its manifest uncompiled). It keeps elements, attributes and
//! namespaces, ignores text, comments, CDATA and DTDs, and never fails on odd markup beyond
//! what makes the tree unreadable. It is not a conforming XML parser and must never become one.

use std::collections::HashMap;
use std::sync::Arc;

use super::{AttrValue, AxmlError, MAX_DEPTH, XmlAttribute, XmlDocument, XmlElement};
use crate::diag::Diagnostic;

/// True when the bytes start (after a BOM and whitespace) with `<`.
pub(crate) fn looks_like_text(b: &[u8]) -> bool {
    let b = b.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(b);
    b.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b'<')
}

struct Raw {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<XmlElement>,
}

pub(crate) fn parse(bytes: &[u8]) -> Result<XmlDocument, AxmlError> {
    let text = String::from_utf8_lossy(bytes);
    let s = text.as_ref();
    let mut doc = XmlDocument::default();
    doc.anomalies.push(Diagnostic::warning(
        "axml-plain-text",
        "file is plain text XML, not compiled binary XML",
    ));
    let mut prefixes: HashMap<String, Arc<str>> = HashMap::new();
    let mut stack: Vec<Raw> = Vec::new();
    let mut dropped = 0usize;
    let mut root: Option<XmlElement> = None;
    let mut pos = 0usize;
    while let Some(rel) = s.get(pos..).and_then(|r| r.find('<')) {
        let at = pos + rel;
        let rest = s.get(at..).unwrap_or("");
        let skip_to = |end: &str| rest.find(end).map(|e| at + e + end.len());
        let next = if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<!") {
            skip_to(">")
        } else if rest.starts_with("</") {
            let end = skip_to(">");
            if dropped > 0 {
                dropped -= 1;
            } else if let Some(raw) = stack.pop() {
                let el = build(raw, &prefixes);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => {
                        if root.is_none() {
                            root = Some(el);
                        }
                    }
                }
            } else {
                doc.anomalies.push(
                    Diagnostic::warning("axml-unbalanced-end", "end tag without an open element")
                        .at(format!("offset {at:#x}")),
                );
            }
            end
        } else {
            let Some((raw, self_closing, end)) = start_tag(s, at) else {
                return Err(AxmlError::Text {
                    offset: at,
                    what: "unterminated start tag",
                });
            };
            for (k, v) in &raw.attrs {
                if let Some(p) = k.strip_prefix("xmlns:") {
                    let uri: Arc<str> = Arc::from(v.as_str());
                    prefixes.insert(p.to_string(), uri.clone());
                    doc.namespaces.push((Arc::from(p), uri));
                }
            }
            if dropped > 0 || stack.len() >= MAX_DEPTH {
                if !self_closing {
                    dropped += 1;
                }
            } else if self_closing {
                let el = build(raw, &prefixes);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => {
                        if root.is_none() {
                            root = Some(el);
                        }
                    }
                }
            } else {
                stack.push(raw);
            }
            Some(end)
        };
        match next {
            Some(n) if n > pos => pos = n,
            _ => break,
        }
    }
    if !stack.is_empty() {
        doc.anomalies.push(Diagnostic::warning(
            "axml-unclosed-element",
            format!("{} elements never closed", stack.len()),
        ));
    }
    while let Some(raw) = stack.pop() {
        let el = build(raw, &prefixes);
        match stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => {
                if root.is_none() {
                    root = Some(el);
                }
            }
        }
    }
    doc.root = root.ok_or(AxmlError::NoRootElement)?;
    Ok(doc)
}

/// Reads `<name attr="v" ...>` starting at `at`; returns the tag, whether it was `/>`, and the
/// offset after it.
fn start_tag(s: &str, at: usize) -> Option<(Raw, bool, usize)> {
    let b = s.as_bytes();
    let mut i = at + 1;
    let name_start = i;
    while i < b.len() && !b.get(i)?.is_ascii_whitespace() && !matches!(b.get(i)?, b'/' | b'>') {
        i += 1;
    }
    let name = s.get(name_start..i)?.to_string();
    let mut attrs = Vec::new();
    loop {
        while b.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((raw(name, attrs), false, i + 1)),
            b'/' => {
                if b.get(i + 1)? == &b'>' {
                    return Some((raw(name, attrs), true, i + 2));
                }
                i += 1;
            }
            _ => {
                let k_start = i;
                while !b.get(i)?.is_ascii_whitespace() && !matches!(b.get(i)?, b'=' | b'>' | b'/') {
                    i += 1;
                }
                let key = s.get(k_start..i)?.to_string();
                while b.get(i)?.is_ascii_whitespace() {
                    i += 1;
                }
                if b.get(i)? != &b'=' {
                    attrs.push((key, String::new()));
                    continue;
                }
                i += 1;
                while b.get(i)?.is_ascii_whitespace() {
                    i += 1;
                }
                let quote = *b.get(i)?;
                if quote != b'"' && quote != b'\'' {
                    return None;
                }
                let v_start = i + 1;
                let v_len = s.get(v_start..)?.find(char::from(quote))?;
                attrs.push((key, unescape(s.get(v_start..v_start + v_len)?)));
                i = v_start + v_len + 1;
            }
        }
    }
}

fn raw(name: String, attrs: Vec<(String, String)>) -> Raw {
    Raw {
        name,
        attrs,
        children: Vec::new(),
    }
}

fn split_name(qname: &str, prefixes: &HashMap<String, Arc<str>>) -> (Option<Arc<str>>, Arc<str>) {
    match qname.split_once(':') {
        Some((p, local)) => (prefixes.get(p).cloned(), Arc::from(local)),
        None => (None, Arc::from(qname)),
    }
}

fn build(raw: Raw, prefixes: &HashMap<String, Arc<str>>) -> XmlElement {
    let (namespace, name) = split_name(&raw.name, prefixes);
    let attributes = raw
        .attrs
        .into_iter()
        .filter(|(k, _)| k != "xmlns" && !k.starts_with("xmlns:"))
        .map(|(k, v)| {
            let (namespace, name) = split_name(&k, prefixes);
            XmlAttribute {
                namespace,
                name,
                resource_id: None,
                value: AttrValue::String(Arc::from(v)),
            }
        })
        .collect();
    XmlElement {
        namespace,
        name,
        attributes,
        children: raw.children,
    }
}

fn unescape(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        let Some(semi) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = tail.get(1..semi).unwrap_or("");
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e => e
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => out.push(c),
            None => out.push_str(tail.get(..=semi).unwrap_or("")),
        }
        rest = tail.get(semi + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}
