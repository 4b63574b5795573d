//! `--shard I/N`: which inputs one of N independent scan processes takes, so that a Kubernetes
//! Indexed Job, a Slurm array or GNU parallel covers every app exactly once without talking to
//! each other.
//!
//! The split is a pure function of the app's `input` string (the path as the report prints it)
//! and N: FNV-1a 64-bit over its UTF-8 bytes, modulo N (docs/distributed.md). It must never
//! depend on the order of discovery, the machine, the process or the set of other inputs, and the
//! hash must never change without a new documented version: merged shard reports rely on it.

/// Shard `index` of `count` (0-based, as Kubernetes' `JOB_COMPLETION_INDEX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not I/N with 0 <= I < N (e.g. 0/4)");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the app with this `input` string belongs to this shard.
    pub fn contains(&self, input: &str) -> bool {
        shard_of(input, self.count) == self.index
    }
}

/// The shard (0..count) of an app: FNV-1a 64 of the `input` string's UTF-8 bytes, mod `count`.
pub fn shard_of(input: &str, count: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in input.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h % count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_i_of_n_and_rejects_the_rest() {
        assert_eq!("2/5".parse(), Ok(Shard { index: 2, count: 5 }));
        for bad in ["5/5", "0/0", "1", "-1/3", "a/b", "1/"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn hash_is_the_documented_fnv1a() {
        // FNV-1a 64 test vectors: "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c
        assert_eq!(shard_of("", u64::MAX), 0xcbf2_9ce4_8422_2325);
        assert_eq!(shard_of("a", u64::MAX), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn every_input_is_in_exactly_one_shard() {
        let inputs: Vec<String> = (0..500).map(|i| format!("apks/app-{i}.apk")).collect();
        for n in [1u64, 2, 3, 7] {
            let mut sizes = vec![0usize; n as usize];
            for input in &inputs {
                let owners: Vec<u64> = (0..n)
                    .filter(|&i| Shard { index: i, count: n }.contains(input))
                    .collect();
                assert_eq!(owners.len(), 1, "{input} in {owners:?} of {n}");
                sizes[owners[0] as usize] += 1;
            }
            // a usable split: no shard gets less than half its fair share
            assert!(
                sizes.iter().all(|&s| s * 2 * n as usize >= inputs.len()),
                "{sizes:?}"
            );
        }
    }
}
