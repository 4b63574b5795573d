//! encoded_value, encoded_array and annotations (class, field, method and parameter
//! annotation sets via the annotations_directory_item). Values keep dex-local indices; the
//! bytecode loader resolves them. Nesting depth and every count are bounded by the input.

use super::error::{DexError, DexErrorKind as K, Result};
use super::file::{DexFile, FieldIdx, MethodHandleIdx, MethodIdx, ProtoIdx, StringIdx, TypeIdx};
use super::read::{Reader, slice_at, u32_at};

const MAX_DEPTH: u32 = 32;

#[derive(Clone, Debug, PartialEq)]
pub enum EncodedValue {
    Byte(i8),
    Short(i16),
    Char(u16),
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    MethodType(ProtoIdx),
    MethodHandle(MethodHandleIdx),
    String(StringIdx),
    Type(TypeIdx),
    Field(FieldIdx),
    Method(MethodIdx),
    Enum(FieldIdx),
    Array(Vec<EncodedValue>),
    Annotation(EncodedAnnotation),
    Null,
    Boolean(bool),
}

#[derive(Clone, Debug, PartialEq)]
pub struct EncodedAnnotation {
    pub ty: TypeIdx,
    pub elements: Vec<(StringIdx, EncodedValue)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationItem {
    pub visibility: u8,
    pub annotation: EncodedAnnotation,
}

/// `size` bytes little-endian, sign-extended to 64 bits.
fn read_signed(r: &mut Reader<'_>, size: usize) -> Result<i64> {
    let b = r.bytes(size)?;
    let mut v: u64 = 0;
    for (i, &x) in b.iter().enumerate() {
        v |= (x as u64) << (8 * i);
    }
    let shift = 64 - 8 * size as u32;
    Ok(((v << shift) as i64) >> shift)
}

fn read_unsigned(r: &mut Reader<'_>, size: usize) -> Result<u64> {
    let b = r.bytes(size)?;
    let mut v: u64 = 0;
    for (i, &x) in b.iter().enumerate() {
        v |= (x as u64) << (8 * i);
    }
    Ok(v)
}

/// Zero-extended to the right (floats store their high-order bytes).
fn read_right(r: &mut Reader<'_>, size: usize, width: usize) -> Result<u64> {
    let v = read_unsigned(r, size)?;
    Ok(v << (8 * (width - size)))
}

pub fn read_value(r: &mut Reader<'_>, depth: u32) -> Result<EncodedValue> {
    if depth > MAX_DEPTH {
        return Err(DexError::new(r.pos, K::TooDeep));
    }
    let at = r.pos;
    let b = r.u8()?;
    let ty = b & 0x1f;
    let arg = (b >> 5) as usize;
    let size = arg + 1;
    let check = |max: usize| {
        if size > max {
            Err(DexError::new(at, K::BadValueType(b)))
        } else {
            Ok(())
        }
    };
    let idx = |r: &mut Reader<'_>| -> Result<u32> {
        check(4)?;
        Ok(read_unsigned(r, size)? as u32)
    };
    Ok(match ty {
        0x00 => {
            check(1)?;
            EncodedValue::Byte(read_signed(r, size)? as i8)
        }
        0x02 => {
            check(2)?;
            EncodedValue::Short(read_signed(r, size)? as i16)
        }
        0x03 => {
            check(2)?;
            EncodedValue::Char(read_unsigned(r, size)? as u16)
        }
        0x04 => {
            check(4)?;
            EncodedValue::Int(read_signed(r, size)? as i32)
        }
        0x06 => EncodedValue::Long(read_signed(r, size)?),
        0x10 => {
            check(4)?;
            EncodedValue::Float(f32::from_bits(read_right(r, size, 4)? as u32))
        }
        0x11 => EncodedValue::Double(f64::from_bits(read_right(r, size, 8)?)),
        0x15 => EncodedValue::MethodType(ProtoIdx(idx(r)?)),
        0x16 => EncodedValue::MethodHandle(MethodHandleIdx(idx(r)?)),
        0x17 => EncodedValue::String(StringIdx(idx(r)?)),
        0x18 => EncodedValue::Type(TypeIdx(idx(r)?)),
        0x19 => EncodedValue::Field(FieldIdx(idx(r)?)),
        0x1a => EncodedValue::Method(MethodIdx(idx(r)?)),
        0x1b => EncodedValue::Enum(FieldIdx(idx(r)?)),
        0x1c => EncodedValue::Array(read_array(r, depth + 1)?),
        0x1d => EncodedValue::Annotation(read_annotation(r, depth + 1)?),
        0x1e => EncodedValue::Null,
        0x1f => EncodedValue::Boolean(arg != 0),
        _ => return Err(DexError::new(at, K::BadValueType(b))),
    })
}

pub fn read_array(r: &mut Reader<'_>, depth: u32) -> Result<Vec<EncodedValue>> {
    let at = r.pos;
    let n = r.uleb128()? as usize;
    // every value takes at least one byte
    if n > r.remaining() {
        return Err(DexError::new(at, K::BadCount("encoded_array")));
    }
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(read_value(r, depth)?);
    }
    Ok(v)
}

