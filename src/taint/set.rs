//! The engine's small ordered set: a sorted, deduplicated `Vec`. Labels and objects of one
//! value are capped at a few dozen (`domain::MAX_LABELS`, `MAX_OBJS`), so a sorted vector beats
//! a B-tree: one allocation per set instead of one per node, copies are one `memcpy` of
//! pointer-sized elements, and a union is a linear merge.
//!
//! Must never: change the order or the identity rules of the `BTreeSet` it replaces. Iteration
//! is in `Ord` order; inserting or extending keeps an element already present over an equal new
//! one, and among new equal elements the first (as `BTreeSet::insert` / `extend` do); collecting
//! keeps the last of equal elements (as `BTreeSet::from_iter` does). `SourceOcc` equality
//! ignores its `chain`, so which equal element is kept decides the reported path.

use std::cmp::Ordering;

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortedSet<T> {
    items: Vec<T>,
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet { items: Vec::new() }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.items.iter()).finish()
    }
}

impl<T: Ord> SortedSet<T> {
    pub fn new() -> Self {
        SortedSet { items: Vec::new() }
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
    pub fn first(&self) -> Option<&T> {
        self.items.first()
    }
    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }
    pub fn contains(&self, x: &T) -> bool {
        self.items.binary_search(x).is_ok()
    }
    /// Adds `x` unless an equal element is present (which is then kept); true when added.
    pub fn insert(&mut self, x: T) -> bool {
        match self.items.binary_search(&x) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, x);
                true
            }
        }
    }
    pub fn remove(&mut self, x: &T) -> bool {
        match self.items.binary_search(x) {
            Ok(i) => {
                self.items.remove(i);
                true
            }
            Err(_) => false,
        }
    }
    pub fn pop_last(&mut self) -> Option<T> {
        self.items.pop()
    }
    pub fn clear(&mut self) {
        self.items.clear()
    }
    pub fn retain(&mut self, f: impl FnMut(&T) -> bool) {
        self.items.retain(f)
    }
    /// Keeps the `n` least elements (the rest are the greatest, dropped first by caps).
    pub fn truncate(&mut self, n: usize) {
        self.items.truncate(n)
    }
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<T: Ord + Clone> SortedSet<T> {
    /// Adds every element of `o` (a linear merge); true when something was added.
    pub fn union_with(&mut self, o: &SortedSet<T>) -> bool {
        if o.items.is_empty() {
            return false;
        }
        if self.items.is_empty() {
            self.items = o.items.clone();
            return true;
        }
        // fast path: everything of `o` already present
        let mut missing = 0usize;
        {
            let (mut i, mut j) = (0, 0);
            while j < o.items.len() {
                if i == self.items.len() {
                    missing += o.items.len() - j;
                    break;
                }
                match self.items[i].cmp(&o.items[j]) {
                    Ordering::Less => i += 1,
                    Ordering::Equal => {
                        i += 1;
                        j += 1;
                    }
                    Ordering::Greater => {
                        missing += 1;
                        j += 1;
                    }
                }
            }
        }
        if missing == 0 {
            return false;
        }
        let mut out = Vec::with_capacity(self.items.len() + missing);
        let mut a = std::mem::take(&mut self.items).into_iter().peekable();
        let mut b = o.items.iter().peekable();
        loop {
            match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => match x.cmp(y) {
                    Ordering::Less => out.extend(a.next()),
                    Ordering::Greater => out.extend(b.next().cloned()),
                    Ordering::Equal => {
                        out.extend(a.next());
                        b.next();
                    }
                },
                (Some(_), None) => {
                    out.extend(a);
                    break;
                }
                (None, Some(_)) => {
                    out.extend(b.cloned());
                    break;
                }
                (None, None) => break,
            }
        }
        self.items = out;
        true
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let old = self.items.len();
        self.items.extend(iter);
        if self.items.len() == old {
            return;
        }
        // present elements come first and the sort is stable: dedup keeps the present one,
        // and among new equal elements the first
        if self.items.len() - old == 1 {
            let x = self.items.pop();
            if let Some(x) = x {
                self.insert(x);
            }
            return;
        }
        self.items.sort();
        self.items.dedup();
    }
}

impl<T: Ord> SortedSet<T> {
    /// The set of `items` keeping the first of equal elements, as inserting them one by one
    /// into an empty set does.
    pub fn from_vec_first_wins(mut items: Vec<T>) -> Self {
        items.sort();
        items.dedup();
        SortedSet { items }
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    /// Keeps the last of equal elements, as `BTreeSet::from_iter` does.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut items: Vec<T> = iter.into_iter().collect();
        items.reverse();
        items.sort();
        items.dedup();
        SortedSet { items }
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Equal under `Ord` but told apart by `tag`, like `SourceOcc` and its chain.
    #[derive(Clone, Debug)]
    struct K(u8, u8);
    impl PartialEq for K {
        fn eq(&self, o: &Self) -> bool {
            self.0 == o.0
        }
    }
    impl Eq for K {}
    impl PartialOrd for K {
        fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
            Some(self.cmp(o))
        }
    }
    impl Ord for K {
        fn cmp(&self, o: &Self) -> Ordering {
            self.0.cmp(&o.0)
        }
    }

    fn tags(s: impl IntoIterator<Item = K>) -> Vec<(u8, u8)> {
        s.into_iter().map(|k| (k.0, k.1)).collect()
    }

    #[test]
    fn keeps_the_element_a_btreeset_keeps() {
        let inputs: [&[(u8, u8)]; 3] = [
            &[(3, 0), (1, 0), (3, 1), (2, 0), (1, 1)],
            &[(5, 0), (5, 1), (5, 2)],
            &[(9, 0), (0, 0), (4, 0), (0, 1), (9, 1), (4, 2)],
        ];
        for (i, a) in inputs.iter().enumerate() {
            for b in &inputs[i..] {
                let mut bt: BTreeSet<K> = a.iter().map(|&(x, t)| K(x, t)).collect();
                let mut ss: SortedSet<K> = a.iter().map(|&(x, t)| K(x, t)).collect();
                assert_eq!(tags(bt.clone()), tags(ss.clone()));
                let other: SortedSet<K> = b.iter().map(|&(x, t)| K(x, t + 10)).collect();
                bt.extend(other.iter().cloned());
                let mut merged = ss.clone();
                merged.union_with(&other);
                ss.extend(other.iter().cloned());
                assert_eq!(tags(bt.clone()), tags(ss));
                assert_eq!(tags(bt), tags(merged));
                // inserting one by one into an empty set
                let mut one_by_one = BTreeSet::new();
                for &(x, t) in a.iter() {
                    one_by_one.insert(K(x, t));
                }
                let first =
                    SortedSet::from_vec_first_wins(a.iter().map(|&(x, t)| K(x, t)).collect());
                assert_eq!(tags(one_by_one), tags(first));
            }
        }
    }

    #[test]
    fn union_reports_change_only_when_something_was_added() {
        let mut a: SortedSet<u32> = [1, 3, 5].into_iter().collect();
        let b: SortedSet<u32> = [3, 5].into_iter().collect();
        assert!(!a.union_with(&b));
        let c: SortedSet<u32> = [0, 4, 9].into_iter().collect();
        assert!(a.union_with(&c));
        assert_eq!(a.as_slice(), &[0, 1, 3, 4, 5, 9]);
        assert!(a.insert(2));
        assert!(!a.insert(2));
        assert_eq!(a.pop_last(), Some(9));
        assert!(a.contains(&4) && !a.contains(&9));
    }
}
