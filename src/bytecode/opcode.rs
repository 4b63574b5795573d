//! The one Dalvik opcode table (after dexlib2's `Opcode.java`): for each of the 256 opcodes
//! its name, instruction format (which fixes the width and operand layout), control-flow
//! flags and what kind of pool index it references. The decoder, the lowering and the stats
//! all read this table; nothing else hard-codes opcode numbers ranges.

/// Instruction formats as named in the Dalvik spec ("12x": 1 unit, 2 registers, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    F10x,
    F12x,
    F11n,
    F11x,
    F10t,
    F20t,
    F20bc,
    F22x,
    F21t,
    F21s,
    F21h,
    F21c,
    F23x,
    F22b,
    F22t,
    F22s,
    F22c,
    F22cs,
    F30t,
    F32x,
    F31i,
    F31t,
    F31c,
    F35c,
    F35ms,
    F35mi,
    F3rc,
    F3rms,
    F3rmi,
    F45cc,
    F4rcc,
    F51l,
}

impl Format {
    /// Width in 16-bit code units.
    pub const fn units(self) -> u16 {
        use Format::*;
        match self {
            F10x | F12x | F11n | F11x | F10t => 1,
            F20t | F20bc | F22x | F21t | F21s | F21h | F21c | F23x | F22b | F22t | F22s | F22c
            | F22cs => 2,
            F30t | F32x | F31i | F31t | F31c | F35c | F35ms | F35mi | F3rc | F3rms | F3rmi => 3,
            F45cc | F4rcc => 4,
            F51l => 5,
        }
    }
}

/// What the instruction's pool index refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    None,
    String,
    Type,
    Field,
    Method,
    Proto,
    CallSite,
    MethodHandle,
}

