//! DEX 041 containers: several dex headers in one buffer, each with its own id tables and a
//! shared data section whose offsets are relative to the container start. Built by hand
//! here (no public tool in this environment writes v041).

use dexflow::bytecode::{dex_stats, load_program};
use dexflow::dex::{DexFile, TypeIdx, dex_files};

const ENTRY: usize = 0xa8;

fn put(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// Two entries (classes `LA;` and `LB;`, both extending Object) and the shared string data.
fn container() -> Vec<u8> {
    let strings: [&str; 3] = ["LA;", "LB;", "Ljava/lang/Object;"];
    let data_start = 2 * ENTRY;
    let mut b = vec![0u8; data_start];
    let mut string_offs = Vec::new();
    for s in strings {
        string_offs.push(b.len() as u32);
        b.push(s.len() as u8);
        b.extend_from_slice(s.as_bytes());
        b.push(0);
    }
    let total = b.len() as u32;
    for k in 0..2 {
        let h = k * ENTRY;
        b[h..h + 8].copy_from_slice(b"dex\n041\0");
        put(&mut b, h + 32, ENTRY as u32); // file_size: this entry
        put(&mut b, h + 36, 0x78);
        put(&mut b, h + 40, 0x1234_5678);
        put(&mut b, h + 56, 2); // string_ids: own class name, Object
        put(&mut b, h + 60, 0x78);
        put(&mut b, h + 64, 2); // type_ids
        put(&mut b, h + 68, 0x80);
        put(&mut b, h + 96, 1); // class_defs
        put(&mut b, h + 100, 0x88);
        put(&mut b, h + 104, total - data_start as u32);
        put(&mut b, h + 108, data_start as u32);
        put(&mut b, h + 0x70, total); // container_size
        put(&mut b, h + 0x74, h as u32); // header_offset
        put(&mut b, h + 0x78, string_offs[k]);
        put(&mut b, h + 0x7c, string_offs[2]);
        put(&mut b, h + 0x80, 0);
        put(&mut b, h + 0x84, 1);
        let c = h + 0x88;
        put(&mut b, c, 0); // class_idx
        put(&mut b, c + 4, 1); // public
        put(&mut b, c + 8, 1); // superclass
        put(&mut b, c + 16, u32::MAX); // no source file
    }
    b
}

#[test]
fn every_entry_of_a_container_is_read() {
    let b = container();
    let entries: Vec<DexFile<'_>> = dex_files(&b).map(|d| d.unwrap()).collect();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].base(), ENTRY);
    assert_eq!(entries[0].type_descriptor(TypeIdx(0)).unwrap(), "LA;");
    assert_eq!(entries[1].type_descriptor(TypeIdx(0)).unwrap(), "LB;");
    assert_eq!(entries[1].type_descriptor(TypeIdx(1)).unwrap(), "Ljava/lang/Object;");

    let s = dex_stats("classes.dex", &b).unwrap();
    assert_eq!((s.version, s.containers, s.classes), (41, 2, 2));

    let (p, stats, diags) = load_program(vec![("classes.dex".into(), b)]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(p.dex_names, vec!["classes.dex", "classes.dex#1"]);
    assert_eq!(stats.classes, 2);
    let cb = p.class(p.lookup_type("LB;").unwrap()).unwrap();
    assert_eq!(cb.dex, 1);
    assert_eq!(p.type_name(cb.super_class.unwrap()), "Ljava/lang/Object;");
}

#[test]
fn a_zero_file_size_does_not_loop() {
    let mut b = container();
    put(&mut b, 32, 0);
    assert_eq!(dex_files(&b).count(), 1);
    // a second header that is broken ends the walk with an error after the first entry
    let mut b = container();
    b[ENTRY + 4..ENTRY + 7].copy_from_slice(b"099");
    let r: Vec<_> = dex_files(&b).collect();
    assert_eq!(r.len(), 2);
    assert!(r[0].is_ok() && r[1].is_err());
    let (p, _, diags) = load_program(vec![("classes.dex".into(), b)]);
    assert_eq!(p.classes.len(), 1);
    assert_eq!(diags[0].code, "dex-parse-error");
}
