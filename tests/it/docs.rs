//! The docs' tables that mirror the code: keys, built-in presets, layer types, and links.
//!
//! Each table is read from the Markdown and compared with the code both ways, so adding a key, a
//! preset or a layer without its line in the docs (or leaving a stale line behind) fails here.

use std::path::Path;

use backstep::engine::LayerKind;
use backstep::preset::{BUILTINS, LAB_BUILTINS, Preset, Source, TRAIN_BUILTINS};
use backstep::tui::keymap::{BINDINGS, Context};

fn doc(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first cell of every table row whose first cell is one code span: `| \`name\` | …`.
fn first_cells(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once("` |").map(|(name, _)| name.to_string()))
        .collect()
}

/// The rows of the table that follows the line containing `heading`.
fn table_after<'a>(markdown: &'a str, heading: &str) -> Vec<&'a str> {
    let start = markdown
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    markdown[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect()
}

#[test]
fn every_key_is_in_the_docs_of_its_screen() {
    let explorer = doc("docs/explorer.md");
    let training = doc("docs/training.md");
    for b in BINDINGS {
        let (page, text) = match b.context {
            Context::Train | Context::Compare | Context::Histogram => {
                ("docs/training.md", &training)
            }
            _ => ("docs/explorer.md", &explorer),
        };
        for k in b.keys {
            let label = format!("`{}`", k.label());
            assert!(
                text.contains(&label),
                "{page} does not list {label} ({}: {})",
                b.context.title(),
                b.help
            );
        }
    }
}

#[test]
fn the_presets_table_lists_exactly_the_builtins() {
    let listed = first_cells(&doc("docs/presets.md"));
    let builtins: Vec<&str> = BUILTINS
        .iter()
        .chain(TRAIN_BUILTINS)
        .chain(LAB_BUILTINS)
        .map(|b| b.name)
        .collect();
    for name in &builtins {
        assert!(
            listed.iter().any(|l| l == name),
            "docs/presets.md has no row for the built-in `{name}`"
        );
    }
    let layer_types: Vec<&str> = LayerKind::ALL.iter().map(|k| k.as_str()).collect();
    for name in &listed {
        assert!(
            builtins.contains(&name.as_str()) || layer_types.contains(&name.as_str()),
            "docs/presets.md lists `{name}`, which is neither a built-in nor a layer type"
        );
    }
    // the README's overview names every built-in too
    let readme = doc("README.md");
    for name in &builtins {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md does not mention `{name}`"
        );
    }
}

/// The smallest valid table of each layer type, so the parser reaches its unknown-field check.
fn minimal_fields(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Affine => "W = [[1.0]]\nb = [0.0]",
        LayerKind::Mul => "w = [[1.0]]",
        LayerKind::Add => "b = [[1.0]]",
        LayerKind::BatchNorm => "gamma = [1.0]\nbeta = [0.0]",
        LayerKind::Convolution => "W = [[[[1.0]]]]\nb = [0.0]",
        LayerKind::Pooling => "pool_h = 1\npool_w = 1",
        _ => "",
    }
}

/// What the parser says a layer of `kind` takes, read from its unknown-field error.
fn fields_the_parser_takes(kind: LayerKind) -> Vec<String> {
    let toml = format!(
        "x = [[1.0]]\n[[layers]]\ntype = \"{}\"\n{}\nnot_a_field = 1\n",
        kind.as_str(),
        minimal_fields(kind)
    );
    let err = match Preset::from_toml(&toml, Source::File("t.toml".into())) {
        Ok(_) => panic!("{}: an unknown field was accepted", kind.as_str()),
        Err(e) => format!("{e:#}"),
    };
    let Some((_, takes)) = err.split_once("it takes ") else {
        panic!(
            "{}: expected the unknown-field error, got {err:?} (give this layer type its required \
             fields in minimal_fields)",
            kind.as_str()
        )
    };
    if takes.starts_with("no fields") {
        return Vec::new();
    }
    takes
        .split(", ")
        .map(str::to_string)
        .filter(|f| f != "type" && f != "name")
        .collect()
}

#[test]
fn the_layer_table_matches_the_parser() {
    let presets = doc("docs/presets.md");
    let rows = table_after(&presets, "**Layer types**");
    let mut documented = Vec::new();
    for row in rows.iter().skip(2) {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let name = cells[0].trim_matches('`').to_string();
        let fields: Vec<String> = cells[1]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        documented.push((name, fields));
    }
    let names: Vec<&str> = documented.iter().map(|(n, _)| n.as_str()).collect();
    let kinds: Vec<&str> = LayerKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names, kinds,
        "the layer table's types, in LayerKind's order"
    );
    for (kind, (name, fields)) in LayerKind::ALL.iter().zip(&documented) {
        let mut takes = fields_the_parser_takes(*kind);
        let mut listed = fields.clone();
        takes.sort();
        listed.sort();
        assert_eq!(listed, takes, "the fields of `{name}` in docs/presets.md");
    }
}

#[test]
fn every_relative_link_in_the_docs_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md"), root.join("CHANGELOG.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        pages.push(entry.unwrap().path());
    }
    let mut broken = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for (_, rest) in text.match_indices("](").map(|(i, _)| text.split_at(i + 2)) {
            let target = rest.split(')').next().unwrap_or("");
            let target = target.split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") {
                continue;
            }
            let dir = page.parent().unwrap();
            if !dir.join(target).exists() {
                broken.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "links to nothing: {broken:#?}");
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = doc("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= 220,
        "README.md has {lines} lines; detail belongs in docs/"
    );
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}
