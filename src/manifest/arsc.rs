//! `resources.arsc` (the compiled resource table), read only as far as the analysis needs:
//! simple (non-bag) values, preferring the default configuration, so that `@string/app_name`
//! in the manifest and `@bool/...` flags can be shown as their values.
//!
//! Same rules as the XML walker: every chunk size and entry offset is checked against the
//! bytes present, counts never size an allocation, and a broken package or type chunk is
//! skipped rather than failing the whole table.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::axml::AxmlError;
use crate::axml::binary::{StringPool, read_chunk, u16_at, u32_at};
use crate::axml::proto::{Field, Fields, value_string};

const RES_STRING_POOL_TYPE: u16 = 0x0001;
const RES_TABLE_TYPE: u16 = 0x0002;
const RES_TABLE_PACKAGE_TYPE: u16 = 0x0200;
const RES_TABLE_TYPE_TYPE: u16 = 0x0201;

const FLAG_SPARSE: u8 = 0x01;
const FLAG_OFFSET16: u8 = 0x02;
const ENTRY_FLAG_COMPLEX: u16 = 0x0001;
const ENTRY_FLAG_COMPACT: u16 = 0x0008;
/// How many `@ref -> @ref` hops `resolve_string` follows before giving up (cycles).
const MAX_REFERENCE_HOPS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
enum Value {
    String(Arc<str>),
    Reference(u32),
    Other,
}

/// Simple resource values by resource id, default configuration preferred.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    /// resource id -> (from the default configuration, value)
    values: FxHashMap<u32, (bool, Value)>,
}

impl Resources {
    /// The string value of a resource in the default configuration (or, when the default
    /// has none, the first configuration that does), following references.
    pub fn resolve_string(&self, res_id: u32) -> Option<String> {
        let mut id = res_id;
        for _ in 0..MAX_REFERENCE_HOPS {
            match &self.values.get(&id)?.1 {
                Value::String(s) => return Some(s.to_string()),
                Value::Reference(next) => id = *next,
                Value::Other => return None,
            }
        }
        None
    }

    /// How many simple values the table holds.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// A table of default-configuration strings by resource id, for building analyses and
    /// tests without a compiled `resources.arsc`.
    pub fn from_strings<S: Into<Arc<str>>>(strings: impl IntoIterator<Item = (u32, S)>) -> Self {
        Resources {
            values: strings
                .into_iter()
                .map(|(id, s)| (id, (true, Value::String(s.into()))))
                .collect(),
        }
    }
}

/// Parses `resources.arsc`. Only a file whose outer chunk is unreadable is an error.
pub fn parse_arsc(b: &[u8]) -> Result<Resources, AxmlError> {
    let table = read_chunk(b, 0, b.len())?;
    if table.kind != RES_TABLE_TYPE {
        return Err(AxmlError::Malformed {
            offset: 0,
            what: "not a resource table (type is not 0x0002)",
        });
    }
    let mut res = Resources::default();
    let mut anomalies = Vec::new();
    let mut strings: Option<StringPool<'_>> = None;
    let end = table.size;
    let mut off = table.header_size;
    while off < end {
        let Ok(c) = read_chunk(b, off, end) else {
            break;
        };
        let body = b.get(c.start..c.start + c.size).unwrap_or(&[]);
        match c.kind {
            RES_STRING_POOL_TYPE if strings.is_none() => {
                strings = StringPool::new(body, c.header_size, c.start, &mut anomalies).ok();
            }
            RES_TABLE_PACKAGE_TYPE => {
                if let Some(pool) = strings.as_mut() {
                    package(body, c.header_size, pool, &mut res);
                }
            }
            _ => {}
        }
        off += c.size;
    }
    Ok(res)
}

