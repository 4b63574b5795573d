//! Lowering: one Dalvik instruction of a code item to one `ir::Insn` (`DexBodySource::lower_body`,
//! called lazily on a method's first use), invoke argument registers collapsed to one per
//! parameter, comparison and arithmetic opcodes mapped to their typed operations. Never trusts a
//! pool index or payload: an invalid one lowers to `Op::Nop` (keeping its pc), and truncated code
//! yields the instructions before the damage.

use super::*;

/// One register per parameter, wide pairs collapsed; the raw list if the count disagrees.
fn collapse(regs: &Regs, receiver: bool, wide: impl Iterator<Item = bool> + Clone) -> Vec<Reg> {
    let expected = receiver as usize + wide.clone().map(|w| 1 + w as usize).sum::<usize>();
    if expected != regs.len() {
        return regs.iter().collect();
    }
    let mut out = Vec::with_capacity(regs.len());
    let mut i = 0;
    if receiver {
        out.extend(regs.get(0));
        i = 1;
    }
    for w in wide {
        out.extend(regs.get(i));
        i += 1 + w as usize;
    }
    out
}

fn cmp_kind(k: u8) -> CmpKind {
    match k {
        0 => CmpKind::Eq,
        1 => CmpKind::Ne,
        2 => CmpKind::Lt,
        3 => CmpKind::Ge,
        4 => CmpKind::Gt,
        _ => CmpKind::Le,
    }
}

/// `add-int` .. `rem-double` (and the `/2addr` forms), by offset from the first of the group.
fn binop_kind(k: u8) -> (BinOp, NumType) {
    const INT: [BinOp; 11] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Rem,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
        BinOp::Shl,
        BinOp::Shr,
        BinOp::Ushr,
    ];
    let k = k as usize;
    match k {
        0..=10 => (INT[k], NumType::Int),
        11..=21 => (INT[k - 11], NumType::Long),
        22..=26 => (INT[k - 22], NumType::Float),
        _ => (INT[(k - 27).min(4)], NumType::Double),
    }
}

/// `add-int/lit16` .. `ushr-int/lit8`.
fn lit_kind(op: u8) -> BinOp {
    const LIT: [BinOp; 11] = [
        BinOp::Add,
        BinOp::Rsub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Rem,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
        BinOp::Shl,
        BinOp::Shr,
        BinOp::Ushr,
    ];
    let k = if op >= 0xd8 {
        op - 0xd8
    } else {
        op.saturating_sub(0xd0)
    };
    LIT[(k as usize).min(10)]
}

/// `neg-int` .. `int-to-short`: the operation and the operand type.
fn unop_kind(op: u8) -> (UnOp, NumType) {
    use NumType::*;
    use UnOp::*;
    match op {
        0x7b => (Neg, Int),
        0x7c => (Not, Int),
        0x7d => (Neg, Long),
        0x7e => (Not, Long),
        0x7f => (Neg, Float),
        0x80 => (Neg, Double),
        0x81 => (ToLong, Int),
        0x82 => (ToFloat, Int),
        0x83 => (ToDouble, Int),
        0x84 => (ToInt, Long),
        0x85 => (ToFloat, Long),
        0x86 => (ToDouble, Long),
        0x87 => (ToInt, Float),
        0x88 => (ToLong, Float),
        0x89 => (ToDouble, Float),
        0x8a => (ToInt, Double),
        0x8b => (ToLong, Double),
        0x8c => (ToFloat, Double),
        0x8d => (ToByte, Int),
        0x8e => (ToChar, Int),
        _ => (ToShort, Int),
    }
}

