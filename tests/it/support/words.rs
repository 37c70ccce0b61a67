//! Shared by the CLI and explorer tests: text that reads wrong, and tiny nets that provoke it.

/// One-row (and one-cell) nets through every layer: the sizes where `1 rows` and `a affine`
/// show, with negative numbers where a sign can meet a minus.
pub const ONE_ROW_NETS: [&str; 6] = [
    "x = [[-2.0]]\n[[layers]]\ntype = \"sigmoid\"\n",
    "x = [[-2.0, 0.5]]\n[[layers]]\ntype = \"relu\"\n",
    "x = [[1.0]]\n[[layers]]\ntype = \"affine\"\nW = [[-0.5]]\nb = [0.25]\n",
    "x = [[1.0, 2.0]]\nt = [0]\n[[layers]]\ntype = \"softmax_with_loss\"\n",
    "x = [[1.0, 2.0]]\n[[layers]]\ntype = \"softmax\"\n",
    "x = [[3.0]]\n[[layers]]\ntype = \"mul\"\nw = [[-1.0]]\n[[layers]]\ntype = \"add\"\nb = [[-0.5]]\n",
];

/// Words that read wrong in English or maths: a counted noun in the plural after 1 (`1 rows`,
/// `the 1 rows`), `a` before a vowel (`a affine layer`), a minus sign before a negative number
/// (`exp(−-2.0000)`, `− -0.5`).
pub fn misreadings(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let (a, b) = (pair[0], pair[1].trim_end_matches([',', '.', ';', ':', ')']));
        let counted = [
            "rows",
            "columns",
            "cells",
            "values",
            "labels",
            "steps",
            "layers",
            "blocks",
            "copies",
            "passes",
            "tensors",
            "parameters",
            "classes",
        ];
        if (a == "1" || a.ends_with("(1")) && counted.contains(&b) {
            found.push(format!("{a} {b}"));
        }
        if a == "a" && b.starts_with(['a', 'e', 'i', 'o', 'A', 'E', 'I', 'O']) {
            found.push(format!("{a} {b}"));
        }
    }
    // an index on a product without parentheses: `X·W[0,0]` reads as X times W[0,0]
    for token in text.split_whitespace() {
        let token = token.trim_start_matches(|c: char| "│┌└├┐┘─▶•›".contains(c));
        let op = token.find(['·', '⊙']);
        let index = token.find('[');
        if let (Some(op), Some(index)) = (op, index)
            && op < index
            && !token.starts_with('(')
            && token[index..].starts_with('[')
            && token[index + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            found.push(format!("index on a product: {token}"));
        }
    }
    for bad in ["−-", "− -", "+ -", "(−-", "- -"] {
        if text.contains(bad) {
            let at = text.find(bad).unwrap();
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(20)
                .map_or(0, |(i, _)| i);
            found.push(format!(
                "{bad:?} in …{}…",
                &text[start..(at + 12).min(text.len())]
            ));
        }
    }
    found
}
