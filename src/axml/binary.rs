//! The chunk walker for Android binary XML (`ResXMLTree` in AOSP's ResourceTypes.cpp).
//!
//! Every size and offset read from the file is checked against the bytes that are really there
//! before it is used; counts are never trusted for allocation. Where Android itself would
//! tolerate an oddity (a lying string count, an unknown chunk, an empty attribute name that the
//! resource map resolves), this walker tolerates it too and records an anomaly, because malware
//! uses exactly these tricks to break analysis tools while still installing.

use std::sync::Arc;

use super::{
    AttrValue, AxmlError, MAX_DEPTH, XmlAttribute, XmlDocument, XmlElement, android_attr_name,
};
use crate::diag::Diagnostic;

const RES_NULL_TYPE: u16 = 0x0000;
const RES_STRING_POOL_TYPE: u16 = 0x0001;
const RES_XML_TYPE: u16 = 0x0003;
const RES_XML_START_NAMESPACE_TYPE: u16 = 0x0100;
const RES_XML_END_NAMESPACE_TYPE: u16 = 0x0101;
const RES_XML_START_ELEMENT_TYPE: u16 = 0x0102;
const RES_XML_END_ELEMENT_TYPE: u16 = 0x0103;
const RES_XML_CDATA_TYPE: u16 = 0x0104;
const RES_XML_RESOURCE_MAP_TYPE: u16 = 0x0180;

const STRING_POOL_UTF8_FLAG: u32 = 0x100;
const NO_INDEX: u32 = 0xffff_ffff;
/// `ResXMLTree_attribute`: ns, name, rawValue, Res_value (size, res0, dataType, data)
const ATTRIBUTE_SIZE: usize = 20;

pub(crate) fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    let s: [u8; 2] = b.get(off..off.checked_add(2)?)?.try_into().ok()?;
    Some(u16::from_le_bytes(s))
}

pub(crate) fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(off..off.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(s))
}

/// A chunk header (`ResChunk_header`) whose sizes were checked against the enclosing bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Chunk {
    pub kind: u16,
    /// offset of the chunk in the enclosing buffer
    pub start: usize,
    pub header_size: usize,
    /// total chunk size, `start + size <= end`
    pub size: usize,
}

/// Reads the chunk header at `off`; `end` is where the enclosing chunk or file ends.
pub(crate) fn read_chunk(b: &[u8], off: usize, end: usize) -> Result<Chunk, AxmlError> {
    let (Some(kind), Some(header_size), Some(size)) =
        (u16_at(b, off), u16_at(b, off + 2), u32_at(b, off + 4))
    else {
        return Err(AxmlError::Truncated {
            offset: off,
            what: "chunk header needs 8 bytes",
        });
    };
    let header_size = usize::from(header_size);
    let size = size as usize;
    if header_size < 8 {
        return Err(AxmlError::Malformed {
            offset: off,
            what: "chunk header size below 8",
        });
    }
    if size < header_size {
        return Err(AxmlError::Malformed {
            offset: off,
            what: "chunk size smaller than its header",
        });
    }
    if off.checked_add(size).is_none_or(|e| e > end) {
        return Err(AxmlError::Malformed {
            offset: off,
            what: "chunk extends past its parent",
        });
    }
    Ok(Chunk {
        kind,
        start: off,
        header_size,
        size,
    })
}

/// A string pool over borrowed bytes; strings are decoded on first use.
pub(crate) struct StringPool<'a> {
    /// the pool chunk's bytes
    chunk: &'a [u8],
    count: usize,
    offsets_at: usize,
    strings_at: usize,
    utf8: bool,
    cache: Vec<Option<Option<Arc<str>>>>,
}

