//! UMAP: determinism, quality, progress events, cancel, transform, a/b fit, refusals.

mod maths_support;

use std::ops::ControlFlow;

use embeddings::maths::umap::find_ab;
use embeddings::maths::{
    MathsErrorCode, Matrix, Metric, UmapEvent, UmapInit, UmapParams, trustworthiness, umap,
    umap_transform,
};
use maths_support::blobs;

fn params(seed: u64) -> UmapParams {
    UmapParams {
        n_neighbours: 10,
        n_epochs: Some(120),
        metric: Metric::Euclidean,
        seed,
        ..UmapParams::default()
    }
}

fn quiet(_: UmapEvent<'_>) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

#[test]
fn defaults_are_umap_learns() {
    let p = UmapParams::default();
    assert_eq!(
        (p.dims, p.n_neighbours, p.min_dist, p.spread),
        (2, 15, 0.1, 1.0)
    );
    assert_eq!(
        (p.metric, p.seed, p.n_epochs, p.init),
        (Metric::Cosine, 42, None, UmapInit::Spectral)
    );
    let json = serde_json::to_string(&p).unwrap();
    assert!(
        json.contains("\"nNeighbours\":15")
            && json.contains("\"minDist\"")
            && json.contains("\"spectral\""),
        "{json}"
    );
}

#[test]
fn curve_fit_gives_umap_learns_a_and_b() {
    // umap-learn: find_ab_params(1.0, 0.1) = (1.5769, 0.8951)
    let (a, b) = find_ab(1.0, 0.1);
    assert!(
        (a - 1.5769).abs() < 0.01 && (b - 0.8951).abs() < 0.01,
        "a {a}, b {b}"
    );
    let (a, b) = find_ab(1.0, 0.5);
    assert!(
        (a - 0.5830).abs() < 0.01 && (b - 1.3341).abs() < 0.01,
        "a {a}, b {b}"
    );
}

#[test]
fn same_seed_same_layout_bit_for_bit_and_another_seed_differs() {
    let (x, _) = blobs(400, 10, 4, 3, 3.0, 1);
    let a = umap(&x, &params(7), &mut quiet).unwrap();
    let b = umap(&x, &params(7), &mut quiet).unwrap();
    assert_eq!(a.as_slice(), b.as_slice());
    let c = umap(&x, &params(8), &mut quiet).unwrap();
    assert_ne!(a.as_slice(), c.as_slice());
    assert_eq!((a.rows(), a.cols()), (400, 2));
    assert!(a.as_slice().iter().all(|v| v.is_finite()));
}

#[test]
fn layout_is_trustworthy_on_a_clustered_set_in_2d_and_3d() {
    let (x, _) = blobs(600, 12, 5, 4, 3.0, 2);
    for (dims, init) in [
        (2, UmapInit::Spectral),
        (3, UmapInit::Pca),
        (2, UmapInit::Random),
    ] {
        let p = UmapParams {
            dims,
            init,
            ..params(3)
        };
        let y = umap(&x, &p, &mut quiet).unwrap();
        assert_eq!(y.cols(), dims);
        let t = trustworthiness(&x, &y, 10, Metric::Euclidean);
        assert!(t >= 0.9, "{dims}-d {init:?}: trustworthiness {t}");
    }
}

#[test]
fn progress_events_come_in_order_and_cancel_stops_the_run() {
    let (x, _) = blobs(300, 8, 3, 3, 3.0, 3);
    let mut stages = Vec::new();
    let mut epochs = Vec::new();
    umap(&x, &params(1), &mut |e| {
        match e {
            UmapEvent::Stage(s) => {
                if stages.last() != Some(&s) {
                    stages.push(s)
                }
            }
            UmapEvent::Layout {
                epoch,
                n_epochs,
                coords,
            } => {
                assert_eq!(n_epochs, 120);
                assert_eq!(coords.rows(), 300);
                epochs.push(epoch);
            }
        }
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(stages, ["neighbours", "graph", "initialisation", "layout"]);
    assert_eq!(epochs.first(), Some(&0));
    assert_eq!(epochs.last(), Some(&120));
    assert!((20..=23).contains(&epochs.len()), "{epochs:?}");

    for stop_at in ["neighbours", "initialisation"] {
        let e = umap(&x, &params(1), &mut |e| match e {
            UmapEvent::Stage(s) if s == stop_at => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        })
        .unwrap_err();
        assert_eq!(e.code, MathsErrorCode::Cancelled);
    }
    let mut seen = 0;
    let e = umap(&x, &params(1), &mut |e| match e {
        UmapEvent::Layout { epoch, .. } if epoch >= 30 => ControlFlow::Break(()),
        UmapEvent::Layout { .. } => {
            seen += 1;
            ControlFlow::Continue(())
        }
        _ => ControlFlow::Continue(()),
    })
    .unwrap_err();
    assert_eq!(e.code, MathsErrorCode::Cancelled);
    assert!(seen >= 2);
}

#[test]
fn transform_places_a_copy_of_a_training_point_next_to_it() {
    let (x, _) = blobs(400, 10, 4, 3, 3.0, 4);
    let p = params(5);
    let layout = umap(&x, &p, &mut quiet).unwrap();
    let picks = [3usize, 150, 399];
    let mut copies = Vec::new();
    for &i in &picks {
        copies.extend_from_slice(x.row(i));
    }
    let copies = Matrix::new(3, 10, copies).unwrap();
    let placed = umap_transform(&x, &layout, &p, &copies).unwrap();
    let span = {
        let xs: Vec<f32> = layout.as_slice().chunks(2).map(|r| r[0]).collect();
        xs.iter().copied().fold(f32::MIN, f32::max) - xs.iter().copied().fold(f32::MAX, f32::min)
    };
    for (r, &i) in picks.iter().enumerate() {
        let d: f32 = placed
            .row(r)
            .iter()
            .zip(layout.row(i))
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f32>()
            .sqrt();
        assert!(
            d < 0.05 * span,
            "copy of {i} lands {d} away (layout span {span})"
        );
    }
    // A new point between two blobs' members lands somewhere finite; the layout is untouched.
    let mid: Vec<f32> = x
        .row(0)
        .iter()
        .zip(x.row(1))
        .map(|(a, b)| 0.5 * (a + b))
        .collect();
    let placed = umap_transform(&x, &layout, &p, &Matrix::new(1, 10, mid).unwrap()).unwrap();
    assert!(placed.as_slice().iter().all(|v| v.is_finite()));
    let wrong = Matrix::new(1, 3, vec![0.0; 3]).unwrap();
    assert_eq!(
        umap_transform(&x, &layout, &p, &wrong).unwrap_err().code,
        MathsErrorCode::InvalidInput
    );
}

#[test]
fn umap_refuses_bad_parameters() {
    let (x, _) = blobs(20, 4, 2, 2, 3.0, 5);
    let e = umap(
        &x,
        &UmapParams {
            dims: 4,
            ..params(1)
        },
        &mut quiet,
    )
    .unwrap_err();
    assert_eq!(e.code, MathsErrorCode::InvalidInput);
    let e = umap(
        &x,
        &UmapParams {
            n_neighbours: 20,
            ..params(1)
        },
        &mut quiet,
    )
    .unwrap_err();
    assert_eq!(e.code, MathsErrorCode::TooFewRows);
    let e = umap(
        &x,
        &UmapParams {
            min_dist: 2.0,
            ..params(1)
        },
        &mut quiet,
    )
    .unwrap_err();
    assert_eq!(e.code, MathsErrorCode::InvalidInput);
}
