//! Tests of the parent module, against real numbers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::preset::{BUILTINS, Preset};

fn affine_panels() -> Vec<ShapeAlgebra> {
    let p = Preset::builtin("affine").unwrap();
    let run = p.network.run(&p.inputs).unwrap();
    (0..run.tape.len())
        .filter_map(|k| shape_algebra(&run.tape.steps, k))
        .collect()
}

#[test]
fn forward_lines_carry_the_numbers() {
    let panels = affine_panels();
    assert_eq!(panels.len(), 5, "X·W, + b, dX, dW, db");
    assert_eq!(panels[0].lines[1], "X (4×3) · W (3×2) → Y (4×2)");
    assert!(panels[1].lines[1].contains("b (1×2) → Y (4×2)"));
}

#[test]
fn dw_candidates_on_the_affine_preset() {
    let dw = affine_panels()
        .into_iter()
        .find(|p| p.target == "dW")
        .unwrap();
    let fitting: Vec<&str> = dw.fitting().map(|c| c.product.as_str()).collect();
    assert_eq!(fitting, ["Xᵀ·dY"]);
    let verdict = |p: &str| dw.candidate(p).unwrap().verdict.clone();
    assert_eq!(
        verdict("Xᵀ·dY"),
        "fits: Xᵀ (D×N) · dY (N×H) → 3×2, D×H like W"
    );
    assert_eq!(
        verdict("W·dY"),
        "W (3×2) · dY (4×2): inner sizes 2 ≠ 4 (H ≠ N)"
    );
    assert_eq!(
        verdict("Wᵀ·dY"),
        "Wᵀ (2×3) · dY (4×2): inner sizes 3 ≠ 4 (D ≠ N)"
    );
    assert_eq!(
        verdict("dY·X"),
        "dY (4×2) · X (4×3): inner sizes 2 ≠ 4 (H ≠ N)"
    );
    assert_eq!(
        verdict("X·dY"),
        "X (4×3) · dY (4×2): inner sizes 3 ≠ 4 (D ≠ N)"
    );
    assert_eq!(
        verdict("dY·Wᵀ"),
        "dY (N×H) · Wᵀ (H×D) gives N×D = 4×3 but dW must be D×H = 3×2"
    );
    // The learner's bug, a common mistake, is named and rejected.
    let mistake = dw.candidate("Wᵀ·dY").unwrap();
    assert!(!mistake.fits);
    assert_eq!(
        mistake.remark.as_deref(),
        Some("a common mistake: dW = W.T · dout")
    );
    assert!(dw.candidate("Xᵀ·dY").unwrap().used);
    assert_eq!(dw.candidates.len(), 8);
    assert!(
        dw.lines
            .iter()
            .any(|l| l == "the only product that fits is Xᵀ·dY: dW = Xᵀ·dY")
    );
}

#[test]
fn dx_and_db_candidates_on_the_affine_preset() {
    let panels = affine_panels();
    let dx = panels.iter().find(|p| p.target == "dX").unwrap();
    let fitting: Vec<&str> = dx.fitting().map(|c| c.product.as_str()).collect();
    assert_eq!(fitting, ["dY·Wᵀ"]);
    assert_eq!(
        dx.candidate("Xᵀ·dY").unwrap().verdict,
        "Xᵀ (D×N) · dY (N×H) gives D×H = 3×2 but dX must be N×D = 4×3"
    );
    let db = panels.iter().find(|p| p.target == "db").unwrap();
    let fitting: Vec<&str> = db.fitting().map(|c| c.product.as_str()).collect();
    assert_eq!(fitting, ["np.sum(dY, axis=0)"]);
    assert_eq!(
        db.candidate("np.sum(dY, axis=1)").unwrap().verdict,
        "gives 4×1 but db must be 1×2"
    );
}

#[test]
fn only_affine_steps_get_a_panel_and_the_used_product_always_fits() {
    for b in BUILTINS {
        let p = Preset::builtin(b.name).unwrap();
        let run = p.network.run(&p.inputs).unwrap();
        for (k, s) in run.tape.steps.iter().enumerate() {
            let panel = shape_algebra(&run.tape.steps, k);
            assert_eq!(
                panel.is_some(),
                s.kind == LayerKind::Affine,
                "{} step {k}",
                b.name
            );
            if let Some(panel) = panel {
                for c in panel.candidates.iter().filter(|c| c.used) {
                    assert!(
                        c.fits,
                        "{} step {k}: {} is used but does not fit",
                        b.name, c.product
                    );
                }
            }
        }
    }
    assert_eq!(shape_algebra(&[], 0), None);
}