pub mod flags {
    /// may throw an exception
    pub const CAN_THROW: u16 = 1 << 0;
    /// execution may continue with the next instruction
    pub const CONTINUES: u16 = 1 << 1;
    /// goto / if-*: has a branch target
    pub const BRANCH: u16 = 1 << 2;
    /// packed-switch / sparse-switch
    pub const SWITCH: u16 = 1 << 3;
    /// return*, throw
    pub const EXIT: u16 = 1 << 4;
    /// invoke-* (incl. polymorphic and custom)
    pub const INVOKE: u16 = 1 << 5;
    /// writes vA
    pub const SETS_REGISTER: u16 = 1 << 6;
    /// operates on a wide (64-bit) register pair in vA
    pub const WIDE: u16 = 1 << 7;
    /// its result is picked up by a following move-result
    pub const SETS_RESULT: u16 = 1 << 8;
    /// refers to a payload (fill-array-data, switches)
    pub const PAYLOAD: u16 = 1 << 9;
    /// not a valid opcode in a dex file (unused, or odex-only)
    pub const UNUSED: u16 = 1 << 10;
    /// /range variant: registers given as first + count
    pub const RANGE: u16 = 1 << 11;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpInfo {
    pub opcode: u8,
    pub name: &'static str,
    pub format: Format,
    pub flags: u16,
    pub reference: RefKind,
    /// second reference (invoke-polymorphic: the proto)
    pub reference2: RefKind,
}

impl OpInfo {
    #[inline]
    pub const fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
    #[inline]
    pub const fn units(&self) -> u16 {
        self.format.units()
    }
}

/// Payload pseudo-opcodes: the whole first code unit (a `nop` with a non-zero high byte).
pub const PACKED_SWITCH_PAYLOAD: u16 = 0x0100;
pub const SPARSE_SWITCH_PAYLOAD: u16 = 0x0200;
pub const FILL_ARRAY_DATA_PAYLOAD: u16 = 0x0300;

use Format::*;
use RefKind as R;
use flags::*;

const T: u16 = CAN_THROW | CONTINUES;
const C: u16 = CONTINUES;
const SR: u16 = SETS_REGISTER;

const fn e(
    opcode: u8,
    name: &'static str,
    format: Format,
    flags: u16,
    reference: RefKind,
) -> OpInfo {
    OpInfo {
        opcode,
        name,
        format,
        flags,
        reference,
        reference2: RefKind::None,
    }
}

#[rustfmt::skip]
const DEFINED: &[OpInfo] = &[
    e(0x00, "nop", F10x, C, R::None),
    e(0x01, "move", F12x, C | SR, R::None),
    e(0x02, "move/from16", F22x, C | SR, R::None),
    e(0x03, "move/16", F32x, C | SR, R::None),
    e(0x04, "move-wide", F12x, C | SR | WIDE, R::None),
    e(0x05, "move-wide/from16", F22x, C | SR | WIDE, R::None),
    e(0x06, "move-wide/16", F32x, C | SR | WIDE, R::None),
    e(0x07, "move-object", F12x, C | SR, R::None),
    e(0x08, "move-object/from16", F22x, C | SR, R::None),
    e(0x09, "move-object/16", F32x, C | SR, R::None),
    e(0x0a, "move-result", F11x, C | SR, R::None),
    e(0x0b, "move-result-wide", F11x, C | SR | WIDE, R::None),
    e(0x0c, "move-result-object", F11x, C | SR, R::None),
    e(0x0d, "move-exception", F11x, C | SR, R::None),
    e(0x0e, "return-void", F10x, EXIT, R::None),
    e(0x0f, "return", F11x, EXIT, R::None),
    e(0x10, "return-wide", F11x, EXIT | WIDE, R::None),
    e(0x11, "return-object", F11x, EXIT, R::None),
    e(0x12, "const/4", F11n, C | SR, R::None),
    e(0x13, "const/16", F21s, C | SR, R::None),
    e(0x14, "const", F31i, C | SR, R::None),
    e(0x15, "const/high16", F21h, C | SR, R::None),
    e(0x16, "const-wide/16", F21s, C | SR | WIDE, R::None),
    e(0x17, "const-wide/32", F31i, C | SR | WIDE, R::None),
    e(0x18, "const-wide", F51l, C | SR | WIDE, R::None),
    e(0x19, "const-wide/high16", F21h, C | SR | WIDE, R::None),
    e(0x1a, "const-string", F21c, T | SR, R::String),
    e(0x1b, "const-string/jumbo", F31c, T | SR, R::String),
    e(0x1c, "const-class", F21c, T | SR, R::Type),
    e(0x1d, "monitor-enter", F11x, T, R::None),
    e(0x1e, "monitor-exit", F11x, T, R::None),
    e(0x1f, "check-cast", F21c, T | SR, R::Type),
    e(0x20, "instance-of", F22c, T | SR, R::Type),
    e(0x21, "array-length", F12x, T | SR, R::None),
    e(0x22, "new-instance", F21c, T | SR, R::Type),
    e(0x23, "new-array", F22c, T | SR, R::Type),
    e(0x24, "filled-new-array", F35c, T | SETS_RESULT, R::Type),
    e(0x25, "filled-new-array/range", F3rc, T | SETS_RESULT | RANGE, R::Type),
    e(0x26, "fill-array-data", F31t, T | PAYLOAD, R::None),
    e(0x27, "throw", F11x, CAN_THROW | EXIT, R::None),
    e(0x28, "goto", F10t, BRANCH, R::None),
    e(0x29, "goto/16", F20t, BRANCH, R::None),
    e(0x2a, "goto/32", F30t, BRANCH, R::None),
    e(0x2b, "packed-switch", F31t, C | SWITCH | PAYLOAD, R::None),
    e(0x2c, "sparse-switch", F31t, C | SWITCH | PAYLOAD, R::None),
    e(0x2d, "cmpl-float", F23x, C | SR, R::None),
    e(0x2e, "cmpg-float", F23x, C | SR, R::None),
    e(0x2f, "cmpl-double", F23x, C | SR, R::None),
    e(0x30, "cmpg-double", F23x, C | SR, R::None),
    e(0x31, "cmp-long", F23x, C | SR, R::None),
    e(0x32, "if-eq", F22t, C | BRANCH, R::None),
    e(0x33, "if-ne", F22t, C | BRANCH, R::None),
    e(0x34, "if-lt", F22t, C | BRANCH, R::None),
    e(0x35, "if-ge", F22t, C | BRANCH, R::None),
    e(0x36, "if-gt", F22t, C | BRANCH, R::None),
    e(0x37, "if-le", F22t, C | BRANCH, R::None),
    e(0x38, "if-eqz", F21t, C | BRANCH, R::None),
    e(0x39, "if-nez", F21t, C | BRANCH, R::None),
    e(0x3a, "if-ltz", F21t, C | BRANCH, R::None),
    e(0x3b, "if-gez", F21t, C | BRANCH, R::None),
    e(0x3c, "if-gtz", F21t, C | BRANCH, R::None),
    e(0x3d, "if-lez", F21t, C | BRANCH, R::None),
    e(0x44, "aget", F23x, T | SR, R::None),
    e(0x45, "aget-wide", F23x, T | SR | WIDE, R::None),
    e(0x46, "aget-object", F23x, T | SR, R::None),
    e(0x47, "aget-boolean", F23x, T | SR, R::None),
    e(0x48, "aget-byte", F23x, T | SR, R::None),
    e(0x49, "aget-char", F23x, T | SR, R::None),
    e(0x4a, "aget-short", F23x, T | SR, R::None),
    e(0x4b, "aput", F23x, T, R::None),
    e(0x4c, "aput-wide", F23x, T | WIDE, R::None),
    e(0x4d, "aput-object", F23x, T, R::None),
    e(0x4e, "aput-boolean", F23x, T, R::None),
    e(0x4f, "aput-byte", F23x, T, R::None),
    e(0x50, "aput-char", F23x, T, R::None),
    e(0x51, "aput-short", F23x, T, R::None),
    e(0x52, "iget", F22c, T | SR, R::Field),
    e(0x53, "iget-wide", F22c, T | SR | WIDE, R::Field),
    e(0x54, "iget-object", F22c, T | SR, R::Field),
    e(0x55, "iget-boolean", F22c, T | SR, R::Field),
    e(0x56, "iget-byte", F22c, T | SR, R::Field),
    e(0x57, "iget-char", F22c, T | SR, R::Field),
    e(0x58, "iget-short", F22c, T | SR, R::Field),
    e(0x59, "iput", F22c, T, R::Field),
    e(0x5a, "iput-wide", F22c, T | WIDE, R::Field),
    e(0x5b, "iput-object", F22c, T, R::Field),
    e(0x5c, "iput-boolean", F22c, T, R::Field),
    e(0x5d, "iput-byte", F22c, T, R::Field),
    e(0x5e, "iput-char", F22c, T, R::Field),
    e(0x5f, "iput-short", F22c, T, R::Field),
    e(0x60, "sget", F21c, T | SR, R::Field),
    e(0x61, "sget-wide", F21c, T | SR | WIDE, R::Field),
    e(0x62, "sget-object", F21c, T | SR, R::Field),
    e(0x63, "sget-boolean", F21c, T | SR, R::Field),
    e(0x64, "sget-byte", F21c, T | SR, R::Field),
    e(0x65, "sget-char", F21c, T | SR, R::Field),
    e(0x66, "sget-short", F21c, T | SR, R::Field),
    e(0x67, "sput", F21c, T, R::Field),
    e(0x68, "sput-wide", F21c, T | WIDE, R::Field),
    e(0x69, "sput-object", F21c, T, R::Field),
    e(0x6a, "sput-boolean", F21c, T, R::Field),
    e(0x6b, "sput-byte", F21c, T, R::Field),
    e(0x6c, "sput-char", F21c, T, R::Field),
    e(0x6d, "sput-short", F21c, T, R::Field),
    e(0x6e, "invoke-virtual", F35c, T | INVOKE | SETS_RESULT, R::Method),
    e(0x6f, "invoke-super", F35c, T | INVOKE | SETS_RESULT, R::Method),
    e(0x70, "invoke-direct", F35c, T | INVOKE | SETS_RESULT, R::Method),
    e(0x71, "invoke-static", F35c, T | INVOKE | SETS_RESULT, R::Method),
    e(0x72, "invoke-interface", F35c, T | INVOKE | SETS_RESULT, R::Method),
    e(0x74, "invoke-virtual/range", F3rc, T | INVOKE | SETS_RESULT | RANGE, R::Method),
    e(0x75, "invoke-super/range", F3rc, T | INVOKE | SETS_RESULT | RANGE, R::Method),
    e(0x76, "invoke-direct/range", F3rc, T | INVOKE | SETS_RESULT | RANGE, R::Method),
    e(0x77, "invoke-static/range", F3rc, T | INVOKE | SETS_RESULT | RANGE, R::Method),
    e(0x78, "invoke-interface/range", F3rc, T | INVOKE | SETS_RESULT | RANGE, R::Method),
    e(0x7b, "neg-int", F12x, C | SR, R::None),
    e(0x7c, "not-int", F12x, C | SR, R::None),
    e(0x7d, "neg-long", F12x, C | SR | WIDE, R::None),
    e(0x7e, "not-long", F12x, C | SR | WIDE, R::None),
    e(0x7f, "neg-float", F12x, C | SR, R::None),
    e(0x80, "neg-double", F12x, C | SR | WIDE, R::None),
    e(0x81, "int-to-long", F12x, C | SR | WIDE, R::None),
    e(0x82, "int-to-float", F12x, C | SR, R::None),
    e(0x83, "int-to-double", F12x, C | SR | WIDE, R::None),
    e(0x84, "long-to-int", F12x, C | SR, R::None),
    e(0x85, "long-to-float", F12x, C | SR, R::None),
    e(0x86, "long-to-double", F12x, C | SR | WIDE, R::None),
    e(0x87, "float-to-int", F12x, C | SR, R::None),
    e(0x88, "float-to-long", F12x, C | SR | WIDE, R::None),
    e(0x89, "float-to-double", F12x, C | SR | WIDE, R::None),
    e(0x8a, "double-to-int", F12x, C | SR, R::None),
    e(0x8b, "double-to-long", F12x, C | SR | WIDE, R::None),
    e(0x8c, "double-to-float", F12x, C | SR, R::None),
    e(0x8d, "int-to-byte", F12x, C | SR, R::None),
    e(0x8e, "int-to-char", F12x, C | SR, R::None),
    e(0x8f, "int-to-short", F12x, C | SR, R::None),
    e(0x90, "add-int", F23x, C | SR, R::None),
    e(0x91, "sub-int", F23x, C | SR, R::None),
    e(0x92, "mul-int", F23x, C | SR, R::None),
    e(0x93, "div-int", F23x, T | SR, R::None),
    e(0x94, "rem-int", F23x, T | SR, R::None),
    e(0x95, "and-int", F23x, C | SR, R::None),
    e(0x96, "or-int", F23x, C | SR, R::None),
    e(0x97, "xor-int", F23x, C | SR, R::None),
    e(0x98, "shl-int", F23x, C | SR, R::None),
    e(0x99, "shr-int", F23x, C | SR, R::None),
    e(0x9a, "ushr-int", F23x, C | SR, R::None),
    e(0x9b, "add-long", F23x, C | SR | WIDE, R::None),
    e(0x9c, "sub-long", F23x, C | SR | WIDE, R::None),
    e(0x9d, "mul-long", F23x, C | SR | WIDE, R::None),
    e(0x9e, "div-long", F23x, T | SR | WIDE, R::None),
    e(0x9f, "rem-long", F23x, T | SR | WIDE, R::None),
    e(0xa0, "and-long", F23x, C | SR | WIDE, R::None),
    e(0xa1, "or-long", F23x, C | SR | WIDE, R::None),
    e(0xa2, "xor-long", F23x, C | SR | WIDE, R::None),
    e(0xa3, "shl-long", F23x, C | SR | WIDE, R::None),
    e(0xa4, "shr-long", F23x, C | SR | WIDE, R::None),
    e(0xa5, "ushr-long", F23x, C | SR | WIDE, R::None),
    e(0xa6, "add-float", F23x, C | SR, R::None),
    e(0xa7, "sub-float", F23x, C | SR, R::None),
    e(0xa8, "mul-float", F23x, C | SR, R::None),
    e(0xa9, "div-float", F23x, C | SR, R::None),
    e(0xaa, "rem-float", F23x, C | SR, R::None),
    e(0xab, "add-double", F23x, C | SR | WIDE, R::None),
    e(0xac, "sub-double", F23x, C | SR | WIDE, R::None),
    e(0xad, "mul-double", F23x, C | SR | WIDE, R::None),
    e(0xae, "div-double", F23x, C | SR | WIDE, R::None),
    e(0xaf, "rem-double", F23x, C | SR | WIDE, R::None),
    e(0xb0, "add-int/2addr", F12x, C | SR, R::None),
    e(0xb1, "sub-int/2addr", F12x, C | SR, R::None),
    e(0xb2, "mul-int/2addr", F12x, C | SR, R::None),
    e(0xb3, "div-int/2addr", F12x, T | SR, R::None),
    e(0xb4, "rem-int/2addr", F12x, T | SR, R::None),
    e(0xb5, "and-int/2addr", F12x, C | SR, R::None),
    e(0xb6, "or-int/2addr", F12x, C | SR, R::None),
    e(0xb7, "xor-int/2addr", F12x, C | SR, R::None),
    e(0xb8, "shl-int/2addr", F12x, C | SR, R::None),
    e(0xb9, "shr-int/2addr", F12x, C | SR, R::None),
    e(0xba, "ushr-int/2addr", F12x, C | SR, R::None),
    e(0xbb, "add-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xbc, "sub-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xbd, "mul-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xbe, "div-long/2addr", F12x, T | SR | WIDE, R::None),
    e(0xbf, "rem-long/2addr", F12x, T | SR | WIDE, R::None),
    e(0xc0, "and-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xc1, "or-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xc2, "xor-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xc3, "shl-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xc4, "shr-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xc5, "ushr-long/2addr", F12x, C | SR | WIDE, R::None),
    e(0xc6, "add-float/2addr", F12x, C | SR, R::None),
    e(0xc7, "sub-float/2addr", F12x, C | SR, R::None),
    e(0xc8, "mul-float/2addr", F12x, C | SR, R::None),
    e(0xc9, "div-float/2addr", F12x, C | SR, R::None),
    e(0xca, "rem-float/2addr", F12x, C | SR, R::None),
    e(0xcb, "add-double/2addr", F12x, C | SR | WIDE, R::None),
    e(0xcc, "sub-double/2addr", F12x, C | SR | WIDE, R::None),
    e(0xcd, "mul-double/2addr", F12x, C | SR | WIDE, R::None),
    e(0xce, "div-double/2addr", F12x, C | SR | WIDE, R::None),
    e(0xcf, "rem-double/2addr", F12x, C | SR | WIDE, R::None),
    e(0xd0, "add-int/lit16", F22s, C | SR, R::None),
    e(0xd1, "rsub-int", F22s, C | SR, R::None),
    e(0xd2, "mul-int/lit16", F22s, C | SR, R::None),
    e(0xd3, "div-int/lit16", F22s, T | SR, R::None),
    e(0xd4, "rem-int/lit16", F22s, T | SR, R::None),
    e(0xd5, "and-int/lit16", F22s, C | SR, R::None),
    e(0xd6, "or-int/lit16", F22s, C | SR, R::None),
    e(0xd7, "xor-int/lit16", F22s, C | SR, R::None),
    e(0xd8, "add-int/lit8", F22b, C | SR, R::None),
    e(0xd9, "rsub-int/lit8", F22b, C | SR, R::None),
    e(0xda, "mul-int/lit8", F22b, C | SR, R::None),
    e(0xdb, "div-int/lit8", F22b, T | SR, R::None),
    e(0xdc, "rem-int/lit8", F22b, T | SR, R::None),
    e(0xdd, "and-int/lit8", F22b, C | SR, R::None),
    e(0xde, "or-int/lit8", F22b, C | SR, R::None),
    e(0xdf, "xor-int/lit8", F22b, C | SR, R::None),
    e(0xe0, "shl-int/lit8", F22b, C | SR, R::None),
    e(0xe1, "shr-int/lit8", F22b, C | SR, R::None),
    e(0xe2, "ushr-int/lit8", F22b, C | SR, R::None),
    OpInfo { opcode: 0xfa, name: "invoke-polymorphic", format: F45cc, flags: T | INVOKE | SETS_RESULT, reference: R::Method, reference2: R::Proto },
    OpInfo { opcode: 0xfb, name: "invoke-polymorphic/range", format: F4rcc, flags: T | INVOKE | SETS_RESULT | RANGE, reference: R::Method, reference2: R::Proto },
    e(0xfc, "invoke-custom", F35c, T | INVOKE | SETS_RESULT, R::CallSite),
    e(0xfd, "invoke-custom/range", F3rc, T | INVOKE | SETS_RESULT | RANGE, R::CallSite),
    e(0xfe, "const-method-handle", F21c, T | SR, R::MethodHandle),
    e(0xff, "const-method-type", F21c, T | SR, R::Proto),
];

const fn build() -> [OpInfo; 256] {
    // Unused opcodes decode as one-unit `10x` instructions, as dexdump does.
    let mut t = [e(0, "unused", F10x, UNUSED | CONTINUES, R::None); 256];
    let mut i = 0;
    while i < 256 {
        t[i].opcode = i as u8;
        i += 1;
    }
    let mut j = 0;
    while j < DEFINED.len() {
        t[DEFINED[j].opcode as usize] = DEFINED[j];
        j += 1;
    }
    t
}

/// All 256 opcodes, indexed by the low byte of an instruction's first code unit.
pub static OPCODES: [OpInfo; 256] = build();

#[inline]
pub fn info(opcode: u8) -> &'static OpInfo {
    &OPCODES[opcode as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_opcode() {
        for (i, op) in OPCODES.iter().enumerate() {
            assert_eq!(op.opcode as usize, i);
        }
        assert_eq!(info(0x6e).name, "invoke-virtual");
        assert_eq!(info(0xfa).format.units(), 4);
        assert_eq!(info(0x18).format.units(), 5);
        assert!(info(0x73).has(flags::UNUSED));
        assert!(info(0xe3).has(flags::UNUSED));
        let invokes = OPCODES.iter().filter(|o| o.has(flags::INVOKE)).count();
        assert_eq!(invokes, 14);
        let defined = OPCODES.iter().filter(|o| !o.has(flags::UNUSED)).count();
        // 256 minus 3e..43 (6), 73, 79, 7a, e3..f9 (23)
        assert_eq!(defined, 256 - 6 - 3 - 23);
    }
}
