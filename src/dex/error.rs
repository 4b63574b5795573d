//! The one error type of the DEX reader: small, `Copy`, and carrying the file offset where
//! reading failed, so a message can point into the file. It never owns attacker data.

use std::fmt;

/// What went wrong while reading a dex file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DexErrorKind {
    /// The first bytes are not `dex\n0NN\0`.
    BadMagic,
    /// A version outside 035..=041 (the payload is the three ASCII digits as a number).
    UnsupportedVersion(u16),
    /// The header's endian tag is not the little-endian constant.
    BadEndianTag,
    /// A read ran past the end of the file; the payload names what was being read.
    Truncated(&'static str),
    /// A section offset/count does not fit in the file.
    SectionOutOfRange(&'static str),
    /// An index into an id table is not below that table's size.
    IndexOutOfRange(&'static str, u32),
    /// A LEB128 value longer than five bytes.
    BadLeb128,
    /// An encoded_value with an unknown type byte.
    BadValueType(u8),
    /// Nested encoded arrays/annotations deeper than the reader accepts.
    TooDeep,
    /// An instruction or payload runs past the end of its code item.
    TruncatedInstruction,
    /// A count that cannot be right for the bytes that follow it.
    BadCount(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DexError {
    /// Byte offset in the dex file (code-unit offset for instruction errors) where it failed.
    pub offset: usize,
    pub kind: DexErrorKind,
}

impl DexError {
    #[inline]
    pub fn new(offset: usize, kind: DexErrorKind) -> Self {
        DexError { offset, kind }
    }
}

impl fmt::Display for DexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DexErrorKind::*;
        match self.kind {
            BadMagic => write!(f, "not a dex file (bad magic)"),
            UnsupportedVersion(v) => write!(f, "unsupported dex version {v:03}"),
            BadEndianTag => write!(f, "unsupported endian tag"),
            Truncated(what) => write!(f, "{what} runs past the end of the file"),
            SectionOutOfRange(what) => write!(f, "{what} section lies outside the file"),
            IndexOutOfRange(what, i) => write!(f, "{what} index {i} out of range"),
            BadLeb128 => write!(f, "malformed LEB128 value"),
            BadValueType(t) => write!(f, "unknown encoded_value type 0x{t:02x}"),
            TooDeep => write!(f, "encoded values nested too deeply"),
            TruncatedInstruction => write!(f, "instruction runs past the end of its code"),
            BadCount(what) => write!(f, "{what} count is larger than the data that follows"),
        }?;
        write!(f, " at offset 0x{:x}", self.offset)
    }
}

impl std::error::Error for DexError {}

pub type Result<T> = std::result::Result<T, DexError>;
