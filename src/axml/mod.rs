//! Android binary XML (AXML) and aapt2's protobuf XML (in `.aab`), decoded into one element tree.
//!
//! Contract: `parse(bytes) -> Result<XmlDocument, AxmlError>` for binary XML and
//! `proto::parse(bytes)` for protobuf XML produce the same `XmlDocument`.
//!
//! The input is attacker-controlled (malware bends the format to break tools while Android
//! still installs it): decoding must never panic, never trust a size or count it has not
//! checked against the bytes, and never give up on a file Android would accept. Oddities
//! become `anomalies`; only an unreadable file is an `AxmlError`.

use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum AttrValue {
    String(Arc<str>),
    /// `@0x7f...` resource reference (resolve through resources.arsc where needed)
    Reference(u32),
    /// `?0x7f...` theme attribute reference
    Attribute(u32),
    Bool(bool),
    Int(i64),
    Float(f32),
    /// any other typed value: (data type, raw data)
    Other(u8, u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct XmlAttribute {
    /// namespace URI, e.g. `http://schemas.android.com/apk/res/android`
    pub namespace: Option<Arc<str>>,
    pub name: Arc<str>,
    /// Android attribute resource id from the resource map (0x0101xxxx), when present
    pub resource_id: Option<u32>,
    pub value: AttrValue,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct XmlElement {
    pub namespace: Option<Arc<str>>,
    pub name: Arc<str>,
    pub attributes: Vec<XmlAttribute>,
    pub children: Vec<XmlElement>,
}

mod attr_names;
pub(crate) mod binary;
pub mod proto;
mod text;

use crate::diag::Diagnostic;

/// The XML namespace URI of `android:` attributes.
pub const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";

/// Deepest element nesting kept; deeper elements are dropped with an anomaly (a real manifest
/// or layout is a few levels deep, a hostile one can nest until the stack overflows).
pub const MAX_DEPTH: usize = 256;

/// One decoded XML file: its root element and what looked wrong while decoding it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct XmlDocument {
    pub root: XmlElement,
    /// namespace declarations `(prefix, uri)` in document order
    pub namespaces: Vec<(Arc<str>, Arc<str>)>,
    pub anomalies: Vec<Diagnostic>,
}

/// Why a file could not be decoded at all. Anything less severe is an anomaly in the document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AxmlError {
    #[error("binary XML truncated at offset {offset:#x}: {what}")]
    Truncated { offset: usize, what: &'static str },
    #[error("malformed binary XML at offset {offset:#x}: {what}")]
    Malformed { offset: usize, what: &'static str },
    #[error("malformed protobuf XML at offset {offset:#x}: {what}")]
    Proto { offset: usize, what: &'static str },
    #[error("malformed text XML at offset {offset:#x}: {what}")]
    Text { offset: usize, what: &'static str },
    #[error("no root element")]
    NoRootElement,
}

/// Decodes Android binary XML (`AndroidManifest.xml`, layouts inside an APK). A file that is
/// plain text XML is decoded by a minimal text parser and flagged with an anomaly.
pub fn parse(bytes: &[u8]) -> Result<XmlDocument, AxmlError> {
    if text::looks_like_text(bytes) {
        return text::parse(bytes);
    }
    binary::parse(bytes)
}

/// Decodes XML in whichever form it is: binary XML (APK), protobuf XML (AAB module), or plain
/// text. Binary XML starts with chunk type 0x0003, a protobuf `XmlNode` with field 1 (0x0a).
pub fn parse_any(bytes: &[u8]) -> Result<XmlDocument, AxmlError> {
    match bytes.first() {
        Some(0x0a) => proto::parse(bytes),
        _ => parse(bytes),
    }
}

/// The name of a public `android:` attribute resource id (`0x01010003` -> `name`).
pub fn android_attr_name(resource_id: u32) -> Option<&'static str> {
    let attrs = attr_names::android_attrs();
    attrs
        .binary_search_by_key(&resource_id, |&(id, _)| id)
        .ok()
        .and_then(|i| attrs.get(i))
        .map(|&(_, name)| name)
}

/// The resource id of a public `android:` attribute name (`name` -> `0x01010003`).
pub fn android_attr_id(name: &str) -> Option<u32> {
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<&'static str, u32>> =
        std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            attr_names::android_attrs()
                .iter()
                .map(|&(id, n)| (n, id))
                .collect()
        })
        .get(name)
        .copied()
}

impl AttrValue {
    /// The value as text, the way a manifest reader wants it: strings as is, numbers in
    /// decimal, booleans as `true`/`false`, references as `@0x7f...`.
    pub fn to_text(&self) -> String {
        match self {
            AttrValue::String(s) => s.to_string(),
            AttrValue::Reference(id) => format!("@{id:#010x}"),
            AttrValue::Attribute(id) => format!("?{id:#010x}"),
            AttrValue::Bool(b) => b.to_string(),
            AttrValue::Int(i) => i.to_string(),
            AttrValue::Float(f) => f.to_string(),
            AttrValue::Other(t, d) => format!("(type {t:#x}){d:#x}"),
        }
    }

    /// A boolean reading: `Bool`, a non-zero `Int`, or the strings `true`/`false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            AttrValue::Bool(b) => Some(*b),
            AttrValue::Int(i) => Some(*i != 0),
            AttrValue::String(s) => match s.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// An integer reading: `Int`, or a string holding a decimal or `0x` hex number.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            AttrValue::Int(i) => Some(*i),
            AttrValue::String(s) => {
                let s = s.trim();
                match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                    Some(hex) => i64::from_str_radix(hex, 16).ok(),
                    None => s.parse().ok(),
                }
            }
            _ => None,
        }
    }
}

