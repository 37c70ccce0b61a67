//! The project's one source of randomness: SplitMix64, fixed forever so a seed reproduces.
//!
//! Generated matrices, generated data sets, the train/test split and the mini-batch order all
//! draw from [`SplitMix64`], never from an OS or library RNG, so one preset and seed give the
//! same numbers on every machine and every version of backstep (preset generators, Dropout's
//! mask, generated data sets, the split, training's mini-batches).

/// SplitMix64: tiny, fast, and fixed forever, so seeds reproduce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// A generator for one purpose of one seed: `SplitMix64(seed ^ purpose)`, so the data, the
    /// split and the mini-batch order of a seed are independent streams.
    pub fn stream(seed: u64, purpose: u64) -> Self {
        SplitMix64(seed ^ purpose)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// A whole number in `0..n` (`n > 0`; 0 for `n = 0`): the high 64 bits of `next_u64() · n`.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Shuffle in place (Fisher–Yates from the last element down).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// An R×C matrix of uniform numbers in [0, 1) drawn row by row from `seed` (NumPy's
/// `np.random.rand(R, C)` with backstep's generator).
pub fn uniform_matrix(seed: u64, shape: (usize, usize)) -> super::Matrix {
    let mut rng = SplitMix64(seed);
    super::Matrix::from_shape_simple_fn(shape, || rng.uniform())
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_sequence_is_fixed() {
        // The reference SplitMix64 from seed 0 (Vigna's splitmix64.c).
        let mut r = SplitMix64(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn a_stream_starts_from_the_seed_xor_its_purpose() {
        // Seeds and purposes that share bits: an OR (or a sum) would give another stream, and a
        // learner's seed would no longer reproduce the numbers it gave before.
        assert_eq!(SplitMix64::stream(0b1011, 0b0110), SplitMix64(0b1101));
        let purpose = crate::engine::train::BATCH_STREAM;
        let seed = purpose | 7;
        assert_eq!(SplitMix64::stream(seed, purpose), SplitMix64(7));
    }

    #[test]
    fn below_stays_in_range_and_shuffle_permutes() {
        let mut r = SplitMix64(3);
        assert!((0..1000).all(|_| r.below(7) < 7));
        let mut v: Vec<usize> = (0..50).collect();
        r.shuffle(&mut v);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
        // Fisher–Yates draws j from 0..=i, so an element may stay where it is: two elements come
        // out in both orders (drawing from 0..i, Sattolo's cycle, would swap them every time).
        let orders: std::collections::HashSet<[u8; 2]> = (0..64)
            .map(|_| {
                let mut pair = [0, 1];
                r.shuffle(&mut pair);
                pair
            })
            .collect();
        assert_eq!(orders.len(), 2, "{orders:?}");
    }
}
