//! Hand-built zip archives for the container tests, including malformed ones: every header
//! field can be set to a lie. Shared by `tests/apk_*.rs`.
#![allow(dead_code)]

use std::io::Write;

/// One entry as it will be written; `build` fills sizes and CRC unless overridden.
#[derive(Clone, Debug)]
pub struct RawEntry {
    pub name: String,
    /// bytes written after the local header (already compressed for method 8)
    pub payload: Vec<u8>,
    pub method: u16,
    pub flags: u16,
    pub crc: u32,
    pub compressed_size: u32,
    pub uncompressed_size: u32,
    /// local header overrides
    pub local_name: Option<String>,
    pub local_sizes: Option<(u32, u32)>,
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(data);
    c.sum()
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[derive(Clone, Debug, Default)]
pub struct ZipBuilder {
    pub entries: Vec<RawEntry>,
    pub comment: Vec<u8>,
}

impl ZipBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn stored(&mut self, name: &str, data: &[u8]) -> &mut RawEntry {
        self.entries.push(RawEntry {
            name: name.into(),
            payload: data.to_vec(),
            method: 0,
            flags: 0,
            crc: crc32(data),
            compressed_size: data.len() as u32,
            uncompressed_size: data.len() as u32,
            local_name: None,
            local_sizes: None,
        });
        self.entries.last_mut().unwrap()
    }

    pub fn deflated(&mut self, name: &str, data: &[u8]) -> &mut RawEntry {
        let z = deflate(data);
        self.entries.push(RawEntry {
            name: name.into(),
            method: 8,
            flags: 0,
            crc: crc32(data),
            compressed_size: z.len() as u32,
            uncompressed_size: data.len() as u32,
            payload: z,
            local_name: None,
            local_sizes: None,
        });
        self.entries.last_mut().unwrap()
    }

    pub fn build(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for e in &self.entries {
            let offset = out.len() as u32;
            let lname = e.local_name.as_deref().unwrap_or(&e.name);
            let (lc, lu) = e
                .local_sizes
                .unwrap_or((e.compressed_size, e.uncompressed_size));
            out.extend(0x0403_4b50u32.to_le_bytes());
            out.extend(20u16.to_le_bytes());
            out.extend(e.flags.to_le_bytes());
            out.extend(e.method.to_le_bytes());
            out.extend([0u8; 4]); // time, date
            out.extend(e.crc.to_le_bytes());
            out.extend(lc.to_le_bytes());
            out.extend(lu.to_le_bytes());
            out.extend((lname.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes());
            out.extend(lname.as_bytes());
            out.extend(&e.payload);

            central.extend(0x0201_4b50u32.to_le_bytes());
            central.extend(20u16.to_le_bytes());
            central.extend(20u16.to_le_bytes());
            central.extend(e.flags.to_le_bytes());
            central.extend(e.method.to_le_bytes());
            central.extend([0u8; 4]);
            central.extend(e.crc.to_le_bytes());
            central.extend(e.compressed_size.to_le_bytes());
            central.extend(e.uncompressed_size.to_le_bytes());
            central.extend((e.name.len() as u16).to_le_bytes());
            central.extend([0u8; 2 + 2 + 2 + 2 + 4]); // extra, comment, disk, attrs, ext attrs
            central.extend(offset.to_le_bytes());
            central.extend(e.name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend(&central);
        out.extend(0x0605_4b50u32.to_le_bytes());
        out.extend([0u8; 4]);
        let n = self.entries.len() as u16;
        out.extend(n.to_le_bytes());
        out.extend(n.to_le_bytes());
        out.extend((central.len() as u32).to_le_bytes());
        out.extend(cd_offset.to_le_bytes());
        out.extend((self.comment.len() as u16).to_le_bytes());
        out.extend(&self.comment);
        out
    }
}

/// A DEX-looking blob: right magic, recognisable content.
pub fn fake_dex(tag: &str) -> Vec<u8> {
    let mut d = b"dex\n035\0".to_vec();
    d.extend(tag.as_bytes());
    d.extend(std::iter::repeat_n(0u8, 64));
    d
}

pub fn fake_manifest() -> Vec<u8> {
    // binary XML chunk header (RES_XML_TYPE) followed by filler: enough for the container layer
    let mut m = vec![0x03, 0x00, 0x08, 0x00, 0x10, 0x00, 0x00, 0x00];
    m.extend([0u8; 8]);
    m
}

/// A small well-formed APK: manifest, two dex, resources, one layout, one native lib.
pub fn normal_apk() -> ZipBuilder {
    let mut z = ZipBuilder::new();
    z.deflated("AndroidManifest.xml", &fake_manifest());
    z.deflated("classes.dex", &fake_dex("one"));
    z.stored("resources.arsc", b"arsc");
    z.deflated("classes2.dex", &fake_dex("two"));
    z.deflated("res/layout/main.xml", b"layout");
    z.deflated("res/drawable/icon.xml", b"not wanted");
    z.stored("lib/arm64-v8a/libfoo.so", b"\x7fELF");
    z.deflated("assets/big.bin", &[0u8; 4096]);
    z
}

pub fn codes(app: &dexflow::apk::AppContainer) -> Vec<&'static str> {
    app.anomalies.iter().map(|d| d.code).collect()
}

/// Raw deflate stream of `mib` MiB of zeros, built by repeating one sync-flushed block, so a
/// debug-build test does not spend seconds compressing.
pub fn zero_bomb(mib: usize) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::default(), false);
    let zeros = vec![0u8; 1 << 20];
    let mut block = Vec::with_capacity(1 << 20);
    c.compress_vec(&zeros, &mut block, flate2::FlushCompress::Sync)
        .unwrap();
    let mut out = Vec::with_capacity(block.len() * mib + 5);
    for _ in 0..mib {
        out.extend(&block);
    }
    // final empty stored block
    out.extend([0x01, 0x00, 0x00, 0xff, 0xff]);
    out
}

/// A deflated entry whose payload is `zero_bomb(mib)`; the CRC is not computed (0).
pub fn bomb_entry(z: &mut ZipBuilder, name: &str, mib: usize) -> usize {
    let payload = zero_bomb(mib);
    z.entries.push(RawEntry {
        name: name.into(),
        compressed_size: payload.len() as u32,
        uncompressed_size: (mib << 20) as u32,
        payload,
        method: 8,
        flags: 0,
        crc: 0,
        local_name: None,
        local_sizes: None,
    });
    z.entries.len() - 1
}