impl DexBodySource {
    fn lower_body(&self, program: &Program, loc: CodeLocation, m: MethodId) -> Option<Body> {
        let l = self.dexes.get(loc.dex as usize)?;
        let dex = DexFile::parse_at(&l.bytes, l.base).ok()?;
        let code = CodeItem::parse(dex.data(), loc.code_off).ok()?;
        let is_static = program.method_def(m).is_some_and(|d| d.is_static());
        let mref = program.method(m);
        let mut param_regs = Vec::with_capacity(mref.params.len() + 1);
        let mut r = code.registers_size.wrapping_sub(code.ins_size);
        if !is_static {
            param_regs.push(r);
            r = r.wrapping_add(1);
        }
        for &p in &mref.params {
            param_regs.push(r);
            r = r.wrapping_add(1 + is_wide(program, p) as u16);
        }
        let insns_code = code.insns;
        let mut insns = Vec::with_capacity(insns_code.len() / 2);
        for ins in instructions(insns_code) {
            let Ok(i) = ins else { break };
            let op = self
                .lower(program, l, &dex, insns_code, &i)
                .unwrap_or(Op::Nop);
            insns.push(Insn { pc: i.pc, op });
        }
        let tries = code
            .tries()
            .map(|t| TryBlock {
                start_pc: t.start_addr,
                end_pc: t.start_addr.saturating_add(t.insn_count as u32),
                handlers: code
                    .catch_handler(t.handler_off)
                    .map(|h| {
                        let mut v: Vec<Handler> = h
                            .catches
                            .iter()
                            .map(|&(ty, target)| Handler {
                                exception: Some(
                                    l.types.get(ty.index()).copied().unwrap_or(TypeId(u32::MAX)),
                                ),
                                target,
                            })
                            .filter(|h| h.exception != Some(TypeId(u32::MAX)))
                            .collect();
                        if let Some(target) = h.catch_all {
                            v.push(Handler {
                                exception: None,
                                target,
                            });
                        }
                        v
                    })
                    .unwrap_or_default(),
            })
            .collect();
        Some(Body {
            registers: code.registers_size,
            param_regs,
            insns,
            tries,
        })
    }

