//! Generated 2-D data sets: `spiral` (CS231n), `xor`, `circles` and `moons`.
//!
//! `points` is the number of points per class. The noise is a standard normal scaled by `noise`,
//! drawn from [`SplitMix64`] with the data seed:
//! - `spiral`: class j has `r = linspace(0, 1, points)` and
//!   `θ = linspace(4j, 4(j + 1), points) + noise·N(0, 1)`, the point is `(r·sin θ, r·cos θ)`
//!   (CS231n's "Putting it together" net); any number of classes from 2 to 10;
//! - `xor`: class 0 in the quadrants (+, +) and (−, −), class 1 in (+, −) and (−, +); each
//!   coordinate's size is `0.1 + 0.9·u` plus noise, but never closer to an axis than 0.1, so a
//!   margin of 0.2 separates the classes and 100 % is reachable;
//! - `circles`: class 0 on the circle of radius 1, class 1 on radius 0.5, plus noise;
//! - `moons`: scikit-learn's two interleaving half circles, plus noise.
//!
//! `xor`, `circles` and `moons` have exactly 2 classes.

use std::f64::consts::PI;

use anyhow::{Result, ensure};

use super::Labeled;
use crate::engine::Matrix;
use crate::engine::rng::SplitMix64;

/// The most points per class a generated set may have.
pub const MAX_POINTS: usize = 100_000;

/// Which 2-D set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape2D {
    /// K interleaved spiral arms (CS231n).
    Spiral,
    /// Opposite quadrants share a class.
    Xor,
    /// Two concentric circles.
    Circles,
    /// Two interleaving half circles.
    Moons,
}

impl Shape2D {
    /// Every shape, in the order the help lists them.
    pub const ALL: [Shape2D; 4] = [
        Shape2D::Spiral,
        Shape2D::Xor,
        Shape2D::Circles,
        Shape2D::Moons,
    ];

