//! code_item: registers, the instruction array (kept as raw little-endian bytes: the dex
//! buffer need not be 2-byte aligned in memory), try blocks and catch handlers.

use super::error::{DexError, DexErrorKind as K, Result};
use super::file::TypeIdx;
use super::read::{Reader, slice_at, u16_at, u32_at};

/// The instruction array of a code item: `len()` 16-bit code units over borrowed bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Insns<'a> {
    raw: &'a [u8],
}

impl<'a> Insns<'a> {
    pub fn from_bytes(raw: &'a [u8]) -> Self {
        Insns {
            raw: &raw[..raw.len() & !1],
        }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.raw.len() / 2
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
    #[inline]
    pub fn get(&self, i: usize) -> Option<u16> {
        let b = self
            .raw
            .get(i.wrapping_mul(2)..i.wrapping_mul(2).wrapping_add(2))?;
        Some(u16::from_le_bytes([b[0], b[1]]))
    }
    pub fn as_bytes(&self) -> &'a [u8] {
        self.raw
    }
    /// Copies the code units out (for callers that want a `&[u16]`).
    pub fn to_vec(&self) -> Vec<u16> {
        self.raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect()
    }
}

#[derive(Clone, Copy, Debug)]
pub struct CodeItem<'a> {
    pub registers_size: u16,
    pub ins_size: u16,
    pub outs_size: u16,
    pub tries_size: u16,
    pub debug_info_off: u32,
    pub insns: Insns<'a>,
    data: &'a [u8],
    /// offset of the try_items (valid when tries_size > 0)
    tries_off: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TryItem {
    pub start_addr: u32,
    pub insn_count: u16,
    /// byte offset of the handler from the start of the encoded_catch_handler_list
    pub handler_off: u16,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CatchHandler {
    pub catches: Vec<(TypeIdx, u32)>,
    pub catch_all: Option<u32>,
}

impl<'a> CodeItem<'a> {
    pub fn parse(data: &'a [u8], off: u32) -> Result<Self> {
        let o = off as usize;
        let insns_size = u32_at(data, o + 12)?;
        let raw = slice_at(data, o + 16, insns_size as usize, 2, "code_item insns")?;
        let tries_size = u16_at(data, o + 6)?;
        let mut tries_off = o + 16 + raw.len();
        if tries_size > 0 && insns_size % 2 == 1 {
            tries_off += 2;
        }
        if tries_size > 0 {
            slice_at(data, tries_off, tries_size as usize, 8, "try_items")?;
        }
        Ok(CodeItem {
            registers_size: u16_at(data, o)?,
            ins_size: u16_at(data, o + 2)?,
            outs_size: u16_at(data, o + 4)?,
            tries_size,
            debug_info_off: u32_at(data, o + 8)?,
            insns: Insns { raw },
            data,
            tries_off,
        })
    }

    pub fn tries(&self) -> impl Iterator<Item = TryItem> + 'a {
        let data = self.data;
        let base = self.tries_off;
        (0..self.tries_size as usize).filter_map(move |i| {
            let e = base + i * 8;
            Some(TryItem {
                start_addr: u32_at(data, e).ok()?,
                insn_count: u16_at(data, e + 4).ok()?,
                handler_off: u16_at(data, e + 6).ok()?,
            })
        })
    }

    /// The catch handler at `handler_off` in the encoded_catch_handler_list.
    pub fn catch_handler(&self, handler_off: u16) -> Result<CatchHandler> {
        let list = self.tries_off + self.tries_size as usize * 8;
        let mut r = Reader::new(self.data, list + handler_off as usize);
        let size = r.sleb128()?;
        let n = size.unsigned_abs();
        // each pair takes at least two bytes
        if n as usize > r.remaining() / 2 {
            return Err(DexError::new(r.pos, K::BadCount("catch handler")));
        }
        let mut h = CatchHandler {
            catches: Vec::with_capacity(n as usize),
            catch_all: None,
        };
        for _ in 0..n {
            let ty = r.uleb128()?;
            let addr = r.uleb128()?;
            h.catches.push((TypeIdx(ty), addr));
        }
        if size <= 0 {
            h.catch_all = Some(r.uleb128()?);
        }
        Ok(h)
    }
}
