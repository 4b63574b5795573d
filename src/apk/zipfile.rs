//! Our own reading of the ZIP structure, over the raw bytes of an app, the way Android's
//! libziparchive reads it: end-of-central-directory record (ZIP64 where present), central
//! directory records, then each local header only to find where the data starts. Every offset
//! and size is checked against the bytes that exist; counts never size an allocation beyond
//! what the bytes could hold. Inflation is bounded by the entry's declared size, and the caller
//! charges declared sizes against the app's inflate budget before anything is inflated.
//!
//! Must never panic, never write to disk, never inflate more than the declared size of an entry.

use std::collections::HashMap;

use flate2::{Crc, Decompress, FlushDecompress, Status};

use crate::diag::Diagnostic;

const EOCD_SIG: u32 = 0x0605_4b50;
const EOCD_LEN: usize = 22;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const CENTRAL_LEN: usize = 46;
const LOCAL_SIG: u32 = 0x0403_4b50;
const LOCAL_LEN: usize = 30;
/// deflate cannot expand better than about 1032:1
const MAX_DEFLATE_RATIO: u64 = 1032;
/// anomalies of one code kept per archive before they are summarized
const MAX_SAME_ANOMALY: usize = 16;

/// Why the archive as a whole cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// no end-of-central-directory record in the last 64 KiB + 22 bytes
    NotAZip,
    /// the central directory runs past the bytes that exist, or a record in it is malformed
    TruncatedCentralDirectory { offset: u64, detail: String },
}

/// One central directory record, checked only for being inside the file.
#[derive(Clone, Debug)]
pub struct ZipEntry {
    pub name: String,
    pub flags: u16,
    pub method: u16,
    pub crc32: u32,
    pub compressed_size: u64,
    pub uncompressed_size: u64,
    pub local_header_offset: u64,
}

impl ZipEntry {
    pub fn is_encrypted_flag(&self) -> bool {
        self.flags & 1 != 0
    }
}