impl<'a> StringPool<'a> {
    pub(crate) fn empty() -> StringPool<'static> {
        StringPool {
            chunk: &[],
            count: 0,
            offsets_at: 0,
            strings_at: 0,
            utf8: false,
            cache: Vec::new(),
        }
    }

    /// `chunk` is exactly the pool chunk (already bounds-checked), `header_size` its header.
    pub(crate) fn new(
        chunk: &'a [u8],
        header_size: usize,
        base: usize,
        anomalies: &mut Vec<Diagnostic>,
    ) -> Result<Self, AxmlError> {
        let (Some(count), Some(_styles), Some(flags), Some(strings_start)) = (
            u32_at(chunk, 8),
            u32_at(chunk, 12),
            u32_at(chunk, 16),
            u32_at(chunk, 20),
        ) else {
            return Err(AxmlError::Truncated {
                offset: base,
                what: "string pool header needs 28 bytes",
            });
        };
        if header_size < 28 {
            return Err(AxmlError::Malformed {
                offset: base,
                what: "string pool header size below 28",
            });
        }
        let strings_at = strings_start as usize;
        // The offsets array sits between the header and the string data; a count that does
        // not fit there is a lie, and only what fits is used.
        let room_end = if strings_at > header_size && strings_at <= chunk.len() {
            strings_at
        } else {
            chunk.len()
        };
        let room = room_end.saturating_sub(header_size) / 4;
        let mut count = count as usize;
        if count > room {
            anomalies.push(
                Diagnostic::warning(
                    "axml-string-count-lie",
                    format!("string pool claims {count} strings but has room for {room}"),
                )
                .at(format!("offset {base:#x}")),
            );
            count = room;
        }
        if count > 0 && strings_at >= chunk.len() {
            anomalies.push(
                Diagnostic::warning(
                    "axml-string-data-out-of-bounds",
                    format!("string data offset {strings_at:#x} is past the pool end"),
                )
                .at(format!("offset {base:#x}")),
            );
        }
        Ok(StringPool {
            chunk,
            count,
            offsets_at: header_size,
            strings_at,
            utf8: flags & STRING_POOL_UTF8_FLAG != 0,
            cache: vec![None; count],
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// The string at `idx`, or `None` when the index or the string's bytes are out of bounds.
    pub(crate) fn get(&mut self, idx: u32) -> Option<Arc<str>> {
        let i = idx as usize;
        if let Some(Some(cached)) = self.cache.get(i) {
            return cached.clone();
        }
        if i >= self.count {
            return None;
        }
        let decoded = self.decode(i).map(Arc::from);
        if let Some(slot) = self.cache.get_mut(i) {
            *slot = Some(decoded.clone());
        }
        decoded
    }

    fn decode(&self, i: usize) -> Option<String> {
        let rel = u32_at(self.chunk, self.offsets_at.checked_add(i.checked_mul(4)?)?)? as usize;
        let at = self.strings_at.checked_add(rel)?;
        if self.utf8 {
            // UTF-16 length (skipped), then UTF-8 byte length, each 1 or 2 bytes
            let (_, n1) = utf8_len(self.chunk, at)?;
            let (len, n2) = utf8_len(self.chunk, at.checked_add(n1)?)?;
            let from = at.checked_add(n1 + n2)?;
            let bytes = self.chunk.get(from..from.checked_add(len)?)?;
            Some(String::from_utf8_lossy(bytes).into_owned())
        } else {
            let first = u16_at(self.chunk, at)?;
            let (len, n) = if first & 0x8000 != 0 {
                let second = u16_at(self.chunk, at.checked_add(2)?)?;
                (
                    ((usize::from(first) & 0x7fff) << 16) | usize::from(second),
                    4,
                )
            } else {
                (usize::from(first), 2)
            };
            let from = at.checked_add(n)?;
            let bytes = self
                .chunk
                .get(from..from.checked_add(len.checked_mul(2)?)?)?;
            let units = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes(c.try_into().unwrap_or([0; 2])));
            Some(
                char::decode_utf16(units)
                    .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect(),
            )
        }
    }
}

fn utf8_len(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let b0 = *b.get(at)?;
    if b0 & 0x80 != 0 {
        let b1 = *b.get(at.checked_add(1)?)?;
        Some(((usize::from(b0 & 0x7f) << 8) | usize::from(b1), 2))
    } else {
        Some((usize::from(b0), 1))
    }
}

/// Typed value (`Res_value`) to `AttrValue`.
pub(crate) fn typed_value(data_type: u8, data: u32, strings: &mut StringPool<'_>) -> AttrValue {
    match data_type {
        0x01 | 0x07 => AttrValue::Reference(data),
        0x02 | 0x08 => AttrValue::Attribute(data),
        0x03 => match strings.get(data) {
            Some(s) => AttrValue::String(s),
            None => AttrValue::Other(data_type, data),
        },
        0x04 => AttrValue::Float(f32::from_bits(data)),
        0x10 => AttrValue::Int(i64::from(data as i32)),
        0x11 => AttrValue::Int(i64::from(data)),
        0x12 => AttrValue::Bool(data != 0),
        _ => AttrValue::Other(data_type, data),
    }
}

struct Walker<'a> {
    b: &'a [u8],
    strings: StringPool<'a>,
    have_pool: bool,
    resource_map: Vec<u32>,
    stack: Vec<XmlElement>,
    /// elements opened past `MAX_DEPTH`, dropped but counted so their end tags match up
    dropped_depth: usize,
    root: Option<XmlElement>,
    doc: XmlDocument,
}

