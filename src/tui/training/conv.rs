//! What the training screen draws of a network whose first layer is a convolution: its filters
//! (the book's Fig. 7-24) and one test image's feature maps after the convolution and after the
//! first pooling layer, read from the network with the current weights.

use anyhow::Result;
use ndarray::ArrayView2;

use crate::engine::Matrix;
use crate::engine::layer::{Layer, LayerKind};
use crate::engine::network::Network;
use crate::engine::tensor::ImageShape;
use crate::tui::ui::train::SmallImages;

/// The first layer's filters when it is a convolution: each filter's C×FH×FW weights as one
/// FH × C·FW image, its channels side by side (the book's `filter_show` draws channel 0 of
/// each, `filters[i, 0]`; the built-in convnets have one channel), and C.
pub fn filters(network: &Network) -> Option<(SmallImages, usize)> {
    let first = network.layers.first()?;
    let Layer::Convolution(conv) = &first.layer else {
        return None;
    };
    let f = conv.filter;
    let plane = f.plane();
    let image = |weights: &[f64]| -> Vec<f64> {
        (0..f.h)
            .flat_map(|r| (0..f.c).flat_map(move |c| (0..f.w).map(move |x| (c, r, x))))
            .map(|(c, r, x)| weights.get(c * plane + r * f.w + x).copied().unwrap_or(0.0))
            .collect()
    };
    let images = conv
        .w
        .rows()
        .into_iter()
        .map(|r| image(&r.to_vec()))
        .collect();
    Some((
        SmallImages {
            layer: first.name.clone(),
            h: f.h,
            w: f.c * f.w,
            images,
        },
        f.c,
    ))
}

/// Channel by channel, the H×W planes of the first row of `out`, a tensor of sample `shape`.
fn planes(name: &str, out: &Matrix, shape: ImageShape) -> SmallImages {
    let plane = shape.plane();
    let row: Vec<f64> = out.row(0).to_vec();
    SmallImages {
        layer: name.to_string(),
        h: shape.h,
        w: shape.w,
        images: (0..shape.c)
            .filter_map(|c| row.get(c * plane..(c + 1) * plane).map(<[f64]>::to_vec))
            .collect(),
    }
}

/// The feature maps of the image `x` (one row of sample shape `image`) after the first layer, a
/// convolution, and after the first pooling layer when there is one; `None` when the first
/// layer is not a convolution.
pub fn feature_maps(
    network: &Network,
    image: ImageShape,
    x: ArrayView2<'_, f64>,
) -> Result<Option<(SmallImages, Option<SmallImages>)>> {
    if filters(network).is_none() {
        return Ok(None);
    }
    // Index i + 1 is the sample shape of layer i's output.
    let shapes = network.images(Some(image))?;
    let mut out = x.to_owned();
    let mut conv = None;
    for (i, l) in network.layers.iter().enumerate() {
        out = l.layer.infer(out.view())?;
        let Some(shape) = shapes.get(i + 1).copied().flatten() else {
            break;
        };
        if i == 0 {
            conv = Some(planes(&l.name, &out, shape));
        } else if l.layer.kind() == LayerKind::Pooling {
            return Ok(conv.map(|c| (c, Some(planes(&l.name, &out, shape)))));
        }
    }
    Ok(conv.map(|c| (c, None)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::preset::Preset;

    #[test]
    fn the_digits_convnet_shows_16_filters_and_its_maps_after_conv_and_pool() {
        let preset = Preset::builtin("train-convnet-digits").unwrap();
        let trainer = preset.trainer().unwrap();
        let network = trainer.network();
        let (f, channels) = filters(network).unwrap();
        assert_eq!(channels, 1);
        assert_eq!(
            (f.layer.as_str(), f.images.len(), f.h, f.w),
            ("Conv1", 16, 3, 3)
        );
        // Filter 0 is row 0 of W, its 9 weights.
        let Layer::Convolution(conv) = &network.layers[0].layer else {
            panic!("a convolution first")
        };
        assert_eq!(f.images[0], conv.w.row(0).to_vec());
        let image = trainer.image().unwrap();
        let x = trainer
            .data()
            .train
            .x
            .row(0)
            .insert_axis(ndarray::Axis(0))
            .to_owned();
        let (after_conv, after_pool) = feature_maps(network, image, x.view()).unwrap().unwrap();
        assert_eq!(
            (after_conv.images.len(), after_conv.h, after_conv.w),
            (16, 8, 8)
        );
        let pool = after_pool.unwrap();
        assert_eq!(
            (pool.layer.as_str(), pool.images.len(), pool.h, pool.w),
            ("Pool1", 16, 4, 4)
        );
        // Map 0 after the convolution is what the network's own forward pass writes.
        let out = network.layers[0].layer.infer(x.view()).unwrap();
        assert_eq!(after_conv.images[0], out.row(0).to_vec()[..64].to_vec());
        // Pool1 follows ReLU: each pooled cell is the maximum of a 2×2 window of relu(conv).
        let relu = |v: f64| v.max(0.0);
        let m = &after_conv.images[3];
        let top_left = [m[0], m[1], m[8], m[9]]
            .map(relu)
            .into_iter()
            .fold(f64::MIN, f64::max);
        assert_eq!(pool.images[3][0], top_left);
    }

    #[test]
    fn a_filter_of_two_channels_is_drawn_with_its_channels_side_by_side() {
        use crate::engine::NamedLayer;
        use crate::engine::layer::Convolution;
        // one filter of 2×2×2: channel 0 is 1 2 / 3 4, channel 1 is 5 6 / 7 8
        let w = Matrix::from_shape_vec((1, 8), (1..=8).map(f64::from).collect()).unwrap();
        let conv = Convolution::new(w, Matrix::zeros((1, 1)), ImageShape::new(2, 2, 2), 1, 0);
        let network = Network {
            layers: vec![NamedLayer {
                name: "Conv1".into(),
                layer: Layer::Convolution(conv),
            }],
        };
        let (f, channels) = filters(&network).unwrap();
        assert_eq!((channels, f.h, f.w), (2, 2, 4));
        // row by row: channel 0's row, then channel 1's
        assert_eq!(f.images, [vec![1.0, 2.0, 5.0, 6.0, 3.0, 4.0, 7.0, 8.0]]);
    }

    #[test]
    fn a_dense_first_layer_has_no_filters() {
        let preset = Preset::builtin("train-digits").unwrap();
        let trainer = preset.trainer().unwrap();
        assert!(filters(trainer.network()).is_none());
    }
}
