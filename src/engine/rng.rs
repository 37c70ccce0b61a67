//! The project's one random number generator: SplitMix64, fixed forever so a seed gives the same
//! numbers on every machine and every version of backstep (preset generators, Dropout's mask,
//! training's mini-batches).

/// SplitMix64: tiny, fast, and fixed forever, so seeds reproduce.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
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
}

/// An R×C matrix of uniform numbers in [0, 1) drawn row by row from `seed` (NumPy's
/// `np.random.rand(R, C)` with backstep's generator).
pub fn uniform_matrix(seed: u64, shape: (usize, usize)) -> super::Matrix {
    let mut rng = SplitMix64(seed);
    super::Matrix::from_shape_simple_fn(shape, || rng.uniform())
}