pub(crate) fn parse(b: &[u8]) -> Result<XmlDocument, AxmlError> {
    let mut anomalies = Vec::new();
    // The file header: Android reads its sizes but not its type, so a wrong type is tolerated.
    let (Some(kind), Some(header_size), Some(size)) = (u16_at(b, 0), u16_at(b, 2), u32_at(b, 4))
    else {
        return Err(AxmlError::Truncated {
            offset: 0,
            what: "file header needs 8 bytes",
        });
    };
    let header_size = usize::from(header_size);
    if kind != RES_XML_TYPE {
        anomalies.push(Diagnostic::warning(
            "axml-bad-file-type",
            format!("file chunk type is {kind:#06x}, not RES_XML_TYPE 0x0003"),
        ));
    }
    if header_size < 8 || header_size > b.len() {
        return Err(AxmlError::Malformed {
            offset: 0,
            what: "file header size out of range",
        });
    }
    let mut end = size as usize;
    if end > b.len() || end < header_size {
        anomalies.push(Diagnostic::warning(
            "axml-bad-file-size",
            format!("file header says {end} bytes, file has {}", b.len()),
        ));
        end = b.len();
    } else if end < b.len() {
        anomalies.push(Diagnostic::info(
            "axml-trailing-bytes",
            format!("{} bytes after the declared end of the XML", b.len() - end),
        ));
    }
    let mut w = Walker {
        b,
        strings: StringPool::empty(),
        have_pool: false,
        resource_map: Vec::new(),
        stack: Vec::new(),
        dropped_depth: 0,
        root: None,
        doc: XmlDocument {
            anomalies,
            ..XmlDocument::default()
        },
    };
    let mut off = header_size;
    while off < end {
        let chunk = match read_chunk(b, off, end) {
            Ok(c) => c,
            Err(e) => {
                // Without a trustworthy size the next chunk cannot be found: stop here.
                w.anomaly("axml-bad-chunk", format!("{e}; rest of file ignored"), off);
                break;
            }
        };
        w.chunk(chunk)?;
        off += chunk.size;
    }
    w.finish()
}

impl<'a> Walker<'a> {
    fn anomaly(&mut self, code: &'static str, message: String, offset: usize) {
        self.doc
            .anomalies
            .push(Diagnostic::warning(code, message).at(format!("offset {offset:#x}")));
    }

