#!/usr/bin/env python3
"""Writes the hostile binary XML corpus next to this script, derived from our own aapt-built
fixture (tests/fixtures/axml/app31.aapt.AndroidManifest.xml). Each file breaks one rule."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "fixtures", "axml", "app31.aapt.AndroidManifest.xml")
base = open(SRC, "rb").read()


def put(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def patched(off, fmt, value):
    b = bytearray(base)
    struct.pack_into(fmt, b, off, value)
    return bytes(b)


pool_size = struct.unpack_from("<I", base, 12)[0]
first_node = 8 + pool_size + struct.unpack_from("<I", base, 8 + pool_size + 4)[0]

put("truncated-header.bin", base[:5])
put("truncated-half.bin", base[: len(base) // 2])
put("file-size-huge.bin", patched(4, "<I", 0xFFFFFFFF))
put("pool-size-huge.bin", patched(12, "<I", 0xFFFFFFF0))
put("pool-header-size-tiny.bin", patched(10, "<H", 4))
put("string-count-huge.bin", patched(16, "<I", 0x7FFFFFFF))
put("strings-start-past-end.bin", patched(28, "<I", 0x00FFFFFF))
b = bytearray(base)
for i in range(8):  # first offsets point far past the pool
    struct.pack_into("<I", b, 8 + 28 + 4 * i, 0x7FFFFFF0)
put("string-offsets-past-end.bin", bytes(b))
put("first-node-size-zero.bin", patched(first_node + 4, "<I", 0))
put("first-node-header-size-huge.bin", patched(first_node + 2, "<H", 0xFFFF))
put("unknown-chunk-type.bin", patched(first_node, "<H", 0x0777))
# start element of <manifest>: the first 0x0102 chunk; patch its attribute count and size
off = first_node
while struct.unpack_from("<H", base, off)[0] != 0x0102:
    off += struct.unpack_from("<I", base, off + 4)[0]
put("attribute-count-huge.bin", patched(off + 16 + 12, "<H", 0xFFFF))
put("attribute-size-zero.bin", patched(off + 16 + 10, "<H", 0))
put("element-name-bad-index.bin", patched(off + 16 + 4, "<I", 0x7FFFFFFF))

# 5000 nested <a> elements without end tags, with a valid pool holding "a"
pool = struct.pack("<HHIIIIII", 1, 28, 28 + 4 + 8, 1, 0, 0x100, 28 + 4, 0) + struct.pack("<I", 0) + b"\x01\x01a\x00" + b"\x00" * 4
node = struct.pack("<HHIII", 0x0102, 16, 36, 1, 0xFFFFFFFF) + struct.pack("<IIHHHHHH", 0xFFFFFFFF, 0, 20, 20, 0, 0, 0, 0)
body = pool + node * 5000
put("deep-nesting.bin", struct.pack("<HHI", 3, 8, 8 + len(body)) + body)
put("end-tags-only.bin", struct.pack("<HHI", 3, 8, 8 + len(pool) + 24) + pool + struct.pack("<HHIIIII", 0x0103, 16, 24, 1, 0xFFFFFFFF, 0xFFFFFFFF, 0))
put("plain-text-broken.xml", b'<?xml version="1.0"?>\n<manifest package="x"><application><activity android:name="')
put("proto-deep.pb", b"\x0a\xff\xff\x03" + (b"\x2a\x7f\x0a\x7d" * 64))
put("proto-length-lie.pb", b"\x0a\xff\xff\xff\xff\x0f\x1a\x03abc")
put("empty.bin", b"")
