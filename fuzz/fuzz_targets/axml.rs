//! Fuzzes both XML decoders, the resource table reader and the manifest builder on the same
//! bytes: none may panic, hang or allocate without bound on any input.
#![no_main]

use dexflow::axml;
use dexflow::manifest::{Manifest, layout_handlers, parse_arsc, parse_resources_pb};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for doc in [axml::parse(data), axml::proto::parse(data)].into_iter().flatten() {
        let (mut m, _) = Manifest::from_xml(&doc);
        let _ = layout_handlers("res/layout/fuzz.xml", &doc);
        if let Ok(res) = parse_arsc(data) {
            m.resolve_label(&res);
        }
    }
    let _ = parse_arsc(data);
    let _ = parse_resources_pb(data);
});