    fn chunk(&mut self, c: Chunk) -> Result<(), AxmlError> {
        let body = self.b.get(c.start..c.start + c.size).unwrap_or(&[]);
        match c.kind {
            RES_STRING_POOL_TYPE => {
                if self.have_pool {
                    self.anomaly(
                        "axml-extra-string-pool",
                        "second string pool ignored".into(),
                        c.start,
                    );
                } else {
                    self.strings =
                        StringPool::new(body, c.header_size, c.start, &mut self.doc.anomalies)?;
                    self.have_pool = true;
                }
            }
            RES_XML_RESOURCE_MAP_TYPE => {
                if self.resource_map.is_empty() {
                    let ids = body.get(c.header_size..).unwrap_or(&[]);
                    self.resource_map = ids
                        .chunks_exact(4)
                        .map(|s| u32::from_le_bytes(s.try_into().unwrap_or([0; 4])))
                        .collect();
                } else {
                    self.anomaly(
                        "axml-extra-resource-map",
                        "second resource map ignored".into(),
                        c.start,
                    );
                }
            }
            RES_XML_START_NAMESPACE_TYPE => {
                if let (Some(p), Some(u)) =
                    (u32_at(body, c.header_size), u32_at(body, c.header_size + 4))
                {
                    let prefix = self.strings.get(p).unwrap_or_else(|| Arc::from(""));
                    match self.strings.get(u) {
                        Some(uri) => self.doc.namespaces.push((prefix, uri)),
                        None => self.anomaly(
                            "axml-bad-string-ref",
                            format!("namespace URI string {u} does not exist"),
                            c.start,
                        ),
                    }
                } else {
                    self.anomaly(
                        "axml-short-chunk",
                        "namespace chunk too short".into(),
                        c.start,
                    );
                }
            }
            RES_XML_END_NAMESPACE_TYPE | RES_XML_CDATA_TYPE => {}
            RES_XML_START_ELEMENT_TYPE => self.start_element(c, body),
            RES_XML_END_ELEMENT_TYPE => self.end_element(c.start),
            RES_NULL_TYPE | _ => self.anomaly(
                "axml-unknown-chunk",
                format!("chunk type {:#06x} skipped", c.kind),
                c.start,
            ),
        }
        Ok(())
    }

    fn string_or_anomaly(&mut self, idx: u32, what: &str, at: usize) -> Option<Arc<str>> {
        if idx == NO_INDEX {
            return None;
        }
        let s = self.strings.get(idx);
        if s.is_none() {
            self.anomaly(
                "axml-bad-string-ref",
                format!(
                    "{what} string {idx} does not exist (pool has {})",
                    self.strings.len()
                ),
                at,
            );
        }
        s
    }

    fn start_element(&mut self, c: Chunk, body: &[u8]) {
        let ext = c.header_size;
        let fields = (
            u32_at(body, ext),
            u32_at(body, ext + 4),
            u16_at(body, ext + 8),
            u16_at(body, ext + 10),
            u16_at(body, ext + 12),
        );
        let (Some(ns), Some(name), Some(attr_start), Some(attr_size), Some(attr_count)) = fields
        else {
            self.anomaly(
                "axml-short-chunk",
                "start element chunk too short".into(),
                c.start,
            );
            // still counts as an open element, so its end tag does not close the parent
            self.open(XmlElement::default(), c.start);
            return;
        };
        let namespace = self.string_or_anomaly(ns, "element namespace", c.start);
        let name = self
            .string_or_anomaly(name, "element name", c.start)
            .unwrap_or_else(|| Arc::from(""));
        let mut stride = usize::from(attr_size);
        if stride < ATTRIBUTE_SIZE {
            // Android would read overlapping attributes; a stride of 0 would turn a 36-byte
            // chunk into 65535 attributes, so the stride is raised to the real record size.
            self.anomaly(
                "axml-attribute-size",
                format!("attribute size {stride} below {ATTRIBUTE_SIZE}"),
                c.start,
            );
            stride = ATTRIBUTE_SIZE;
        }
        let first = ext + usize::from(attr_start);
        let count = usize::from(attr_count);
        let mut attributes = Vec::with_capacity(count.min(body.len() / ATTRIBUTE_SIZE));
        for i in 0..count {
            let at = stride.saturating_mul(i).saturating_add(first);
            let rec = body
                .get(at..)
                .and_then(|r| r.get(..ATTRIBUTE_SIZE))
                .unwrap_or(&[]);
            let (Some(a_ns), Some(a_name), Some(raw), Some(data_type), Some(data)) = (
                u32_at(rec, 0),
                u32_at(rec, 4),
                u32_at(rec, 8),
                rec.get(15).copied(),
                u32_at(rec, 16),
            ) else {
                self.anomaly(
                    "axml-attribute-out-of-bounds",
                    format!("attribute {i} of {count} lies past the chunk end"),
                    c.start,
                );
                break;
            };
            attributes.push(self.attribute(a_ns, a_name, raw, data_type, data, c.start));
        }
        self.open(
            XmlElement {
                namespace,
                name,
                attributes,
                children: Vec::new(),
            },
            c.start,
        );
    }