    /// One instruction to IR; None when a pool index or payload is invalid.
    fn lower(
        &self,
        program: &Program,
        l: &LoadedDex,
        dex: &DexFile<'_>,
        code: dex::Insns<'_>,
        i: &crate::bytecode::decode::Instruction,
    ) -> Option<Op> {
        let ty = || l.types.get(i.index as usize).copied();
        let field = || l.fields.get(i.index as usize).copied();
        let target = || u32::try_from(i.target()).ok();
        let (a, b, c) = (i.a, i.b, i.c);
        let op = i.opcode();
        Some(match op {
            0x00 => Op::Nop,
            0x01..=0x09 => Op::Move { dst: a, src: b },
            0x0a..=0x0c => Op::MoveResult { dst: a },
            0x0d => Op::MoveException { dst: a },
            0x0e => Op::ReturnVoid,
            0x0f..=0x11 => Op::Return { src: a },
            0x12..=0x19 => Op::Const {
                dst: a,
                value: i.literal,
            },
            0x1a | 0x1b => Op::ConstString {
                dst: a,
                value: Arc::from(&*dex.string(StringIdx(i.index)).ok()?),
            },
            0x1c => Op::ConstClass { dst: a, ty: ty()? },
            0x1d => Op::MonitorEnter { reg: a },
            0x1e => Op::MonitorExit { reg: a },
            0x1f => Op::CheckCast { reg: a, ty: ty()? },
            0x20 => Op::InstanceOf {
                dst: a,
                src: b,
                ty: ty()?,
            },
            0x21 => Op::ArrayLength { dst: a, array: b },
            0x22 => Op::NewInstance { dst: a, ty: ty()? },
            0x23 => Op::NewArray {
                dst: a,
                size: b,
                ty: ty()?,
            },
            0x24 | 0x25 => Op::FilledNewArray {
                args: i.regs.iter().collect(),
                ty: ty()?,
            },
            0x26 => {
                let (element_width, data) = array_data(code, i.target())?;
                Op::FillArrayData {
                    array: a,
                    element_width,
                    data,
                }
            }
            0x27 => Op::Throw { src: a },
            0x28..=0x2a => Op::Goto { target: target()? },
            0x2b | 0x2c => Op::Switch {
                src: a,
                targets: switch_targets(code, i.pc, i.target())?,
            },
            0x2d..=0x31 => {
                let (op, ty) = match op {
                    0x2d => (BinOp::Cmpl, NumType::Float),
                    0x2e => (BinOp::Cmpg, NumType::Float),
                    0x2f => (BinOp::Cmpl, NumType::Double),
                    0x30 => (BinOp::Cmpg, NumType::Double),
                    _ => (BinOp::Cmp, NumType::Long),
                };
                Op::Binop {
                    dst: a,
                    a: b,
                    b: c,
                    op,
                    ty,
                }
            }
            0x32..=0x37 => Op::If {
                cmp: cmp_kind(op - 0x32),
                a,
                b: Some(b),
                target: target()?,
            },
            0x38..=0x3d => Op::If {
                cmp: cmp_kind(op - 0x38),
                a,
                b: None,
                target: target()?,
            },
            0x44..=0x4a => Op::AGet {
                dst: a,
                array: b,
                index: c,
            },
            0x4b..=0x51 => Op::APut {
                src: a,
                array: b,
                index: c,
            },
            0x52..=0x58 => Op::IGet {
                dst: a,
                obj: b,
                field: field()?,
            },
            0x59..=0x5f => Op::IPut {
                src: a,
                obj: b,
                field: field()?,
            },
            0x60..=0x66 => Op::SGet {
                dst: a,
                field: field()?,
            },
            0x67..=0x6d => Op::SPut {
                src: a,
                field: field()?,
            },
            0x6e..=0x72 | 0x74..=0x78 => {
                // 0x6e.. and the /range forms 0x74.. share the order
                let kind = match (op - 0x6e) % 6 {
                    0 => InvokeKind::Virtual,
                    1 => InvokeKind::Super,
                    2 => InvokeKind::Direct,
                    3 => InvokeKind::Static,
                    _ => InvokeKind::Interface,
                };
                let method = *l.methods.get(i.index as usize)?;
                let wide = program
                    .method(method)
                    .params
                    .iter()
                    .map(|&t| is_wide(program, t));
                Op::Invoke {
                    kind,
                    method,
                    args: collapse(&i.regs, kind != InvokeKind::Static, wide),
                }
            }
            0x7b..=0x8f => {
                let (op, ty) = unop_kind(op);
                Op::Unop {
                    dst: a,
                    src: b,
                    op,
                    ty,
                }
            }
            0x90..=0xaf => {
                let (op, ty) = binop_kind(op - 0x90);
                Op::Binop {
                    dst: a,
                    a: b,
                    b: c,
                    op,
                    ty,
                }
            }
            0xb0..=0xcf => {
                let (op, ty) = binop_kind(op - 0xb0);
                Op::Binop {
                    dst: a,
                    a,
                    b,
                    op,
                    ty,
                }
            }
            0xd0..=0xe2 => Op::BinopLit {
                dst: a,
                src: b,
                lit: i.literal as i32,
                op: lit_kind(op),
            },
            0xfa | 0xfb => {
                let method = *l.methods.get(i.index as usize)?;
                let params = dex.proto_params(ProtoIdx(i.index2)).ok()?;
                let wide = params
                    .iter()
                    .map(|t| l.types.get(t.index()).is_some_and(|&t| is_wide(program, t)));
                Op::Invoke {
                    kind: InvokeKind::Polymorphic,
                    method,
                    args: collapse(&i.regs, true, wide),
                }
            }
            0xfc | 0xfd => {
                let cs = l.call_sites.get(i.index as usize)?.as_ref()?;
                Op::InvokeCustom {
                    site: cs.site.clone(),
                    args: collapse(&i.regs, false, cs.wide.iter().copied()),
                }
            }
            0xfe | 0xff => Op::ConstOther { dst: a },
            _ => Op::Nop,
        })
    }
}

impl BodySource for DexBodySource {
    fn decode(&self, program: &Program, location: CodeLocation, method: MethodId) -> Option<Body> {
        self.lower_body(program, location, method)
    }
}
