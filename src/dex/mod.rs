//! The DEX format: zero-copy, lazy views over borrowed bytes with typed indices
//! (`StringIdx`, `TypeIdx`, `ProtoIdx`, `FieldIdx`, `MethodIdx`), versions 035 to 041
//! including v041 containers (several dex files in one buffer, see [`dex_files`]).
//!
//! Hostile input is the normal case: every count and offset is checked against the bytes
//! before use, allocation is bounded by the bytes left, and every failure is a small `Copy`
//! [`DexError`] carrying the offset. This module never panics and never resolves anything
//! against other dex files: that is `crate::bytecode::load`'s job. Debug info is not read.

mod class;
mod code;
mod error;
mod file;
pub mod mutf8;
mod read;
mod value;

pub use class::{ClassData, ClassDataItems, EncodedField, EncodedMethod};
pub use code::{CatchHandler, CodeItem, Insns, TryItem};
pub use error::{DexError, DexErrorKind, Result};
pub use file::{
    CallSiteIdx, ClassDefItem, DexFile, FieldId, FieldIdx, Header, MethodHandleIdx,
    MethodHandleItem, MethodId, MethodIdx, NO_INDEX, ProtoId, ProtoIdx, Section, StringIdx,
    TypeIdx, TypeList, dex_files, magic_version,
};
pub use read::Reader;
pub use value::{AnnotationItem, AnnotationsDirectory, EncodedAnnotation, EncodedValue};
