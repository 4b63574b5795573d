//! Bounds-checked little-endian reads and LEB128 over borrowed bytes. Every read returns a
//! `DexError` carrying the offset instead of panicking; nothing here allocates.

use super::error::{DexError, DexErrorKind, Result};

#[inline]
pub fn u8_at(data: &[u8], off: usize) -> Result<u8> {
    data.get(off)
        .copied()
        .ok_or(DexError::new(off, DexErrorKind::Truncated("byte")))
}

#[inline]
pub fn u16_at(data: &[u8], off: usize) -> Result<u16> {
    match data.get(off..off.wrapping_add(2)) {
        Some(&[a, b]) => Ok(u16::from_le_bytes([a, b])),
        _ => Err(DexError::new(off, DexErrorKind::Truncated("u16"))),
    }
}

#[inline]
pub fn u32_at(data: &[u8], off: usize) -> Result<u32> {
    match data.get(off..off.wrapping_add(4)) {
        Some(&[a, b, c, d]) => Ok(u32::from_le_bytes([a, b, c, d])),
        _ => Err(DexError::new(off, DexErrorKind::Truncated("u32"))),
    }
}

/// `count * item` bytes at `off`, checked without overflow.
#[inline]
pub fn slice_at<'a>(
    data: &'a [u8],
    off: usize,
    count: usize,
    item: usize,
    what: &'static str,
) -> Result<&'a [u8]> {
    let len = count
        .checked_mul(item)
        .ok_or(DexError::new(off, DexErrorKind::BadCount(what)))?;
    let end = off
        .checked_add(len)
        .ok_or(DexError::new(off, DexErrorKind::Truncated(what)))?;
    data.get(off..end)
        .ok_or(DexError::new(off, DexErrorKind::Truncated(what)))
}

/// A forward cursor.
#[derive(Clone, Copy, Debug)]
pub struct Reader<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Reader { data, pos }
    }
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }
    #[inline]
    pub fn u8(&mut self) -> Result<u8> {
        let v = u8_at(self.data, self.pos)?;
        self.pos += 1;
        Ok(v)
    }
    #[inline]
    pub fn u16(&mut self) -> Result<u16> {
        let v = u16_at(self.data, self.pos)?;
        self.pos += 2;
        Ok(v)
    }
    #[inline]
    pub fn u32(&mut self) -> Result<u32> {
        let v = u32_at(self.data, self.pos)?;
        self.pos += 4;
        Ok(v)
    }
    #[inline]
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let s = slice_at(self.data, self.pos, n, 1, "bytes")?;
        self.pos += n;
        Ok(s)
    }
    /// Unsigned LEB128, at most five bytes (a dex file only encodes 32-bit values).
    #[inline]
    pub fn uleb128(&mut self) -> Result<u32> {
        let start = self.pos;
        let mut result: u32 = 0;
        for i in 0..5 {
            let b = match self.data.get(self.pos) {
                Some(&b) => b,
                None => return Err(DexError::new(start, DexErrorKind::Truncated("uleb128"))),
            };
            self.pos += 1;
            result |= ((b & 0x7f) as u32) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(result);
            }
        }
        Err(DexError::new(start, DexErrorKind::BadLeb128))
    }
    /// uleb128p1: the value minus one (so `-1` encodes as `0`).
    #[inline]
    pub fn uleb128p1(&mut self) -> Result<i64> {
        Ok(self.uleb128()? as i64 - 1)
    }
    #[inline]
    pub fn sleb128(&mut self) -> Result<i32> {
        let start = self.pos;
        let mut result: u32 = 0;
        for i in 0..5u32 {
            let b = match self.data.get(self.pos) {
                Some(&b) => b,
                None => return Err(DexError::new(start, DexErrorKind::Truncated("sleb128"))),
            };
            self.pos += 1;
            result |= ((b & 0x7f) as u32) << (7 * i);
            if b & 0x80 == 0 {
                let shift = 7 * (i + 1);
                if shift < 32 {
                    let s = 32 - shift;
                    return Ok(((result << s) as i32) >> s);
                }
                return Ok(result as i32);
            }
        }
        Err(DexError::new(start, DexErrorKind::BadLeb128))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb128_values() {
        assert_eq!(Reader::new(&[0x00], 0).uleb128().unwrap(), 0);
        assert_eq!(Reader::new(&[0x7f], 0).uleb128().unwrap(), 127);
        assert_eq!(Reader::new(&[0x80, 0x7f], 0).uleb128().unwrap(), 16256);
        assert_eq!(Reader::new(&[0x7f], 0).sleb128().unwrap(), -1);
        assert_eq!(Reader::new(&[0x80, 0x7f], 0).sleb128().unwrap(), -128);
        assert_eq!(Reader::new(&[0x3c], 0).sleb128().unwrap(), 60);
        assert_eq!(Reader::new(&[0x00], 0).uleb128p1().unwrap(), -1);
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f], 0)
                .uleb128()
                .unwrap(),
            u32::MAX
        );
    }

    #[test]
    fn leb128_errors() {
        let e = Reader::new(&[0x80, 0x80], 0).uleb128().unwrap_err();
        assert_eq!(e.kind, DexErrorKind::Truncated("uleb128"));
        let e = Reader::new(&[0x80; 6], 0).uleb128().unwrap_err();
        assert_eq!(e.kind, DexErrorKind::BadLeb128);
        assert!(u32_at(&[1, 2, 3], 0).is_err());
        assert!(u16_at(&[1, 2, 3], usize::MAX).is_err());
        assert!(slice_at(&[0; 8], 4, usize::MAX, 4, "x").is_err());
    }
}
