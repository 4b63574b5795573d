//! `DexFile`: a lazy view over one dex file's bytes (or one dex inside a v041 container).
//! Parsing the header checks every id section against the file size, so later reads of an
//! id table only need an index check. Nothing is copied or allocated up front.

use super::error::{DexError, DexErrorKind as K, Result};
use super::mutf8;
use super::read::{Reader, slice_at, u16_at, u32_at};
use std::borrow::Cow;

macro_rules! index_type {
    ($($(#[$m:meta])* $name:ident($t:ty)),*) => {$(
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub $t);
        impl $name {
            #[inline]
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

index_type!(
    /// Index into `string_ids`.
    StringIdx(u32),
    /// Index into `type_ids`.
    TypeIdx(u32),
    /// Index into `proto_ids`.
    ProtoIdx(u32),
    /// Index into `field_ids`.
    FieldIdx(u32),
    /// Index into `method_ids`.
    MethodIdx(u32),
    /// Index into the call_site_ids section (from the map list).
    CallSiteIdx(u32),
    /// Index into the method_handles section (from the map list).
    MethodHandleIdx(u32)
);

pub const NO_INDEX: u32 = 0xffff_ffff;
const ENDIAN_CONSTANT: u32 = 0x1234_5678;

/// `(offset, count)` of one table; the offset is already checked against the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Section {
    pub off: u32,
    pub size: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// 35..=41
    pub version: u16,
    pub checksum: u32,
    pub file_size: u32,
    pub header_size: u32,
    pub map_off: u32,
    pub string_ids: Section,
    pub type_ids: Section,
    pub proto_ids: Section,
    pub field_ids: Section,
    pub method_ids: Section,
    pub class_defs: Section,
    pub data_size: u32,
    pub data_off: u32,
    /// v041: size of the whole container and this header's offset in it (0 otherwise).
    pub container_size: u32,
    pub header_offset: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProtoId {
    pub shorty: StringIdx,
    pub return_type: TypeIdx,
    pub parameters_off: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldId {
    pub class: TypeIdx,
    pub ty: TypeIdx,
    pub name: StringIdx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodId {
    pub class: TypeIdx,
    pub proto: ProtoIdx,
    pub name: StringIdx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClassDefItem {
    pub class: TypeIdx,
    pub access_flags: u32,
    pub superclass: Option<TypeIdx>,
    pub interfaces_off: u32,
    pub source_file: Option<StringIdx>,
    pub annotations_off: u32,
    pub class_data_off: u32,
    pub static_values_off: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodHandleItem {
    /// 0..=3 field accessors (static-put, static-get, instance-put, instance-get),
    /// 4 invoke-static, 5 invoke-instance, 6 invoke-constructor, 7 invoke-direct,
    /// 8 invoke-interface
    pub kind: u16,
    /// a field index for kinds 0..=3, a method index otherwise
    pub target: u16,
}

impl MethodHandleItem {
    pub fn is_field(&self) -> bool {
        self.kind <= 3
    }
}

/// A `type_list` (interfaces, proto parameters): a view over `size` u16 type indices.
#[derive(Clone, Copy, Debug, Default)]
pub struct TypeList<'a> {
    raw: &'a [u8],
}

impl<'a> TypeList<'a> {
    pub fn len(&self) -> usize {
        self.raw.len() / 2
    }
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
    pub fn iter(&self) -> impl ExactSizeIterator<Item = TypeIdx> + 'a {
        self.raw
            .chunks_exact(2)
            .map(|c| TypeIdx(u16::from_le_bytes([c[0], c[1]]) as u32))
    }
}

/// One dex file. `data` is the whole buffer (for v041 the whole container); `base` is where
/// this dex's header starts. Id tables are read relative to `base`; data-section offsets
/// (strings, code, class data, annotations) relative to the container start, as ART does.
#[derive(Clone, Copy, Debug)]
pub struct DexFile<'a> {
    data: &'a [u8],
    base: usize,
    pub header: Header,
    call_site_ids: Section,
    method_handles: Section,
    map_error: Option<DexError>,
}

fn check_section(
    data: &[u8],
    base: usize,
    off: u32,
    size: u32,
    item: usize,
    what: &'static str,
) -> Result<Section> {
    if size == 0 {
        return Ok(Section { off, size: 0 });
    }
    let start = base
        .checked_add(off as usize)
        .ok_or(DexError::new(base, K::SectionOutOfRange(what)))?;
    slice_at(data, start, size as usize, item, what)
        .map_err(|e| DexError::new(e.offset, K::SectionOutOfRange(what)))?;
    Ok(Section { off, size })
}

/// The dex version in the magic at `off`, if the magic is valid.
pub fn magic_version(data: &[u8], off: usize) -> Result<u16> {
    let m = data
        .get(off..off.wrapping_add(8))
        .ok_or(DexError::new(off, K::Truncated("header")))?;
    if &m[0..4] != b"dex\n" || m[7] != 0 || !m[4..7].iter().all(u8::is_ascii_digit) {
        return Err(DexError::new(off, K::BadMagic));
    }
    let v = (m[4] - b'0') as u16 * 100 + (m[5] - b'0') as u16 * 10 + (m[6] - b'0') as u16;
    if !(35..=41).contains(&v) {
        return Err(DexError::new(off, K::UnsupportedVersion(v)));
    }
    Ok(v)
}

impl<'a> DexFile<'a> {
    /// Parses the dex whose header starts at byte 0.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        Self::parse_at(data, 0)
    }

    /// Parses the dex whose header starts at `base` (a v041 container holds several).
    pub fn parse_at(data: &'a [u8], base: usize) -> Result<Self> {
        let version = magic_version(data, base)?;
        let hsize = if version >= 41 { 0x78 } else { 0x70 };
        slice_at(data, base, hsize, 1, "header")?;
        let r = |o: usize| u32_at(data, base + o);
        let endian = r(40)?;
        if endian != ENDIAN_CONSTANT {
            return Err(DexError::new(base + 40, K::BadEndianTag));
        }
        let (container_size, header_offset) = if version >= 41 {
            (r(0x70)?, r(0x74)?)
        } else {
            (0, 0)
        };
        let header = Header {
            version,
            checksum: r(8)?,
            file_size: r(32)?,
            header_size: r(36)?,
            map_off: r(52)?,
            string_ids: check_section(data, base, r(60)?, r(56)?, 4, "string_ids")?,
            type_ids: check_section(data, base, r(68)?, r(64)?, 4, "type_ids")?,
            proto_ids: check_section(data, base, r(76)?, r(72)?, 12, "proto_ids")?,
            field_ids: check_section(data, base, r(84)?, r(80)?, 8, "field_ids")?,
            method_ids: check_section(data, base, r(92)?, r(88)?, 8, "method_ids")?,
            class_defs: check_section(data, base, r(100)?, r(96)?, 32, "class_defs")?,
            data_size: r(104)?,
            data_off: r(108)?,
            container_size,
            header_offset,
        };
        let mut dex = DexFile {
            data,
            base,
            header,
            call_site_ids: Section::default(),
            method_handles: Section::default(),
            map_error: None,
        };
        // The map list is optional: call sites and method handles are only found through it,
        // so a broken map only loses those.
        if header.map_off != 0 {
            dex.map_error = dex.read_map().err();
        }
        Ok(dex)
    }

    fn read_map(&mut self) -> Result<()> {
        let off = self.header.map_off as usize;
        let size = u32_at(self.data, off)?;
        let items = slice_at(self.data, off + 4, size as usize, 12, "map_list")?;
        for c in items.chunks_exact(12) {
            let ty = u16::from_le_bytes([c[0], c[1]]);
            let count = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            let at = u32::from_le_bytes([c[8], c[9], c[10], c[11]]);
            match ty {
                0x0007 => {
                    self.call_site_ids = check_section(self.data, 0, at, count, 4, "call_site_ids")?
                }
                0x0008 => {
                    self.method_handles =
                        check_section(self.data, 0, at, count, 8, "method_handles")?
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The bytes every data-section offset is relative to.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.data
    }
    /// Why the map list could not be read (call sites and method handles are then missing).
    pub fn map_error(&self) -> Option<DexError> {
        self.map_error
    }
    pub fn version(&self) -> u16 {
        self.header.version
    }
    pub fn base(&self) -> usize {
        self.base
    }

    #[inline]
    fn id_entry(&self, s: Section, i: u32, item: usize, what: &'static str) -> Result<usize> {
        if i >= s.size {
            return Err(DexError::new(
                self.base + s.off as usize,
                K::IndexOutOfRange(what, i),
            ));
        }
        Ok(self.base + s.off as usize + i as usize * item)
    }

    pub fn string_count(&self) -> u32 {
        self.header.string_ids.size
    }
    pub fn type_count(&self) -> u32 {
        self.header.type_ids.size
    }
    pub fn proto_count(&self) -> u32 {
        self.header.proto_ids.size
    }
    pub fn field_count(&self) -> u32 {
        self.header.field_ids.size
    }
    pub fn method_count(&self) -> u32 {
        self.header.method_ids.size
    }
    pub fn class_def_count(&self) -> u32 {
        self.header.class_defs.size
    }
    pub fn call_site_count(&self) -> u32 {
        self.call_site_ids.size
    }
    pub fn method_handle_count(&self) -> u32 {
        self.method_handles.size
    }

    /// The MUTF-8 bytes of a string (without the terminating NUL).
    pub fn string_bytes(&self, i: StringIdx) -> Result<&'a [u8]> {
        let e = self.id_entry(self.header.string_ids, i.0, 4, "string")?;
        let off = u32_at(self.data, e)? as usize;
        let mut r = Reader::new(self.data, off);
        r.uleb128()?; // utf16_size: not trusted
        let rest = self
            .data
            .get(r.pos..)
            .ok_or(DexError::new(off, K::Truncated("string_data")))?;
        let len = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(DexError::new(off, K::Truncated("string_data")))?;
        Ok(&rest[..len])
    }

    /// A string, decoded lossily.
    pub fn string(&self, i: StringIdx) -> Result<Cow<'a, str>> {
        Ok(mutf8::decode(self.string_bytes(i)?))
    }

    pub fn type_descriptor_idx(&self, t: TypeIdx) -> Result<StringIdx> {
        let e = self.id_entry(self.header.type_ids, t.0, 4, "type")?;
        Ok(StringIdx(u32_at(self.data, e)?))
    }

    pub fn type_descriptor(&self, t: TypeIdx) -> Result<Cow<'a, str>> {
        self.string(self.type_descriptor_idx(t)?)
    }

    pub fn proto_id(&self, p: ProtoIdx) -> Result<ProtoId> {
        let e = self.id_entry(self.header.proto_ids, p.0, 12, "proto")?;
        Ok(ProtoId {
            shorty: StringIdx(u32_at(self.data, e)?),
            return_type: TypeIdx(u32_at(self.data, e + 4)?),
            parameters_off: u32_at(self.data, e + 8)?,
        })
    }

    /// A `type_list` at `off` (0 = empty).
    pub fn type_list(&self, off: u32) -> Result<TypeList<'a>> {
        if off == 0 {
            return Ok(TypeList::default());
        }
        let off = off as usize;
        let size = u32_at(self.data, off)?;
        Ok(TypeList {
            raw: slice_at(self.data, off + 4, size as usize, 2, "type_list")?,
        })
    }

    pub fn proto_params(&self, p: ProtoIdx) -> Result<TypeList<'a>> {
        self.type_list(self.proto_id(p)?.parameters_off)
    }

    pub fn field_id(&self, f: FieldIdx) -> Result<FieldId> {
        let e = self.id_entry(self.header.field_ids, f.0, 8, "field")?;
        Ok(FieldId {
            class: TypeIdx(u16_at(self.data, e)? as u32),
            ty: TypeIdx(u16_at(self.data, e + 2)? as u32),
            name: StringIdx(u32_at(self.data, e + 4)?),
        })
    }

    pub fn method_id(&self, m: MethodIdx) -> Result<MethodId> {
        let e = self.id_entry(self.header.method_ids, m.0, 8, "method")?;
        Ok(MethodId {
            class: TypeIdx(u16_at(self.data, e)? as u32),
            proto: ProtoIdx(u16_at(self.data, e + 2)? as u32),
            name: StringIdx(u32_at(self.data, e + 4)?),
        })
    }

    pub fn class_def(&self, i: u32) -> Result<ClassDefItem> {
        let e = self.id_entry(self.header.class_defs, i, 32, "class_def")?;
        let r = |o: usize| u32_at(self.data, e + o);
        let opt = |v: u32| (v != NO_INDEX).then_some(v);
        Ok(ClassDefItem {
            class: TypeIdx(r(0)?),
            access_flags: r(4)?,
            superclass: opt(r(8)?).map(TypeIdx),
            interfaces_off: r(12)?,
            source_file: opt(r(16)?).map(StringIdx),
            annotations_off: r(20)?,
            class_data_off: r(24)?,
            static_values_off: r(28)?,
        })
    }

    pub fn class_defs(&self) -> impl Iterator<Item = Result<ClassDefItem>> + '_ {
        (0..self.class_def_count()).map(move |i| self.class_def(i))
    }

    pub fn call_site_off(&self, i: CallSiteIdx) -> Result<u32> {
        if i.0 >= self.call_site_ids.size {
            return Err(DexError::new(0, K::IndexOutOfRange("call_site", i.0)));
        }
        u32_at(self.data, self.call_site_ids.off as usize + i.index() * 4)
    }

    pub fn method_handle(&self, i: MethodHandleIdx) -> Result<MethodHandleItem> {
        if i.0 >= self.method_handles.size {
            return Err(DexError::new(0, K::IndexOutOfRange("method_handle", i.0)));
        }
        let e = self.method_handles.off as usize + i.index() * 8;
        Ok(MethodHandleItem {
            kind: u16_at(self.data, e)?,
            target: u16_at(self.data, e + 4)?,
        })
    }
}

/// Every dex in a buffer: one for versions up to 040; for 041 each header of the container in
/// turn (a header's `file_size` is the distance to the next one). Stops at the first error.
pub fn dex_files(data: &[u8]) -> impl Iterator<Item = Result<DexFile<'_>>> {
    let mut next = Some(0usize);
    std::iter::from_fn(move || {
        let base = next.take()?;
        let dex = match DexFile::parse_at(data, base) {
            Ok(d) => d,
            Err(e) => return Some(Err(e)),
        };
        if dex.version() >= 41 {
            let end = base.saturating_add(dex.header.file_size as usize);
            let container_end = (dex.header.container_size as usize).min(data.len());
            if dex.header.file_size >= 0x78 && end + 0x78 <= container_end {
                next = Some(end);
            }
        }
        Some(Ok(dex))
    })
}