/// A parsed archive: unique entries in central directory order (for duplicate names the first
/// record wins, as the analysis documents in an anomaly) and the anomalies met while parsing.
#[derive(Debug)]
pub struct ZipArchive<'a> {
    bytes: &'a [u8],
    entries: Vec<ZipEntry>,
    by_name: HashMap<String, usize>,
    pub anomalies: Vec<Diagnostic>,
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    let s = b.get(off..off.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let s = b.get(off..off.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], off: usize) -> Option<u64> {
    let s = b.get(off..off.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Collects anomalies, keeping at most `MAX_SAME_ANOMALY` of one code and counting the rest.
#[derive(Default)]
pub(crate) struct AnomalySink {
    list: Vec<Diagnostic>,
    dropped: std::collections::BTreeMap<&'static str, usize>,
}

impl AnomalySink {
    pub fn push(&mut self, d: Diagnostic) {
        let same = self.list.iter().filter(|x| x.code == d.code).count();
        if same < MAX_SAME_ANOMALY {
            self.list.push(d);
        } else {
            *self.dropped.entry(d.code).or_insert(0) += 1;
        }
    }
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (code, n) in self.dropped {
            self.list.push(Diagnostic::info(
                code,
                format!("{n} more anomalies of this kind not listed"),
            ));
        }
        self.list
    }
}

struct EndRecord {
    total_entries: u64,
    cd_size: u64,
    cd_offset: u64,
    /// where the central directory must end: the (ZIP64) end record
    cd_limit: u64,
}

fn find_eocd(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(EOCD_LEN)?;
    let first = last.saturating_sub(u16::MAX as usize);
    (first..=last)
        .rev()
        .find(|&pos| u32_at(bytes, pos) == Some(EOCD_SIG))
}

fn read_end_record(bytes: &[u8], sink: &mut AnomalySink) -> Result<EndRecord, ZipError> {
    let pos = find_eocd(bytes).ok_or(ZipError::NotAZip)?;
    let field16 = |o: usize| u16_at(bytes, pos + o).unwrap_or(0);
    let field32 = |o: usize| u32_at(bytes, pos + o).unwrap_or(0);
    let comment_len = field16(20) as usize;
    if pos + EOCD_LEN + comment_len != bytes.len() {
        sink.push(
            Diagnostic::info(
                "zip-eocd-comment-mismatch",
                format!(
                    "end-of-central-directory comment length {comment_len} does not match the {} bytes after the record",
                    bytes.len() - pos - EOCD_LEN
                ),
            )
            .at(format!("offset {pos:#x}")),
        );
    }
    if field16(4) != 0 || field16(6) != 0 {
        sink.push(Diagnostic::warning(
            "zip-multi-disk",
            "end record names a disk other than 0; read as a single-disk archive",
        ));
    }
    let mut end = EndRecord {
        total_entries: u64::from(field16(10)),
        cd_size: u64::from(field32(12)),
        cd_offset: u64::from(field32(16)),
        cd_limit: pos as u64,
    };
    // ZIP64: a locator right before the end record points at the ZIP64 end record.
    if let Some(loc) = pos.checked_sub(20)
        && u32_at(bytes, loc) == Some(ZIP64_LOCATOR_SIG)
    {
        let z64 = u64_at(bytes, loc + 8).unwrap_or(u64::MAX);
        let z = usize::try_from(z64).unwrap_or(usize::MAX);
        if u32_at(bytes, z) == Some(ZIP64_EOCD_SIG) && z64 < loc as u64 {
            let (Some(total), Some(size), Some(offset)) = (
                u64_at(bytes, z + 32),
                u64_at(bytes, z + 40),
                u64_at(bytes, z + 48),
            ) else {
                return Err(ZipError::TruncatedCentralDirectory {
                    offset: z64,
                    detail: "ZIP64 end record cut short".into(),
                });
            };
            end = EndRecord {
                total_entries: total,
                cd_size: size,
                cd_offset: offset,
                cd_limit: z64,
            };
        } else {
            sink.push(
                Diagnostic::warning(
                    "zip64-bad-locator",
                    "ZIP64 locator points at no ZIP64 end record; using the 32-bit end record",
                )
                .at(format!("offset {loc:#x}")),
            );
        }
    }
    let cd_end = end.cd_offset.checked_add(end.cd_size);
    match cd_end {
        Some(e) if e <= end.cd_limit => {
            if e < end.cd_limit {
                sink.push(Diagnostic::info(
                    "zip-gap-before-eocd",
                    format!(
                        "{} bytes between the central directory and its end record",
                        end.cd_limit - e
                    ),
                ));
            }
            Ok(end)
        }
        _ => Err(ZipError::TruncatedCentralDirectory {
            offset: end.cd_offset,
            detail: format!(
                "central directory of {} bytes at offset {:#x} runs past its end record at {:#x}",
                end.cd_size, end.cd_offset, end.cd_limit
            ),
        }),
    }
}

/// Applies the ZIP64 extended-information extra field (id 1) to values saturated at 0xFFFFFFFF.
fn apply_zip64_extra(extra: &[u8], e: &mut ZipEntry) {
    let mut p = 0usize;
    while let (Some(id), Some(len)) = (u16_at(extra, p), u16_at(extra, p + 2)) {
        let start = p + 4;
        let Some(end) = start
            .checked_add(len as usize)
            .filter(|&e| e <= extra.len())
        else {
            return;
        };
        if id == 1 {
            let field = &extra[start..end];
            let mut q = 0usize;
            let mut next = |slot: &mut u64| {
                if *slot == u64::from(u32::MAX)
                    && let Some(v) = u64_at(field, q)
                {
                    *slot = v;
                    q += 8;
                }
            };
            next(&mut e.uncompressed_size);
            next(&mut e.compressed_size);
            next(&mut e.local_header_offset);
            return;
        }
        p = end;
    }
}

fn is_unsafe_path(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with('\\')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split(['/', '\\']).any(|c| c == "..")
}

impl<'a> ZipArchive<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Self, ZipError> {
        let mut sink = AnomalySink::default();
        let end = read_end_record(bytes, &mut sink)?;
        // cd_end <= cd_limit <= len, checked above
        let cd_start = end.cd_offset as usize;
        let cd_end = (end.cd_offset + end.cd_size) as usize;
        let room = (end.cd_size / CENTRAL_LEN as u64) as usize;
        let mut entries = Vec::with_capacity((end.total_entries as usize).min(room));
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut encrypted: Vec<String> = Vec::new();
        let mut off = cd_start;
        for i in 0..end.total_entries {
            let truncated = |detail: String| ZipError::TruncatedCentralDirectory {
                offset: off as u64,
                detail,
            };
            if off + CENTRAL_LEN > cd_end {
                return Err(truncated(format!(
                    "record {i} of {} does not fit in the central directory",
                    end.total_entries
                )));
            }
            if u32_at(bytes, off) != Some(CENTRAL_SIG) {
                return Err(truncated(format!(
                    "record {i} has no central directory signature"
                )));
            }
            let f16 = |o: usize| u16_at(bytes, off + o).unwrap_or(0);
            let f32 = |o: usize| u32_at(bytes, off + o).unwrap_or(0);
            let name_len = f16(28) as usize;
            let extra_len = f16(30) as usize;
            let comment_len = f16(32) as usize;
            let name_start = off + CENTRAL_LEN;
            let next = name_start + name_len + extra_len + comment_len;
            if next > cd_end {
                return Err(truncated(format!(
                    "record {i} name/extra/comment run past the central directory"
                )));
            }
            let name =
                String::from_utf8_lossy(&bytes[name_start..name_start + name_len]).into_owned();
            let mut e = ZipEntry {
                name,
                flags: f16(8),
                method: f16(10),
                crc32: f32(16),
                compressed_size: u64::from(f32(20)),
                uncompressed_size: u64::from(f32(24)),
                local_header_offset: u64::from(f32(42)),
            };
            let extra = &bytes[name_start + name_len..name_start + name_len + extra_len];
            apply_zip64_extra(extra, &mut e);
            off = next;

            if is_unsafe_path(&e.name) {
                sink.push(
                    Diagnostic::warning(
                        "zip-path-traversal",
                        "entry name is absolute or contains `..`",
                    )
                    .at(e.name.clone()),
                );
            }
            if e.is_encrypted_flag() {
                encrypted.push(e.name.clone());
            }
            if by_name.contains_key(&e.name) {
                sink.push(
                    Diagnostic::warning(
                        "zip-duplicate-entry",
                        "entry name appears more than once; the first record is analyzed",
                    )
                    .at(e.name.clone()),
                );
                continue;
            }
            by_name.insert(e.name.clone(), entries.len());
            entries.push(e);
        }
        if !encrypted.is_empty() {
            sink.push(
                Diagnostic::warning(
                    "zip-fake-encryption",
                    format!(
                        "{} entries have the encrypted flag set; Android ignores it, so they are read as plain entries",
                        encrypted.len()
                    ),
                )
                .at(encrypted[0].clone()),
            );
        }
        Ok(ZipArchive {
            bytes,
            entries,
            by_name,
            anomalies: sink.finish(),
        })
    }

    pub fn entries(&self) -> &[ZipEntry] {
        &self.entries
    }

    pub fn get(&self, name: &str) -> Option<&ZipEntry> {
        self.by_name.get(name).and_then(|&i| self.entries.get(i))
    }

    /// Reads one entry, inflating at most its declared uncompressed size. `label` names the
    /// entry in anomalies (split sets prefix it). An entry that cannot be read at all returns a
    /// diagnostic instead of data.
    pub fn read(
        &self,
        e: &ZipEntry,
        label: &str,
    ) -> Result<(Vec<u8>, Vec<Diagnostic>), Diagnostic> {
        let mut notes = Vec::new();
        let len = self.bytes.len();
        let lho = usize::try_from(e.local_header_offset).unwrap_or(usize::MAX);
        if u32_at(self.bytes, lho) != Some(LOCAL_SIG)
            || lho.checked_add(LOCAL_LEN).is_none_or(|x| x > len)
        {
            return Err(Diagnostic::error(
                "zip-bad-local-header",
                format!(
                    "no local file header at offset {:#x}; entry skipped",
                    e.local_header_offset
                ),
            )
            .at(label));
        }
        let l16 = |o: usize| u16_at(self.bytes, lho + o).unwrap_or(0);
        let l32 = |o: usize| u32_at(self.bytes, lho + o).unwrap_or(0);
        let name_len = l16(26) as usize;
        let extra_len = l16(28) as usize;
        let data_start = lho + LOCAL_LEN + name_len + extra_len;
        if data_start > len {
            return Err(Diagnostic::error(
                "zip-bad-local-header",
                format!(
                    "local header at {:#x} says data starts at {data_start:#x}, past the end of the file; entry skipped",
                    e.local_header_offset
                ),
            )
            .at(label));
        }
        let local_name = &self.bytes[lho + LOCAL_LEN..lho + LOCAL_LEN + name_len];
        if local_name != e.name.as_bytes() {
            notes.push(
                Diagnostic::warning(
                    "zip-local-name-mismatch",
                    format!(
                        "local header names the entry `{}`; the central directory name is used",
                        String::from_utf8_lossy(local_name)
                    ),
                )
                .at(label),
            );
        }
        let (local_comp, local_uncomp) = (u64::from(l32(18)), u64::from(l32(22)));
        let has_descriptor = l16(6) & 0x8 != 0;
        let saturated = local_comp == u64::from(u32::MAX) || local_uncomp == u64::from(u32::MAX);
        if !has_descriptor
            && !saturated
            && (local_comp != e.compressed_size || local_uncomp != e.uncompressed_size)
        {
            notes.push(
                Diagnostic::warning(
                    "zip-size-mismatch",
                    format!(
                        "local header sizes {local_comp}/{local_uncomp} differ from central directory sizes {}/{}; the central directory is used",
                        e.compressed_size, e.uncompressed_size
                    ),
                )
                .at(label),
            );
        }
        let avail = (len - data_start) as u64;
        if e.compressed_size > avail {
            notes.push(
                Diagnostic::warning(
                    "zip-size-beyond-file",
                    format!(
                        "compressed size {} runs past the end of the file ({avail} bytes left)",
                        e.compressed_size
                    ),
                )
                .at(label),
            );
        }
        let data = if e.method == 0 {
            // Android copies `uncompressed_size` bytes for stored entries.
            if e.compressed_size != e.uncompressed_size {
                notes.push(
                    Diagnostic::warning(
                        "zip-size-mismatch",
                        format!(
                            "stored entry with compressed size {} and uncompressed size {}; {} bytes read",
                            e.compressed_size,
                            e.uncompressed_size,
                            e.uncompressed_size.min(avail)
                        ),
                    )
                    .at(label),
                );
            }
            let n = e.uncompressed_size.min(avail) as usize;
            self.bytes[data_start..data_start + n].to_vec()
        } else {
            if e.method != 8 {
                notes.push(
                    Diagnostic::warning(
                        "zip-unknown-compression",
                        format!(
                            "compression method {}; Android treats every non-zero method as deflate, so it is inflated",
                            e.method
                        ),
                    )
                    .at(label),
                );
            }
            // The stream ends itself; give it everything up to the end of the file so a
            // compressed size that lies in either direction does not stop a valid stream.
            let input = &self.bytes[data_start..];
            let out = inflate_bounded(input, e.uncompressed_size);
            if let Some(err) = out.error {
                return Err(Diagnostic::error(
                    "zip-inflate-error",
                    format!(
                        "deflate stream is corrupt after {} bytes of output ({err}); entry skipped",
                        out.data.len()
                    ),
                )
                .at(label));
            }
            if out.more_data {
                notes.push(
                    Diagnostic::warning(
                        "zip-size-mismatch",
                        format!(
                            "entry inflates to more than its declared size {}; stopped there",
                            e.uncompressed_size
                        ),
                    )
                    .at(label),
                );
            } else if !out.ended {
                notes.push(
                    Diagnostic::warning(
                        "zip-truncated-entry",
                        format!(
                            "deflate stream ends early: {} of {} declared bytes",
                            out.data.len(),
                            e.uncompressed_size
                        ),
                    )
                    .at(label),
                );
            } else if (out.data.len() as u64) < e.uncompressed_size {
                notes.push(
                    Diagnostic::warning(
                        "zip-size-mismatch",
                        format!(
                            "entry inflates to {} bytes, less than its declared size {}",
                            out.data.len(),
                            e.uncompressed_size
                        ),
                    )
                    .at(label),
                );
            }
            if out.consumed != e.compressed_size && out.ended {
                notes.push(
                    Diagnostic::warning(
                        "zip-size-mismatch",
                        format!(
                            "deflate stream is {} bytes but the central directory says {}",
                            out.consumed, e.compressed_size
                        ),
                    )
                    .at(label),
                );
            }
            out.data
        };
        let mut crc = Crc::new();
        crc.update(&data);
        if crc.sum() != e.crc32 {
            notes.push(
                Diagnostic::warning(
                    "zip-crc-mismatch",
                    format!(
                        "CRC-32 {:08x} of the data differs from the recorded {:08x}",
                        crc.sum(),
                        e.crc32
                    ),
                )
                .at(label),
            );
        }
        Ok((data, notes))
    }
}

