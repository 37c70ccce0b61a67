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
        // a pane border glued to the token: only what follows it
        let token = token.rsplit('│').next().unwrap_or(token);
        let op = token.find(['·', '⊙']);
        // a scalar times an indexed cell (`lr·dW[0,0]`) means what it says
        let scalar = op.is_some_and(|op| {
            let before = token[..op].trim_start_matches(['−', '-']);
            before == "lr" || before.parse::<f64>().is_ok()
        });
        let index = token.find('[');
        if let (Some(op), Some(index)) = (op, index)
            && !scalar
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
    found.extend(one_name_slips(text));
    found
}

/// What a teacher of the book's chapters 5–6 flagged (issue 24), in one text (a step, a screen):
/// a layer or node counted from 0 (`layer 0`), `d` in two senses (`dy/dx` beside the gradient
/// `dx`), the book's `10e-7` without `= 1e-6`, the tape (a word of the code, not the learner's),
/// BatchNorm's `dμ` (the book's `dmu` is −∂L/∂μ), Dropout's mask read as ReLU's (`masked cells
/// 0`), `Σ rows` beside `column sum`, the bias as `B`/`dB` (the book's `b`/`db`), Dropout's seed
/// beside NumPy's `np.random` without saying whose generator draws, and `dout` beside Affine's
/// `dY` without saying that `dY` is the book's `dout`.
pub fn one_name_slips(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    // a sentence wrapped over two lines of a screen reads as one
    let joined = text
        .split_whitespace()
        .map(|t| t.trim_matches('"'))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text = joined.as_str();
    let tokens: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| "│┌└├┐┘─▶•›(),;:.'\"`|".contains(c)))
        .collect();
    for pair in tokens.windows(2) {
        if ["layer", "node"].contains(&pair[0]) && pair[1] == "0" {
            found.push(format!("counted from 0: {} {}", pair[0], pair[1]));
        }
    }
    for token in &tokens {
        // dy/dx, df/dx: a derivative written with the d of a gradient
        if let Some((num, den)) = token.split_once('/')
            && num.starts_with('d')
            && den.starts_with('d')
            && num.len() > 1
            && den.len() > 1
            && num[1..].chars().all(char::is_alphanumeric)
            && den[1..].chars().all(char::is_alphanumeric)
        {
            found.push(format!("d in two senses: {token} (write ∂/∂)"));
        }
        if ["B", "dB", "dμ"].contains(token) {
            found.push(format!("not the book's name: {token}"));
        }
    }
    // the book's literal, not a number that ends in it (6.910e-7)
    let book_eps = tokens
        .iter()
        .any(|t| t.trim_start_matches(['+', '√']) == "10e-7");
    if book_eps && !text.contains("= 1e-6") {
        found.push("10e-7 without = 1e-6".into());
    }
    for bad in ["the tape", "tape's", "masked cells 0", "sign folded"] {
        if text.contains(bad) {
            found.push(format!("reads wrong: {bad:?}"));
        }
    }
    if text.contains("Σ rows") && text.contains("column sum") {
        found.push("Σ rows beside column sum".into());
    }
    if text.contains("np.random") && text.contains("seed") && !text.contains("SplitMix64") {
        found.push("a seed beside np.random without saying whose generator".into());
    }
    if text.contains("dY") && text.contains("dout") && !text.contains("the book's dout") {
        found.push("dY and dout on one screen without \"the book's dout\"".into());
    }
    found
}