pub fn read_annotation(r: &mut Reader<'_>, depth: u32) -> Result<EncodedAnnotation> {
    let ty = TypeIdx(r.uleb128()?);
    let at = r.pos;
    let n = r.uleb128()? as usize;
    if n > r.remaining() / 2 {
        return Err(DexError::new(at, K::BadCount("encoded_annotation")));
    }
    let mut elements = Vec::with_capacity(n);
    for _ in 0..n {
        let name = StringIdx(r.uleb128()?);
        elements.push((name, read_value(r, depth)?));
    }
    Ok(EncodedAnnotation { ty, elements })
}

/// Annotation offsets of one class, from its annotations_directory_item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationsDirectory {
    pub class_annotations_off: u32,
    pub fields: Vec<(FieldIdx, u32)>,
    pub methods: Vec<(MethodIdx, u32)>,
    /// method -> annotation_set_ref_list offset
    pub parameters: Vec<(MethodIdx, u32)>,
}

impl<'a> DexFile<'a> {
    /// An encoded_array_item at `off` (static values, call sites).
    pub fn encoded_array(&self, off: u32) -> Result<Vec<EncodedValue>> {
        read_array(&mut Reader::new(self.data(), off as usize), 0)
    }

    pub fn annotations_directory(&self, off: u32) -> Result<AnnotationsDirectory> {
        let d = self.data();
        let o = off as usize;
        let class_annotations_off = u32_at(d, o)?;
        let nf = u32_at(d, o + 4)? as usize;
        let nm = u32_at(d, o + 8)? as usize;
        let np = u32_at(d, o + 12)? as usize;
        let mut at = o + 16;
        let mut list = |n: usize, what: &'static str| -> Result<Vec<(u32, u32)>> {
            let raw = slice_at(d, at, n, 8, what)?;
            at += raw.len();
            Ok(raw
                .chunks_exact(8)
                .map(|c| {
                    (
                        u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                        u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
                    )
                })
                .collect())
        };
        let fields = list(nf, "field_annotations")?;
        let methods = list(nm, "method_annotations")?;
        let parameters = list(np, "parameter_annotations")?;
        Ok(AnnotationsDirectory {
            class_annotations_off,
            fields: fields.into_iter().map(|(a, b)| (FieldIdx(a), b)).collect(),
            methods: methods
                .into_iter()
                .map(|(a, b)| (MethodIdx(a), b))
                .collect(),
            parameters: parameters
                .into_iter()
                .map(|(a, b)| (MethodIdx(a), b))
                .collect(),
        })
    }

    /// The annotations of an annotation_set_item (0 = none).
    pub fn annotation_set(&self, off: u32) -> Result<Vec<AnnotationItem>> {
        if off == 0 {
            return Ok(Vec::new());
        }
        let d = self.data();
        let n = u32_at(d, off as usize)? as usize;
        let raw = slice_at(d, off as usize + 4, n, 4, "annotation_set")?;
        let mut out = Vec::with_capacity(n);
        for c in raw.chunks_exact(4) {
            let item = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            let mut r = Reader::new(d, item);
            let visibility = r.u8()?;
            out.push(AnnotationItem {
                visibility,
                annotation: read_annotation(&mut r, 0)?,
            });
        }
        Ok(out)
    }

    /// annotation_set_ref_list: one annotation set per parameter.
    pub fn annotation_set_ref_list(&self, off: u32) -> Result<Vec<Vec<AnnotationItem>>> {
        let d = self.data();
        let n = u32_at(d, off as usize)? as usize;
        let raw = slice_at(d, off as usize + 4, n, 4, "annotation_set_ref_list")?;
        raw.chunks_exact(4)
            .map(|c| self.annotation_set(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(b: &[u8]) -> Result<EncodedValue> {
        read_value(&mut Reader::new(b, 0), 0)
    }

    #[test]
    fn scalar_values() {
        assert_eq!(val(&[0x00, 0xff]).unwrap(), EncodedValue::Byte(-1));
        assert_eq!(val(&[0x04, 0x80]).unwrap(), EncodedValue::Int(-128));
        assert_eq!(val(&[0x24, 0x80, 0x00]).unwrap(), EncodedValue::Int(128));
        assert_eq!(
            val(&[0x03 | 0x20, 0xff, 0xff]).unwrap(),
            EncodedValue::Char(0xffff)
        );
        // 1.0f = 0x3f800000: stored as its top bytes 0x80 0x3f
        assert_eq!(
            val(&[0x10 | 0x20, 0x80, 0x3f]).unwrap(),
            EncodedValue::Float(1.0)
        );
        assert_eq!(val(&[0x1f | 0x20]).unwrap(), EncodedValue::Boolean(true));
        assert_eq!(val(&[0x1e]).unwrap(), EncodedValue::Null);
        assert_eq!(
            val(&[0x1c, 2, 0x1e, 0x17, 5]).unwrap(),
            EncodedValue::Array(vec![EncodedValue::Null, EncodedValue::String(StringIdx(5))])
        );
    }

    #[test]
    fn bad_values() {
        assert_eq!(val(&[0x01]).unwrap_err().kind, K::BadValueType(0x01));
        assert!(val(&[0x24]).is_err()); // truncated int
        assert_eq!(
            val(&[0xe4, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap_err().kind,
            K::BadValueType(0xe4)
        );
        // huge array count must not allocate
        assert_eq!(
            val(&[0x1c, 0xff, 0xff, 0xff, 0xff, 0x0f]).unwrap_err().kind,
            K::BadCount("encoded_array")
        );
        // deep nesting
        let deep = vec![0x1c, 1].repeat(100);
        assert_eq!(val(&deep).unwrap_err().kind, K::TooDeep);
    }
}
