//! The instruction decoder: walks a code item's 16-bit units with the opcode table, yielding
//! one `Instruction` per real instruction and stepping over switch / array payloads. Odd or
//! truncated code ends the walk with one `Err`; it never panics and never reads out of range.

use super::opcode::{
    FILL_ARRAY_DATA_PAYLOAD, Format, OpInfo, PACKED_SWITCH_PAYLOAD, SPARSE_SWITCH_PAYLOAD, info,
};
use crate::dex::{DexError, DexErrorKind, Insns};

/// A source of code units: a `&[u16]` or the raw bytes of a code item.
pub trait CodeUnits: Copy {
    fn len(&self) -> usize;
    fn unit(&self, i: usize) -> Option<u16>;
}

impl CodeUnits for &[u16] {
    #[inline]
    fn len(&self) -> usize {
        <[u16]>::len(self)
    }
    #[inline]
    fn unit(&self, i: usize) -> Option<u16> {
        self.get(i).copied()
    }
}

impl CodeUnits for Insns<'_> {
    #[inline]
    fn len(&self) -> usize {
        Insns::len(self)
    }
    #[inline]
    fn unit(&self, i: usize) -> Option<u16> {
        self.get(i)
    }
}

/// Register operands: an explicit list (35c-style, up to five) or a range (3rc-style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regs {
    List { regs: [u16; 5], count: u8 },
    Range { first: u16, count: u8 },
}