impl XmlElement {
    /// The `android:NAME` attribute: matched by its Android resource id when it has one (as
    /// Android does), else by name in the android namespace.
    pub fn android_attr(&self, name: &str) -> Option<&XmlAttribute> {
        let id = android_attr_id(name);
        if let Some(id) = id
            && let Some(a) = self.attributes.iter().find(|a| a.resource_id == Some(id))
        {
            return Some(a);
        }
        self.attributes.iter().find(|a| {
            a.resource_id.is_none()
                && a.namespace.as_deref() == Some(ANDROID_NS)
                && &*a.name == name
        })
    }

    /// An attribute without namespace (e.g. `package` on `<manifest>`).
    pub fn plain_attr(&self, name: &str) -> Option<&XmlAttribute> {
        self.attributes
            .iter()
            .find(|a| a.namespace.is_none() && a.resource_id.is_none() && &*a.name == name)
    }

    /// Child elements with this name, in document order.
    pub fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| &*c.name == name)
    }
}

/// Every anomaly code the XML decoders emit, with what it means (for `dexflow explain`).
pub const ANOMALY_CODES: &[(&str, &str)] = &[
    (
        "axml-attribute-name-mismatch",
        "an attribute's pool string differs from the name of its resource id; Android uses the id",
    ),
    (
        "axml-attribute-out-of-bounds",
        "an element declares more attributes than its chunk holds; the rest are dropped",
    ),
    (
        "axml-attribute-size",
        "an element's attribute record size is below 20 bytes; 20 is used",
    ),
    (
        "axml-bad-chunk",
        "a chunk header has impossible sizes; the rest of the file is ignored",
    ),
    (
        "axml-bad-file-size",
        "the file header's size disagrees with the file length",
    ),
    (
        "axml-bad-file-type",
        "the file header's chunk type is not RES_XML_TYPE (Android does not check it)",
    ),
    (
        "axml-bad-string-ref",
        "a string index points outside the string pool",
    ),
    (
        "axml-empty-attribute-name",
        "an attribute has an empty name and no known resource id",
    ),
    (
        "axml-extra-resource-map",
        "a second resource map chunk, ignored",
    ),
    ("axml-extra-root", "a second top-level element, ignored"),
    (
        "axml-extra-string-pool",
        "a second string pool chunk, ignored",
    ),
    (
        "axml-plain-text",
        "the file is uncompiled text XML where binary XML belongs",
    ),
    (
        "axml-short-chunk",
        "a node chunk is too short for its fields",
    ),
    (
        "axml-string-count-lie",
        "the string pool claims more strings than it has room for; the count is clamped",
    ),
    (
        "axml-string-data-out-of-bounds",
        "the string pool's data offset is past its end",
    ),
    (
        "axml-string-out-of-bounds",
        "strings in use have offsets or lengths past the string pool",
    ),
    (
        "axml-too-deep",
        "elements nested deeper than MAX_DEPTH were dropped",
    ),
    (
        "axml-trailing-bytes",
        "bytes after the declared end of the XML",
    ),
    ("axml-unbalanced-end", "an end tag without an open element"),
    (
        "axml-unclosed-element",
        "elements still open at the end of the file",
    ),
    ("axml-unknown-chunk", "a chunk of an unknown type, skipped"),
];