    /// The name a preset or `--data` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape2D::Spiral => "spiral",
            Shape2D::Xor => "xor",
            Shape2D::Circles => "circles",
            Shape2D::Moons => "moons",
        }
    }

    /// Parse the name.
    pub fn parse(s: &str) -> Option<Shape2D> {
        Shape2D::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The classes when a preset does not say: 3 for the spiral, else 2.
    pub fn default_classes(self) -> usize {
        if self == Shape2D::Spiral { 3 } else { 2 }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Generated {
    /// The shape.
    pub shape: Shape2D,
    /// Points per class.
    pub points: usize,
    /// Number of classes.
    pub classes: usize,
    /// Scale of the normal noise.
    pub noise: f64,
    /// The data seed.
    pub seed: u64,
}

impl Generated {
    /// Check the numbers, then generate every row in class order.
    pub fn generate(&self) -> Result<Labeled> {
        let name = self.shape.as_str();
        ensure!(
            (1..=MAX_POINTS).contains(&self.points),
            crate::t!(
                "err-gen-points",
                name = name,
                points = self.points.to_string(),
                max = MAX_POINTS.to_string()
            )
        );
        match self.shape {
            Shape2D::Spiral => ensure!(
                (2..=10).contains(&self.classes),
                crate::t!("err-gen-spiral-classes", classes = self.classes.to_string())
            ),
            _ => ensure!(
                self.classes == 2,
                crate::t!(
                    "err-gen-classes",
                    name = name,
                    classes = self.classes.to_string()
                )
            ),
        }
        ensure!(
            self.noise.is_finite() && self.noise >= 0.0,
            crate::t!(
                "err-gen-noise",
                name = name,
                noise = crate::i18n::format::given(self.noise)
            )
        );
        let mut rng = SplitMix64(self.seed);
        let n = self.points;
        let mut cells = Vec::with_capacity(2 * n * self.classes);
        let mut labels = Vec::with_capacity(n * self.classes);
        for class in 0..self.classes {
            for i in 0..n {
                let (a, b) = self.point(class, i, &mut rng);
                cells.push(a);
                cells.push(b);
                labels.push(class);
            }
        }
        let x = Matrix::from_shape_vec((n * self.classes, 2), cells)?;
        Labeled::from_labels(x, &labels, self.classes)
    }

    /// Point `i` of class `class`.
    fn point(&self, class: usize, i: usize, rng: &mut SplitMix64) -> (f64, f64) {
        let frac = linspace(i, self.points);
        let noise = self.noise;
        match self.shape {
            Shape2D::Spiral => {
                let r = frac;
                let theta = 4.0 * (class as f64 + frac) + noise * rng.normal();
                (r * theta.sin(), r * theta.cos())
            }
            Shape2D::Xor => {
                // Alternate the two quadrants of the class.
                let flip = if i % 2 == 0 { 1.0 } else { -1.0 };
                let (sx, sy) = if class == 0 {
                    (flip, flip)
                } else {
                    (flip, -flip)
                };
                let mut size = || {
                    (0.1 + 0.9 * rng.uniform() + noise * rng.normal())
                        .abs()
                        .max(0.1)
                };
                (sx * size(), sy * size())
            }
            Shape2D::Circles => {
                let radius = if class == 0 { 1.0 } else { 0.5 };
                let theta = 2.0 * PI * i as f64 / self.points as f64;
                (
                    radius * theta.cos() + noise * rng.normal(),
                    radius * theta.sin() + noise * rng.normal(),
                )
            }
            Shape2D::Moons => {
                let theta = PI * frac;
                let (a, b) = if class == 0 {
                    (theta.cos(), theta.sin())
                } else {
                    (1.0 - theta.cos(), 0.5 - theta.sin())
                };
                (a + noise * rng.normal(), b + noise * rng.normal())
            }
        }
    }
}

/// The `i`-th of `n` evenly spaced values from 0 to 1 (`np.linspace(0, 1, n)[i]`).
fn linspace(i: usize, n: usize) -> f64 {
    if n <= 1 {
        0.0
    } else {
        i as f64 / (n - 1) as f64
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn make(shape: Shape2D, classes: usize, noise: f64) -> Labeled {
        Generated {
            shape,
            points: 50,
            classes,
            noise,
            seed: 0,
        }
        .generate()
        .unwrap()
    }

    #[test]
    fn spiral_without_noise_is_cs231n_arms() {
        let d = make(Shape2D::Spiral, 3, 0.0);
        assert_eq!(d.x.dim(), (150, 2));
        assert_eq!(d.t.dim(), (150, 3));
        // The first point of every arm is the origin, the last is at radius 1, angle 4(j + 1).
        assert_eq!((d.x[[50, 0]], d.x[[50, 1]]), (0.0, 0.0));
        assert!((d.x[[99, 0]] - 8f64.sin()).abs() < 1e-12);
        assert!((d.x[[99, 1]] - 8f64.cos()).abs() < 1e-12);
        assert_eq!(d.labels()[99], 1);
    }

    #[test]
    fn spiral_noise_is_cs231n_angle_noise() {
        // CS231n: t = np.linspace(4j, 4(j + 1), N) + np.random.randn(N) · noise, r = linspace(0, 1,
        // N), x = (r·sin t, r·cos t); the normals drawn point by point, arm by arm, from the seed.
        let d = make(Shape2D::Spiral, 3, 0.2);
        let mut rng = SplitMix64(0);
        for (row, (arm, i)) in
            d.x.rows()
                .into_iter()
                .zip((0..3).flat_map(|j| (0..50).map(move |i| (j, i))))
        {
            let r = i as f64 / 49.0;
            let t = 4.0 * arm as f64 + 4.0 * r + 0.2 * rng.normal();
            assert!((row[0] - r * t.sin()).abs() < 1e-12, "arm {arm} point {i}");
            assert!((row[1] - r * t.cos()).abs() < 1e-12, "arm {arm} point {i}");
        }
    }

    #[test]
    fn xor_points_are_drawn_as_documented() {
        // Point i of class c: signs (f, f) for class 0 and (f, −f) for class 1, f = +1 for even i
        // and −1 for odd i (each class fills both of its quadrants); each magnitude
        // |0.1 + 0.9·u + noise·n| at least 0.1, with u uniform and n normal drawn in that order.
        let d = make(Shape2D::Xor, 2, 0.5);
        let mut rng = SplitMix64(0);
        let mut size = || {
            (0.1 + 0.9 * rng.uniform() + 0.5 * rng.normal())
                .abs()
                .max(0.1)
        };
        for (n, row) in d.x.rows().into_iter().enumerate() {
            let (class, i) = (n / 50, n % 50);
            let f = if i % 2 == 0 { 1.0 } else { -1.0 };
            let (sx, sy) = if class == 0 { (f, f) } else { (f, -f) };
            assert_eq!((row[0], row[1]), (sx * size(), sy * size()), "point {n}");
        }
        // both quadrants of each class are used, half the points each
        for class in 0..2 {
            let right = (0..50).filter(|i| d.x[[class * 50 + i, 0]] > 0.0).count();
            assert_eq!(right, 25, "class {class}");
        }
    }

    #[test]
    fn circles_and_moons_are_drawn_as_documented() {
        // circles: point i of n at angle 2πi/n, radius 1 (class 0) or 0.5, plus noise·normal on
        // each coordinate; moons: angle π·i/(n − 1), the upper arc (cos, sin) for class 0 and the
        // lower one (1 − cos, 0.5 − sin) for class 1, plus noise likewise.
        let c = make(Shape2D::Circles, 2, 0.1);
        let m = make(Shape2D::Moons, 2, 0.1);
        let (mut rc, mut rm) = (SplitMix64(0), SplitMix64(0));
        for n in 0..100 {
            let (class, i) = (n / 50, n % 50);
            let radius = if class == 0 { 1.0 } else { 0.5 };
            let t = 2.0 * PI * i as f64 / 50.0;
            let want = (
                radius * t.cos() + 0.1 * rc.normal(),
                radius * t.sin() + 0.1 * rc.normal(),
            );
            assert_eq!((c.x[[n, 0]], c.x[[n, 1]]), want, "circles point {n}");
            let t = PI * (i as f64 / 49.0);
            let (a, b) = if class == 0 {
                (t.cos(), t.sin())
            } else {
                (1.0 - t.cos(), 0.5 - t.sin())
            };
            let want = (a + 0.1 * rm.normal(), b + 0.1 * rm.normal());
            assert_eq!((m.x[[n, 0]], m.x[[n, 1]]), want, "moons point {n}");
        }
    }

    #[test]
    fn xor_keeps_its_margin_and_quadrants() {
        let d = make(Shape2D::Xor, 2, 0.5);
        for (row, label) in d.x.rows().into_iter().zip(d.labels()) {
            assert!(row[0].abs() >= 0.1 && row[1].abs() >= 0.1);
            assert_eq!(usize::from(row[0] * row[1] < 0.0), label);
        }
    }

    #[test]
    fn circles_and_moons_without_noise_lie_on_their_curves() {
        let c = make(Shape2D::Circles, 2, 0.0);
        for (row, label) in c.x.rows().into_iter().zip(c.labels()) {
            let r = row[0].hypot(row[1]);
            assert!((r - if label == 0 { 1.0 } else { 0.5 }).abs() < 1e-12);
        }
        let m = make(Shape2D::Moons, 2, 0.0);
        assert!((m.x[[50, 0]] - 0.0).abs() < 1e-12 && (m.x[[50, 1]] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn the_seed_decides_the_noise() {
        let a = make(Shape2D::Spiral, 3, 0.2);
        let b = make(Shape2D::Spiral, 3, 0.2);
        assert_eq!(a, b);
        let c = Generated {
            shape: Shape2D::Spiral,
            points: 50,
            classes: 3,
            noise: 0.2,
            seed: 1,
        }
        .generate()
        .unwrap();
        assert_ne!(a.x, c.x);
    }

    #[test]
    fn bad_numbers_are_errors() {
        let base = Generated {
            shape: Shape2D::Xor,
            points: 10,
            classes: 2,
            noise: 0.1,
            seed: 0,
        };
        let cases = [
            (Generated { points: 0, ..base }, "points is 0"),
            (Generated { classes: 3, ..base }, "exactly 2 classes"),
            (
                Generated {
                    noise: -1.0,
                    ..base
                },
                "noise is -1",
            ),
            (
                Generated {
                    shape: Shape2D::Spiral,
                    classes: 1,
                    ..base
                },
                "from 2 to 10 arms",
            ),
        ];
        for (g, want) in cases {
            let e = g.generate().unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        }
    }
}