impl Regs {
    pub fn len(&self) -> usize {
        match *self {
            Regs::List { count, .. } | Regs::Range { count, .. } => count as usize,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Option<u16> {
        match *self {
            Regs::List { regs, count } => (i < count as usize).then(|| regs[i]),
            Regs::Range { first, count } => {
                (i < count as usize).then(|| first.wrapping_add(i as u16))
            }
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// One decoded instruction. Which fields are meaningful depends on `info.format`:
/// `a`/`b`/`c` are the vA/vB/vC registers, `literal` the constant (already shifted for
/// `21h`: const/high16 gives `<< 16`, const-wide/high16 `<< 48`), `offset` a branch or
/// payload offset relative to `pc`, `index`/`index2` pool indices, `regs` invoke arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    pub pc: u32,
    pub info: &'static OpInfo,
    pub a: u16,
    pub b: u16,
    pub c: u16,
    pub literal: i64,
    pub offset: i32,
    pub index: u32,
    pub index2: u32,
    pub regs: Regs,
}

impl Instruction {
    #[inline]
    pub fn opcode(&self) -> u8 {
        self.info.opcode
    }
    #[inline]
    pub fn units(&self) -> u16 {
        self.info.format.units()
    }
    /// Absolute pc of a branch or payload target (may be outside the code: callers check).
    #[inline]
    pub fn target(&self) -> i64 {
        self.pc as i64 + self.offset as i64
    }
}

/// Width of the payload starting at `pc` (whose first unit is a payload ident), or None if
/// it does not fit in the code.
pub fn payload_units<C: CodeUnits>(code: C, pc: usize) -> Option<usize> {
    let ident = code.unit(pc)?;
    let n = match ident {
        PACKED_SWITCH_PAYLOAD => code.unit(pc + 1)? as u64 * 2 + 4,
        SPARSE_SWITCH_PAYLOAD => code.unit(pc + 1)? as u64 * 4 + 2,
        FILL_ARRAY_DATA_PAYLOAD => {
            let width = code.unit(pc + 1)? as u64;
            let size = code.unit(pc + 2)? as u64 | (code.unit(pc + 3)? as u64) << 16;
            (size * width).div_ceil(2) + 4
        }
        _ => return None,
    };
    if pc as u64 + n > code.len() as u64 {
        return None;
    }
    Some(n as usize)
}

/// Decodes the instruction at `pc` (which must not be a payload).
#[inline]
pub fn decode_at<C: CodeUnits>(code: C, pc: usize) -> Result<Instruction, DexError> {
    let trunc = DexError::new(pc, DexErrorKind::TruncatedInstruction);
    let w = code.unit(pc).ok_or(trunc)?;
    let info = info(w as u8);
    let units = info.format.units() as usize;
    if pc + units > code.len() {
        return Err(trunc);
    }
    let u = |i: usize| code.unit(pc + i).unwrap_or(0);
    let hi = w >> 8;
    let mut ins = Instruction {
        pc: pc as u32,
        info,
        a: 0,
        b: 0,
        c: 0,
        literal: 0,
        offset: 0,
        index: 0,
        index2: 0,
        regs: Regs::List {
            regs: [0; 5],
            count: 0,
        },
    };
    let nib_a = hi & 0xf;
    let nib_b = hi >> 4;
    let u32_at = |i: usize| u(i) as u32 | (u(i + 1) as u32) << 16;
    match info.format {
        Format::F10x => {}
        Format::F12x => {
            ins.a = nib_a;
            ins.b = nib_b;
        }
        Format::F11n => {
            ins.a = nib_a;
            ins.literal = (((hi as u8) as i8) >> 4) as i64;
        }
        Format::F11x => ins.a = hi,
        Format::F10t => ins.offset = (hi as u8 as i8) as i32,
        Format::F20t => ins.offset = u(1) as i16 as i32,
        Format::F20bc => {
            ins.a = hi;
            ins.index = u(1) as u32;
        }
        Format::F22x => {
            ins.a = hi;
            ins.b = u(1);
        }
        Format::F21t => {
            ins.a = hi;
            ins.offset = u(1) as i16 as i32;
        }
        Format::F21s => {
            ins.a = hi;
            ins.literal = u(1) as i16 as i64;
        }
        Format::F21h => {
            ins.a = hi;
            let v = u(1) as i16 as i64;
            ins.literal = if info.opcode == 0x19 {
                v << 48
            } else {
                v << 16
            };
        }
        Format::F21c => {
            ins.a = hi;
            ins.index = u(1) as u32;
        }
        Format::F23x => {
            ins.a = hi;
            ins.b = u(1) & 0xff;
            ins.c = u(1) >> 8;
        }
        Format::F22b => {
            ins.a = hi;
            ins.b = u(1) & 0xff;
            ins.literal = ((u(1) >> 8) as u8 as i8) as i64;
        }
        Format::F22t => {
            ins.a = nib_a;
            ins.b = nib_b;
            ins.offset = u(1) as i16 as i32;
        }
        Format::F22s => {
            ins.a = nib_a;
            ins.b = nib_b;
            ins.literal = u(1) as i16 as i64;
        }
        Format::F22c | Format::F22cs => {
            ins.a = nib_a;
            ins.b = nib_b;
            ins.index = u(1) as u32;
        }
        Format::F30t => ins.offset = u32_at(1) as i32,
        Format::F32x => {
            ins.a = u(1);
            ins.b = u(2);
        }
        Format::F31i => {
            ins.a = hi;
            ins.literal = u32_at(1) as i32 as i64;
        }
        Format::F31t => {
            ins.a = hi;
            ins.offset = u32_at(1) as i32;
        }
        Format::F31c => {
            ins.a = hi;
            ins.index = u32_at(1);
        }
        Format::F35c | Format::F35ms | Format::F35mi | Format::F45cc => {
            let count = nib_b.min(5) as u8;
            let g = nib_a;
            let f = u(2);
            ins.index = u(1) as u32;
            ins.regs = Regs::List {
                regs: [f & 0xf, (f >> 4) & 0xf, (f >> 8) & 0xf, f >> 12, g],
                count,
            };
            ins.a = nib_b;
            if info.format == Format::F45cc {
                ins.index2 = u(3) as u32;
            }
        }
        Format::F3rc | Format::F3rms | Format::F3rmi | Format::F4rcc => {
            ins.a = hi;
            ins.index = u(1) as u32;
            ins.c = u(2);
            ins.regs = Regs::Range {
                first: u(2),
                count: hi as u8,
            };
            if info.format == Format::F4rcc {
                ins.index2 = u(3) as u32;
            }
        }
        Format::F51l => {
            ins.a = hi;
            ins.literal = (u32_at(1) as u64 | (u32_at(3) as u64) << 32) as i64;
        }
    }
    Ok(ins)
}

/// Iterates the instructions of a code item, skipping payloads. After an error (truncated
/// instruction or payload) it yields that error once and stops.
#[derive(Clone, Debug)]
pub struct InsnIter<C: CodeUnits> {
    code: C,
    pc: usize,
    done: bool,
}

pub fn instructions<C: CodeUnits>(code: C) -> InsnIter<C> {
    InsnIter {
        code,
        pc: 0,
        done: false,
    }
}

impl<C: CodeUnits> Iterator for InsnIter<C> {
    type Item = Result<Instruction, DexError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done || self.pc >= self.code.len() {
                return None;
            }
            let w = self.code.unit(self.pc)?;
            if w & 0xff == 0 && w != 0 {
                if matches!(
                    w,
                    PACKED_SWITCH_PAYLOAD | SPARSE_SWITCH_PAYLOAD | FILL_ARRAY_DATA_PAYLOAD
                ) {
                    match payload_units(self.code, self.pc) {
                        Some(n) => {
                            self.pc += n;
                            continue;
                        }
                        None => {
                            self.done = true;
                            return Some(Err(DexError::new(
                                self.pc,
                                DexErrorKind::TruncatedInstruction,
                            )));
                        }
                    }
                }
            }
            return match decode_at(self.code, self.pc) {
                Ok(i) => {
                    self.pc += i.units() as usize;
                    Some(Ok(i))
                }
                Err(e) => {
                    self.done = true;
                    Some(Err(e))
                }
            };
        }
    }
}

/// A packed- or sparse-switch payload: `(key, absolute target pc)` pairs; targets are
/// relative to `switch_pc`. None if the payload is missing or malformed.
pub fn switch_targets<C: CodeUnits>(
    code: C,
    switch_pc: u32,
    payload_pc: i64,
) -> Option<Vec<(i32, u32)>> {
    if payload_pc < 0 {
        return None;
    }
    let p = payload_pc as usize;
    payload_units(code, p)?;
    let u32_at =
        |i: usize| -> Option<u32> { Some(code.unit(i)? as u32 | (code.unit(i + 1)? as u32) << 16) };
    let size = code.unit(p + 1)? as usize;
    let tgt = |rel: u32| -> u32 { (switch_pc as i64 + rel as i32 as i64) as u32 };
    let mut out = Vec::with_capacity(size);
    match code.unit(p)? {
        PACKED_SWITCH_PAYLOAD => {
            let first = u32_at(p + 2)? as i32;
            for i in 0..size {
                out.push((first.wrapping_add(i as i32), tgt(u32_at(p + 4 + 2 * i)?)));
            }
        }
        SPARSE_SWITCH_PAYLOAD => {
            for i in 0..size {
                let key = u32_at(p + 2 + 2 * i)? as i32;
                let rel = u32_at(p + 2 + 2 * size + 2 * i)?;
                out.push((key, tgt(rel)));
            }
        }
        _ => return None,
    }
    Some(out)
}

/// A fill-array-data payload: `(element_width, little-endian element bytes)`.
pub fn array_data<C: CodeUnits>(code: C, payload_pc: i64) -> Option<(u16, Vec<u8>)> {
    if payload_pc < 0 {
        return None;
    }
    let p = payload_pc as usize;
    payload_units(code, p)?;
    if code.unit(p)? != FILL_ARRAY_DATA_PAYLOAD {
        return None;
    }
    let width = code.unit(p + 1)?;
    let size = code.unit(p + 2)? as usize | (code.unit(p + 3)? as usize) << 16;
    let nbytes = size * width as usize; // fits: payload_units checked it lies in the code
    let mut out = Vec::with_capacity(nbytes);
    let mut i = 0;
    while out.len() < nbytes {
        let w = code.unit(p + 4 + i)?;
        out.push(w as u8);
        if out.len() < nbytes {
            out.push((w >> 8) as u8);
        }
        i += 1;
    }
    Some((width, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(code: &[u16]) -> Vec<Result<Instruction, DexError>> {
        instructions(code).collect()
    }

    #[test]
    fn decodes_common_formats() {
        // const/4 v1, -1 ; const/high16 v0, 0x4120 ; const-wide/high16 v2, 0x4024 ;
        // invoke-virtual {v1, v2}, meth@7 ; return-void
        let code: &[u16] = &[
            0xf112,
            0x4120_u16 & 0xff00 | 0x0015,
            0x4120,
            0x0219,
            0x4024,
            0x206e,
            7,
            0x0021,
            0x000e,
        ];
        let v = all(code);
        let ins: Vec<_> = v.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(ins.len(), 5);
        assert_eq!((ins[0].a, ins[0].literal), (1, -1));
        assert_eq!(ins[1].literal, 0x4120 << 16);
        assert_eq!((ins[2].a, ins[2].literal), (2, 0x4024_i64 << 48));
        assert_eq!(ins[3].info.name, "invoke-virtual");
        assert_eq!(ins[3].index, 7);
        assert_eq!(ins[3].regs.iter().collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(ins[4].pc, 8);
    }

    #[test]
    fn skips_payloads_and_resolves_switch() {
        // 0: packed-switch v0, +4 ; 3: return-void ; 4: payload (size 2, first 10, targets 3, 3)
        let code: &[u16] = &[0x002b, 4, 0, 0x000e, 0x0100, 2, 10, 0, 3, 0, 3, 0];
        let ins: Vec<_> = instructions(code).map(|r| r.unwrap()).collect();
        assert_eq!(ins.len(), 2);
        let t = switch_targets(code, 0, ins[0].target()).unwrap();
        assert_eq!(t, vec![(10, 3), (11, 3)]);
    }

    #[test]
    fn fill_array_data_bytes() {
        let code: &[u16] = &[0x0026, 3, 0, 0x0300, 1, 3, 0, 0x0201, 0x0003];
        let ins: Vec<_> = instructions(code).map(|r| r.unwrap()).collect();
        assert_eq!(ins.len(), 1);
        assert_eq!(array_data(code, ins[0].target()), Some((1, vec![1, 2, 3])));
    }

    #[test]
    fn truncated_code_is_an_error_not_a_panic() {
        // const-wide with only two of its five units
        let v = all(&[0x0018, 1]);
        assert_eq!(v.len(), 1);
        assert!(v[0].is_err());
        // payload whose size runs past the end
        let v = all(&[0x000e, 0x0300, 4, 0xffff, 0xffff]);
        assert!(v[0].is_ok());
        assert!(v[1].is_err());
        assert_eq!(v.len(), 2);
        assert!(switch_targets(&[0x002b_u16, 0x7fff, 0x7fff][..], 0, 1 << 40).is_none());
        assert!(array_data(&[0u16; 2][..], -5).is_none());
    }

    #[test]
    fn polymorphic_and_custom() {
        // invoke-polymorphic {v1, v2}, meth@3, proto@9 ; invoke-custom/range {v4..v6}, call_site@2
        let code: &[u16] = &[0x20fa, 3, 0x0021, 9, 0x03fd, 2, 4];
        let ins: Vec<_> = instructions(code).map(|r| r.unwrap()).collect();
        assert_eq!((ins[0].index, ins[0].index2), (3, 9));
        assert_eq!(ins[1].regs.iter().collect::<Vec<_>>(), vec![4, 5, 6]);
    }
}
