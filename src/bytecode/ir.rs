//! The register IR: one `Insn` per Dalvik instruction that matters to data flow, with every
//! dex-local index already resolved to a program-wide id (`MethodId`, `FieldId`, `TypeId`).
//!
//! Conventions (an invariant every producer keeps and every consumer relies on):
//! - `pc` is the code-unit offset of the instruction in its method's `insns` array, as dexdump
//!   prints it; branch targets are pcs too.
//! - wide values (long/double) use the low register of the pair; `Invoke::args` has exactly one
//!   register per *parameter* (receiver first for non-static calls), wide pairs collapsed.
//! - payload pseudo-instructions (switch / array data) are not `Insn`s; their content is folded
//!   into `Switch` and `FillArrayData`.

use std::sync::Arc;

pub type Reg = u16;

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),*) => {$(
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub struct $name(pub u32);
        impl $name {
            #[inline]
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

id_type!(
    /// A type descriptor (`Lcom/example/Foo;`, `I`, `[Ljava/lang/String;`), program-wide.
    TypeId,
    /// A method reference (class, name, prototype), program-wide; defined or external.
    MethodId,
    /// A field reference (class, name, type), program-wide; defined or external.
    FieldId
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvokeKind {
    Virtual,
    Super,
    Direct,
    Static,
    Interface,
    Polymorphic,
}

/// The operation of a `Binop` / `BinopLit`, as its opcode names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    Ushr,
    /// `rsub-int(/lit8)`: literal minus register
    Rsub,
    /// `cmpl-float` / `cmpl-double`: -1 when either operand is NaN
    Cmpl,
    /// `cmpg-float` / `cmpg-double`: 1 when either operand is NaN
    Cmpg,
    /// `cmp-long`
    Cmp,
}

/// The operation of a `Unop`: negation, bitwise not, or a conversion to the named type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    ToInt,
    ToLong,
    ToFloat,
    ToDouble,
    ToByte,
    ToChar,
    ToShort,
}

/// The primitive type an arithmetic instruction operates on (wide: `Long`, `Double`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumType {
    Int,
    Long,
    Float,
    Double,
}

impl NumType {
    #[inline]
    pub fn is_wide(self) -> bool {
        matches!(self, NumType::Long | NumType::Double)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpKind {
    Eq,
    Ne,
    Lt,
    Ge,
    Gt,
    Le,
}

/// What an `invoke-custom` call site binds to (Java lambdas, string concatenation).
#[derive(Clone, Debug, PartialEq)]
pub struct CallSite {
    /// The bootstrap method (e.g. `LambdaMetafactory.metafactory`, `StringConcatFactory`).
    pub bootstrap: Option<MethodId>,
    /// The name the call site is linked under (interface method name for lambdas).
    pub name: Arc<str>,
    /// For lambdas: the implementation method handle's target, when the arguments carry one.
    pub implementation: Option<MethodId>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Nop,
    /// move, move/from16, move-wide*, move-object*
    Move {
        dst: Reg,
        src: Reg,
    },
    /// move-result* (the value of the preceding invoke or filled-new-array)
    MoveResult {
        dst: Reg,
    },
    MoveException {
        dst: Reg,
    },
    ReturnVoid,
    Return {
        src: Reg,
    },
    /// const, const/4, const/16, const/high16, const-wide*
    Const {
        dst: Reg,
        value: i64,
    },
    ConstString {
        dst: Reg,
        value: Arc<str>,
    },
    ConstClass {
        dst: Reg,
        ty: TypeId,
    },
    /// const-method-handle, const-method-type: an opaque non-null object
    ConstOther {
        dst: Reg,
    },
    MonitorEnter {
        reg: Reg,
    },
    MonitorExit {
        reg: Reg,
    },
    CheckCast {
        reg: Reg,
        ty: TypeId,
    },
    InstanceOf {
        dst: Reg,
        src: Reg,
        ty: TypeId,
    },
    ArrayLength {
        dst: Reg,
        array: Reg,
    },
    NewInstance {
        dst: Reg,
        ty: TypeId,
    },
    NewArray {
        dst: Reg,
        size: Reg,
        ty: TypeId,
    },
    /// filled-new-array(/range): the array is delivered by the following move-result
    FilledNewArray {
        args: Vec<Reg>,
        ty: TypeId,
    },
    /// fill-array-data: constant elements written into `array`
    FillArrayData {
        array: Reg,
        element_width: u16,
        data: Vec<u8>,
    },
    Throw {
        src: Reg,
    },
    Goto {
        target: u32,
    },
    /// packed-switch / sparse-switch, keys resolved from the payload
    Switch {
        src: Reg,
        targets: Vec<(i32, u32)>,
    },
    /// if-test (b = Some) and if-testz (b = None)
    If {
        cmp: CmpKind,
        a: Reg,
        b: Option<Reg>,
        target: u32,
    },
    /// neg-*, not-*, and the primitive conversions (`int-to-long`, ...); `ty` is the
    /// operand's type
    Unop {
        dst: Reg,
        src: Reg,
        op: UnOp,
        ty: NumType,
    },
    /// cmpl/cmpg/cmp-long and every binary arithmetic op (`/2addr` forms have `dst == a`);
    /// `ty` is the operands' type
    Binop {
        dst: Reg,
        a: Reg,
        b: Reg,
        op: BinOp,
        ty: NumType,
    },
    /// `*-int/lit8` and `*-int/lit16`: always on ints; `Rsub` computes `lit - src`
    BinopLit {
        dst: Reg,
        src: Reg,
        lit: i32,
        op: BinOp,
    },
    AGet {
        dst: Reg,
        array: Reg,
        index: Reg,
    },
    APut {
        src: Reg,
        array: Reg,
        index: Reg,
    },
    IGet {
        dst: Reg,
        obj: Reg,
        field: FieldId,
    },
    IPut {
        src: Reg,
        obj: Reg,
        field: FieldId,
    },
    SGet {
        dst: Reg,
        field: FieldId,
    },
    SPut {
        src: Reg,
        field: FieldId,
    },
    /// invoke-* and invoke-*/range, invoke-polymorphic(/range)
    Invoke {
        kind: InvokeKind,
        method: MethodId,
        args: Vec<Reg>,
    },
    /// invoke-custom(/range)
    InvokeCustom {
        site: CallSite,
        args: Vec<Reg>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Insn {
    pub pc: u32,
    pub op: Op,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// None: catch-all
    pub exception: Option<TypeId>,
    pub target: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TryBlock {
    pub start_pc: u32,
    /// exclusive
    pub end_pc: u32,
    pub handlers: Vec<Handler>,
}

/// A decoded method body.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub registers: u16,
    /// The register holding each parameter on entry, receiver first for instance methods
    /// (wide parameters: the low register of the pair).
    pub param_regs: Vec<Reg>,
    pub insns: Vec<Insn>,
    pub tries: Vec<TryBlock>,
}

impl Body {
    /// Index into `insns` of the instruction at `pc`, if one starts there.
    pub fn index_of_pc(&self, pc: u32) -> Option<usize> {
        self.insns.binary_search_by_key(&pc, |i| i.pc).ok()
    }
}