struct Inflated {
    data: Vec<u8>,
    consumed: u64,
    ended: bool,
    more_data: bool,
    error: Option<String>,
}

/// Raw-inflates `input`, producing at most `limit` bytes.
fn inflate_bounded(input: &[u8], limit: u64) -> Inflated {
    let limit = limit.min((input.len() as u64).saturating_mul(MAX_DEFLATE_RATIO) + 1024);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut d = Decompress::new(false);
    let mut out: Vec<u8> = Vec::new();
    let mut filled = 0usize;
    let mut res = Inflated {
        data: Vec::new(),
        consumed: 0,
        ended: false,
        more_data: false,
        error: None,
    };
    loop {
        let in_pos = d.total_in() as usize;
        let rest = input.get(in_pos..).unwrap_or(&[]);
        if filled == limit {
            // Declared size reached: is there more?
            let mut probe = [0u8; 1];
            match d.decompress(rest, &mut probe, FlushDecompress::None) {
                Ok(Status::StreamEnd) => res.ended = d.total_out() as usize == filled,
                _ => {}
            }
            res.more_data = d.total_out() as usize > filled;
            break;
        }
        if filled == out.len() {
            let grow = out.len().max(64 * 1024).min(limit - filled);
            out.resize(filled + grow, 0);
        }
        let before_out = d.total_out();
        let before_in = d.total_in();
        let status = d.decompress(rest, &mut out[filled..], FlushDecompress::None);
        filled += (d.total_out() - before_out) as usize;
        match status {
            Ok(Status::StreamEnd) => {
                res.ended = true;
                break;
            }
            Ok(_) => {
                if d.total_out() == before_out && d.total_in() == before_in {
                    break; // input exhausted before the stream ended
                }
            }
            Err(err) => {
                res.error = Some(err.to_string());
                break;
            }
        }
    }
    out.truncate(filled);
    res.data = out;
    res.consumed = d.total_in();
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflate_stops_at_limit_and_reports_more() {
        use std::io::Write;
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&[7u8; 100_000]).unwrap();
        let z = enc.finish().unwrap();
        let r = inflate_bounded(&z, 1000);
        assert_eq!(r.data.len(), 1000);
        assert!(r.more_data);
        let r = inflate_bounded(&z, 100_000);
        assert_eq!(r.data.len(), 100_000);
        assert!(r.ended && !r.more_data);
        let r = inflate_bounded(&z[..z.len() / 2], 100_000);
        assert!(!r.ended);
    }

    #[test]
    fn eocd_search_handles_short_and_empty() {
        assert_eq!(ZipArchive::parse(b"").unwrap_err(), ZipError::NotAZip);
        assert_eq!(
            ZipArchive::parse(&[0u8; 100]).unwrap_err(),
            ZipError::NotAZip
        );
        let mut empty = vec![0x50, 0x4b, 5, 6];
        empty.extend([0u8; 18]);
        let z = ZipArchive::parse(&empty).unwrap();
        assert!(z.entries().is_empty());
    }

    #[test]
    fn unsafe_paths() {
        assert!(is_unsafe_path("../x"));
        assert!(is_unsafe_path("a/../../x"));
        assert!(is_unsafe_path("/etc/passwd"));
        assert!(is_unsafe_path("C:\\x"));
        assert!(!is_unsafe_path("lib/arm64-v8a/libx.so"));
        assert!(!is_unsafe_path("a..b/c"));
    }
}