fn package(p: &[u8], header_size: usize, strings: &mut StringPool<'_>, res: &mut Resources) {
    let Some(pkg_id) = u32_at(p, 8) else { return };
    let mut off = header_size;
    while off < p.len() {
        let Ok(c) = read_chunk(p, off, p.len()) else {
            break;
        };
        if c.kind == RES_TABLE_TYPE_TYPE
            && let Some(t) = p.get(c.start..c.start + c.size)
        {
            type_chunk(t, c.header_size, pkg_id, strings, res);
        }
        off += c.size;
    }
}

fn type_chunk(
    t: &[u8],
    header_size: usize,
    pkg_id: u32,
    strings: &mut StringPool<'_>,
    res: &mut Resources,
) {
    let (Some(&type_id), Some(&flags), Some(entry_count), Some(entries_start), Some(config_size)) = (
        t.get(8),
        t.get(9),
        u32_at(t, 12),
        u32_at(t, 16),
        u32_at(t, 20),
    ) else {
        return;
    };
    // The default configuration is all zeros after its size field.
    let config_end = 20usize
        .saturating_add(config_size as usize)
        .min(header_size);
    let is_default = t
        .get(24..config_end.max(24))
        .is_some_and(|c| c.iter().all(|&x| x == 0));
    let entries_at = entries_start as usize;
    let entry_count = entry_count as usize;
    let base = (pkg_id & 0xff) << 24 | u32::from(type_id) << 16;
    // (entry index, offset from entries_at); the index array is read lazily, so a lying
    // count only costs reads that fail.
    let mut visit = |index: usize, rel: usize| {
        let Some(at) = entries_at.checked_add(rel) else {
            return;
        };
        let Some(value) = entry(t, at, strings) else {
            return;
        };
        let id = base | (index as u32 & 0xffff);
        let slot = res.values.get(&id);
        if slot.is_none() || (is_default && slot.is_some_and(|(d, _)| !d)) {
            res.values.insert(id, (is_default, value));
        }
    };
    for i in 0..entry_count.min(0x1_0000) {
        if flags & FLAG_SPARSE != 0 {
            let Some(at) = header_size.checked_add(i * 4) else {
                break;
            };
            let (Some(idx), Some(off4)) = (u16_at(t, at), u16_at(t, at + 2)) else {
                break;
            };
            visit(usize::from(idx), usize::from(off4) * 4);
        } else if flags & FLAG_OFFSET16 != 0 {
            let Some(off4) = u16_at(t, header_size + i * 2) else {
                break;
            };
            if off4 != 0xffff {
                visit(i, usize::from(off4) * 4);
            }
        } else {
            let Some(rel) = u32_at(t, header_size + i * 4) else {
                break;
            };
            if rel != 0xffff_ffff {
                visit(i, rel as usize);
            }
        }
    }
}

/// One `ResTable_entry`: its simple value, `None` for bags and unreadable entries.
fn entry(t: &[u8], at: usize, strings: &mut StringPool<'_>) -> Option<Value> {
    let size = u16_at(t, at)?;
    let flags = u16_at(t, at.checked_add(2)?)?;
    let (data_type, data) = if flags & ENTRY_FLAG_COMPACT != 0 {
        ((flags >> 8) as u8, u32_at(t, at.checked_add(4)?)?)
    } else if flags & ENTRY_FLAG_COMPLEX != 0 {
        return None;
    } else {
        let v = at.checked_add(usize::from(size))?;
        (*t.get(v.checked_add(3)?)?, u32_at(t, v.checked_add(4)?)?)
    };
    Some(match data_type {
        0x03 => Value::String(strings.get(data)?),
        0x01 => Value::Reference(data),
        _ => Value::Other,
    })
}

/// Parses aapt2's protobuf resource table (`base/resources.pb` in an `.aab`): ResourceTable
/// {package=2}, Package{package_id=1{id=1}, type=3}, Type{type_id=1{id=1}, entry=3},
/// Entry{entry_id=1{id=1}, config_value=6}, ConfigValue{config=1, value=2}, Value{item=4},
/// Item{ref=1, str=2, raw_str=3, styled_str=4, file=5}. An empty `config` is the default.
pub fn parse_resources_pb(b: &[u8]) -> Result<Resources, AxmlError> {
    let mut res = Resources::default();
    let mut table = Fields::new(b, 0);
    while let Some((num, field, at)) = table.next_field()? {
        if let (2, Field::Bytes(p)) = (num, field) {
            pb_package(p, at, &mut res)?;
        }
    }
    Ok(res)
}

