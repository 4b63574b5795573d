//! class_data_item: the fields and methods a class defines, uleb128-encoded with index
//! deltas. Read lazily by iterators; counts are checked against the bytes left (every entry
//! takes at least two bytes) before anything trusts them.

use super::error::{DexError, DexErrorKind as K, Result};
use super::file::{FieldIdx, MethodIdx};
use super::read::Reader;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodedField {
    pub field: FieldIdx,
    pub access_flags: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodedMethod {
    pub method: MethodIdx,
    pub access_flags: u32,
    /// 0 for abstract and native methods
    pub code_off: u32,
}

/// The four lists of a class_data_item, read in order with `next_*` calls or all at once.
#[derive(Clone, Debug)]
pub struct ClassData<'a> {
    r: Reader<'a>,
    pub static_fields_size: u32,
    pub instance_fields_size: u32,
    pub direct_methods_size: u32,
    pub virtual_methods_size: u32,
}

/// Everything in a class_data_item, owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassDataItems {
    pub static_fields: Vec<EncodedField>,
    pub instance_fields: Vec<EncodedField>,
    pub direct_methods: Vec<EncodedMethod>,
    pub virtual_methods: Vec<EncodedMethod>,
}

impl<'a> ClassData<'a> {
    pub fn parse(data: &'a [u8], off: u32) -> Result<Self> {
        let mut r = Reader::new(data, off as usize);
        let sf = r.uleb128()?;
        let inf = r.uleb128()?;
        let dm = r.uleb128()?;
        let vm = r.uleb128()?;
        // fields take >= 2 bytes, methods >= 3
        let min = (sf as u64 + inf as u64) * 2 + (dm as u64 + vm as u64) * 3;
        if min > r.remaining() as u64 {
            return Err(DexError::new(off as usize, K::BadCount("class_data")));
        }
        Ok(ClassData {
            r,
            static_fields_size: sf,
            instance_fields_size: inf,
            direct_methods_size: dm,
            virtual_methods_size: vm,
        })
    }

    fn fields(&mut self, n: u32, out: &mut Vec<EncodedField>) -> Result<()> {
        let mut idx: u32 = 0;
        for _ in 0..n {
            idx = idx.wrapping_add(self.r.uleb128()?);
            let access_flags = self.r.uleb128()?;
            out.push(EncodedField {
                field: FieldIdx(idx),
                access_flags,
            });
        }
        Ok(())
    }

    fn methods(&mut self, n: u32, out: &mut Vec<EncodedMethod>) -> Result<()> {
        let mut idx: u32 = 0;
        for _ in 0..n {
            idx = idx.wrapping_add(self.r.uleb128()?);
            let access_flags = self.r.uleb128()?;
            let code_off = self.r.uleb128()?;
            out.push(EncodedMethod {
                method: MethodIdx(idx),
                access_flags,
                code_off,
            });
        }
        Ok(())
    }

    /// Reads the four lists (counts were checked against the remaining bytes in `parse`).
    pub fn items(mut self) -> Result<ClassDataItems> {
        let mut it = ClassDataItems {
            static_fields: Vec::with_capacity(self.static_fields_size as usize),
            instance_fields: Vec::with_capacity(self.instance_fields_size as usize),
            direct_methods: Vec::with_capacity(self.direct_methods_size as usize),
            virtual_methods: Vec::with_capacity(self.virtual_methods_size as usize),
        };
        self.fields(self.static_fields_size, &mut it.static_fields)?;
        self.fields(self.instance_fields_size, &mut it.instance_fields)?;
        self.methods(self.direct_methods_size, &mut it.direct_methods)?;
        self.methods(self.virtual_methods_size, &mut it.virtual_methods)?;
        Ok(it)
    }

    /// Calls `f` for every method (direct first), without allocating.
    pub fn for_each_method(mut self, mut f: impl FnMut(EncodedMethod)) -> Result<()> {
        for _ in 0..(self.static_fields_size as u64 + self.instance_fields_size as u64) {
            self.r.uleb128()?;
            self.r.uleb128()?;
        }
        for n in [self.direct_methods_size, self.virtual_methods_size] {
            let mut idx: u32 = 0;
            for _ in 0..n {
                idx = idx.wrapping_add(self.r.uleb128()?);
                let access_flags = self.r.uleb128()?;
                let code_off = self.r.uleb128()?;
                f(EncodedMethod {
                    method: MethodIdx(idx),
                    access_flags,
                    code_off,
                });
            }
        }
        Ok(())
    }
}