    fn attribute(
        &mut self,
        ns: u32,
        name_idx: u32,
        raw: u32,
        data_type: u8,
        data: u32,
        at: usize,
    ) -> XmlAttribute {
        let namespace = self.string_or_anomaly(ns, "attribute namespace", at);
        let resource_id = self
            .resource_map
            .get(name_idx as usize)
            .copied()
            .filter(|&id| id != 0);
        let pool_name = self.strings.get(name_idx);
        // Android looks attributes up by resource id; the pool string is only a label.
        let name: Arc<str> = match (resource_id.and_then(android_attr_name), pool_name) {
            (Some(known), Some(pool)) => {
                if *pool != *known {
                    self.anomaly(
                        "axml-attribute-name-mismatch",
                        format!("attribute named {pool:?} in the pool has the id of {known:?}"),
                        at,
                    );
                }
                Arc::from(known)
            }
            (Some(known), None) => Arc::from(known),
            (None, Some(pool)) => pool,
            (None, None) => {
                self.anomaly(
                    "axml-bad-string-ref",
                    format!("attribute name string {name_idx} does not exist"),
                    at,
                );
                Arc::from("")
            }
        };
        if name.is_empty() {
            self.anomaly(
                "axml-empty-attribute-name",
                "attribute with an empty name and no known resource id".into(),
                at,
            );
        }
        let value = if data_type == 0x03 && self.strings.get(data).is_none() {
            // a broken typed string: fall back to the raw string, as aapt prints it
            match self.strings.get(raw) {
                Some(s) if raw != NO_INDEX => AttrValue::String(s),
                _ => {
                    self.anomaly(
                        "axml-bad-string-ref",
                        format!("attribute value string {data} does not exist"),
                        at,
                    );
                    AttrValue::Other(data_type, data)
                }
            }
        } else if data_type == 0x00 && raw != NO_INDEX {
            match self.strings.get(raw) {
                Some(s) => AttrValue::String(s),
                None => AttrValue::Other(data_type, data),
            }
        } else {
            typed_value(data_type, data, &mut self.strings)
        };
        XmlAttribute {
            namespace,
            name,
            resource_id,
            value,
        }
    }

    fn open(&mut self, el: XmlElement, at: usize) {
        if self.dropped_depth > 0 || self.stack.len() >= MAX_DEPTH {
            if self.dropped_depth == 0 {
                self.anomaly(
                    "axml-too-deep",
                    format!("elements nested deeper than {MAX_DEPTH} dropped"),
                    at,
                );
            }
            self.dropped_depth += 1;
            return;
        }
        if self.stack.is_empty() && self.root.is_some() {
            self.anomaly(
                "axml-extra-root",
                format!("second top-level element <{}> ignored", el.name),
                at,
            );
            // kept on the stack so its children nest correctly, dropped when it closes
        }
        self.stack.push(el);
    }

    fn end_element(&mut self, at: usize) {
        if self.dropped_depth > 0 {
            self.dropped_depth -= 1;
            return;
        }
        let Some(el) = self.stack.pop() else {
            self.anomaly(
                "axml-unbalanced-end",
                "end tag without an open element".into(),
                at,
            );
            return;
        };
        self.close(el);
    }

    fn close(&mut self, el: XmlElement) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => {
                if self.root.is_none() {
                    self.root = Some(el);
                }
            }
        }
    }

    fn finish(mut self) -> Result<XmlDocument, AxmlError> {
        if !self.stack.is_empty() || self.dropped_depth > 0 {
            self.doc.anomalies.push(Diagnostic::warning(
                "axml-unclosed-element",
                format!(
                    "{} elements never closed",
                    self.stack.len() + self.dropped_depth
                ),
            ));
        }
        while let Some(el) = self.stack.pop() {
            self.close(el);
        }
        self.doc.root = self.root.ok_or(AxmlError::NoRootElement)?;
        Ok(self.doc)
    }
}
