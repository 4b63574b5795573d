//! Modified UTF-8 (the dex string encoding: NUL as two bytes, supplementary characters as
//! surrogate pairs of three bytes each). Decoding is lossy and never fails: invalid
//! sequences become U+FFFD, so a hostile string can never stop the analysis.

use std::borrow::Cow;

/// Decodes MUTF-8 bytes (without the trailing NUL). ASCII-only input is borrowed.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.is_ascii() {
        // ASCII is valid UTF-8 and MUTF-8 alike.
        return Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or(""));
    }
    let mut units: Vec<u16> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b0 = bytes[i];
        if b0 < 0x80 {
            units.push(b0 as u16);
            i += 1;
        } else if b0 & 0xe0 == 0xc0 {
            match bytes.get(i + 1) {
                Some(&b1) if b1 & 0xc0 == 0x80 => {
                    units.push((((b0 & 0x1f) as u16) << 6) | (b1 & 0x3f) as u16);
                    i += 2;
                }
                _ => {
                    units.push(0xfffd);
                    i += 1;
                }
            }
        } else if b0 & 0xf0 == 0xe0 {
            match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&b1), Some(&b2)) if b1 & 0xc0 == 0x80 && b2 & 0xc0 == 0x80 => {
                    units.push(
                        (((b0 & 0x0f) as u16) << 12)
                            | (((b1 & 0x3f) as u16) << 6)
                            | (b2 & 0x3f) as u16,
                    );
                    i += 3;
                }
                _ => {
                    units.push(0xfffd);
                    i += 1;
                }
            }
        } else {
            units.push(0xfffd);
            i += 1;
        }
    }
    Cow::Owned(String::from_utf16_lossy(&units))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(decode(b"Ljava/lang/String;"), Cow::Borrowed(_)));
    }

    #[test]
    fn two_and_three_byte_forms() {
        assert_eq!(decode(&[0xc0, 0x80]), "\u{0}");
        assert_eq!(decode("é€".as_bytes()), "é€");
        // U+1F600 as a surrogate pair, each half three bytes (CESU-8 style)
        assert_eq!(decode(&[0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), "\u{1F600}");
    }

    #[test]
    fn invalid_is_lossy() {
        assert_eq!(decode(&[0xff, b'a']), "\u{fffd}a");
        assert_eq!(decode(&[0xe2, 0x82]), "\u{fffd}\u{fffd}");
        // lone surrogate
        assert_eq!(decode(&[0xed, 0xa0, 0xbd]), "\u{fffd}");
    }
}