/// The `id = 1` of a PackageId/TypeId/EntryId message.
fn pb_id(b: &[u8], base: usize) -> Result<u32, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut id = 0;
    while let Some((num, field, _)) = f.next_field()? {
        if let (1, Field::Varint(v)) = (num, field) {
            id = v as u32;
        }
    }
    Ok(id)
}

fn pb_package(b: &[u8], base: usize, res: &mut Resources) -> Result<(), AxmlError> {
    let mut f = Fields::new(b, base);
    let mut pkg_id = 0;
    let mut types = Vec::new();
    while let Some((num, field, at)) = f.next_field()? {
        match (num, field) {
            (1, Field::Bytes(s)) => pkg_id = pb_id(s, at)?,
            (3, Field::Bytes(s)) => types.push((s, at)),
            _ => {}
        }
    }
    for (t, at) in types {
        let mut f = Fields::new(t, at);
        let mut type_id = 0;
        let mut entries = Vec::new();
        while let Some((num, field, at)) = f.next_field()? {
            match (num, field) {
                (1, Field::Bytes(s)) => type_id = pb_id(s, at)?,
                (3, Field::Bytes(s)) => entries.push((s, at)),
                _ => {}
            }
        }
        let base_id = (pkg_id & 0xff) << 24 | (type_id & 0xff) << 16;
        for (e, at) in entries {
            pb_entry(e, at, base_id, res)?;
        }
    }
    Ok(())
}

fn pb_entry(b: &[u8], base: usize, base_id: u32, res: &mut Resources) -> Result<(), AxmlError> {
    let mut f = Fields::new(b, base);
    let mut entry_id = 0;
    let mut values = Vec::new();
    while let Some((num, field, at)) = f.next_field()? {
        match (num, field) {
            (1, Field::Bytes(s)) => entry_id = pb_id(s, at)?,
            (6, Field::Bytes(s)) => values.push((s, at)),
            _ => {}
        }
    }
    let id = base_id | (entry_id & 0xffff);
    for (cv, at) in values {
        let mut f = Fields::new(cv, at);
        let (mut is_default, mut value) = (true, None);
        while let Some((num, field, at)) = f.next_field()? {
            match (num, field) {
                (1, Field::Bytes(s)) => is_default = s.is_empty(),
                (2, Field::Bytes(s)) => value = pb_value(s, at)?,
                _ => {}
            }
        }
        let Some(value) = value else { continue };
        let slot = res.values.get(&id);
        if slot.is_none() || (is_default && slot.is_some_and(|(d, _)| !d)) {
            res.values.insert(id, (is_default, value));
        }
    }
    Ok(())
}

/// A `Value`'s simple item; `None` for compound values (styles, arrays, plurals).
fn pb_value(b: &[u8], base: usize) -> Result<Option<Value>, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut out = None;
    while let Some((num, field, at)) = f.next_field()? {
        let (4, Field::Bytes(item)) = (num, field) else {
            continue;
        };
        let mut fi = Fields::new(item, at);
        while let Some((num, field, at)) = fi.next_field()? {
            let Field::Bytes(s) = field else { continue };
            out = match num {
                1 => {
                    let mut fr = Fields::new(s, at);
                    let mut id = 0;
                    while let Some((n, fld, _)) = fr.next_field()? {
                        if let (2, Field::Varint(v)) = (n, fld) {
                            id = v as u32;
                        }
                    }
                    Some(if id != 0 {
                        Value::Reference(id)
                    } else {
                        Value::Other
                    })
                }
                2..=4 => Some(Value::String(value_string(s, at)?)),
                _ => Some(Value::Other),
            };
        }
    }
    Ok(out)
}
