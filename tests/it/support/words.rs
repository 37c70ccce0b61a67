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
        // a scalar times an indexed cell (`lr·dW[0,0]`, an optimizer's `β1·m[0,0]` or
        // `(1 − β1)·dW[0,0]`) means what it says
        let scalar = op.is_some_and(|op| {
            let before = token[..op].trim_start_matches(['−', '-']);
            let before = before.strip_suffix(')').unwrap_or(before);
            ["lr", "lr_t", "α", "β1", "β2"].contains(&before) || before.parse::<f64>().is_ok()
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
    found.extend(doubled_spaces(text));
    found
}

/// A chain of equalities with a doubled space beside an `=` (`col[0,0] = x[0,0,0,0]  = 1.0000`,
/// `y =  2`): one space each side reads as one formula. A name padded to line up with the line
/// above it (`dx  = [[2.2]]` under `out = …`, its line's first `=`) is layout, not a slip; so is
/// the room between two columns of a screen (split at its `│` borders).
pub fn doubled_spaces(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        for part in line.split(['│', '"']) {
            let before_second = part
                .match_indices("  = ")
                .any(|(at, _)| part[..at].contains('='));
            let after = part.match_indices(" =  ").any(|(at, m)| {
                part[at + m.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace())
            });
            if before_second || after {
                found.push(format!("a doubled space beside =: {}", part.trim()));
            }
        }
    }
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

/// Tokens a learner may meet untranslated on a screen rendered in `Lang::Pseudo`: the names of
/// the book's layers and matrices, NumPy and formula words, key names and units. A word that a
/// learner reads as English (`step`, `gradient`, `the`) never belongs here.
pub const NOT_TRANSLATED: &[&str] = &[
    // the book's layer classes and the names backstep gives layers and nodes (`Affine1`)
    "Affine",
    "ReLU",
    "Relu",
    "Sigmoid",
    "Softmax",
    "Softmax-with-Loss",
    "SoftmaxWithLoss",
    "Mul",
    "Add",
    "MulLayer",
    "AddLayer",
    "Dropout",
    "BatchNorm",
    "Conv",
    "Pool",
    "Convolution",
    "Pooling",
    "TwoLayerNet",
    "Tanh",
    "tanh",
    // matrix, gradient and cache names (the book's, as in its code)
    "dW",
    "dX",
    "dx",
    "db",
    "dY",
    "dy",
    "dout",
    "out",
    "dw",
    "dgamma",
    "dbeta",
    "dz",
    "xc",
    "xn",
    "std",
    "var",
    "mu",
    "dxn",
    "dxc",
    "dstd",
    "dvar",
    "dmu",
    // MultiLayerNet.loss's sum of the decay terms (6.4.2)
    "weight_decay",
    "gamma",
    "beta",
    "col",
    "dcol",
    "col_W",
    "dcol_W",
    "arg_max",
    "col_x",
    // NumPy and formula words, as the book writes them
    "np",
    "dot",
    "sum",
    "axis",
    "keepdims",
    "True",
    "False",
    "None",
    "exp",
    "log",
    "max",
    "copy",
    "mask",
    "sqrt",
    "mean",
    "reshape",
    "transpose",
    "argmax",
    "rand",
    "lr",
    "eps",
    "self",
    "ndarray",
    "numpy",
    "SplitMix64",
    "im2col",
    "col2im",
    // the book's names in Convolution and Pooling (ch. 7): filter and output sizes, Pooling's dmax
    "FN",
    "FH",
    "FW",
    "OH",
    "OW",
    "dmax",
    // optimizers (the book's class names) and its scripts
    "SGD",
    "Momentum",
    "AdaGrad",
    "Adam",
    "Xavier",
    "He",
    // keys as the footer writes them
    "Enter",
    "Esc",
    "Tab",
    "Shift-Tab",
    "Shift",
    "Home",
    "End",
    "Space",
    "Ctrl-C",
    "Ctrl",
    "Backspace",
    "PageUp",
    "PageDown",
    // data sets and file kinds
    "MNIST",
    "XOR",
    "CS231n",
    "toml",
    "md",
    "py",
    "json",
    "csv",
];

/// Every human-readable word on `screen` (a frame rendered in `Lang::Pseudo`, as
/// `TestBackend` prints it or tmux captures it) that did not come from a catalog: text outside
/// `⟦…⟧`. A message wrapped over lines is followed inside its pane (panes are told apart by
/// their `│` borders), and one cut short with `…` ends there. A word is two or more letters
/// (digits at its end dropped: `Affine1` is `Affine`); single letters (`x`, `W`), numbers and
/// [`NOT_TRANSLATED`] tokens are not words, nor file names (`two-layer.toml`), nor `names` (a preset's own names: its title,
/// inputs, nodes, the preset's keyword).
pub fn untranslated(screen: &str) -> Vec<String> {
    untranslated_except(screen, &[])
}

/// [`untranslated`], with a preset's own `names` (`apple_num`, `two-layer`) allowed as well.
pub fn untranslated_except(screen: &str, names: &[&str]) -> Vec<String> {
    use std::collections::BTreeMap;
    use unicode_width::UnicodeWidthChar;
    const VERTICAL: &str = "│┃║┌┐└┘├┤┬┴┼╭╮╰╯╔╗╚╝╠╣";
    const HORIZONTAL: &str = "─━═";
    // how deep inside ⟦…⟧ each pane column is, carried from line to line
    let mut open: BTreeMap<usize, usize> = BTreeMap::new();
    // the words of each pane column's text so far, with where they were (row, column): all
    // inside a message after all when a later row of the column closes one it never opened (a
    // page scrolled into the middle of a message); a border or a blank row ends the text
    let mut pending: BTreeMap<usize, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (row, raw) in screen.lines().enumerate() {
        let line = screen_line(raw);
        // the line cut at borders into segments, each keyed by its first column
        let mut segments: Vec<(usize, String)> = vec![(0, String::new())];
        let mut column = 0;
        for c in line.chars() {
            let w = c.width().unwrap_or(0);
            if VERTICAL.contains(c) {
                segments.push((column + w, String::new()));
            } else if let Some((_, text)) = segments.last_mut() {
                text.push(c);
            }
            column += w;
        }
        let mut next = BTreeMap::new();
        let starts: Vec<usize> = segments.iter().map(|(s, _)| *s).collect();
        for (start, text) in segments {
            // a border line (a pane's top with its title) starts afresh
            let border = text.chars().any(|c| HORIZONTAL.contains(c));
            let mut depth = if border {
                0
            } else {
                open.get(&start).copied().unwrap_or(0)
            };
            let mut outside = String::new();
            let mut stray = false;
            let chars: Vec<char> = text.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                match c {
                    '⟦' => {
                        depth += 1;
                        outside.push(' ');
                    }
                    // a close with nothing open: the message began where we could not follow
                    // it, so what came before it in this segment was inside
                    '⟧' if depth == 0 => {
                        outside.clear();
                        stray = true;
                    }
                    '⟧' => depth -= 1,
                    // a message cut short at the edge ends at its `…` (the last thing in its
                    // segment: a `…` inside a message, `+ … (9 terms) … +`, is its text)
                    '…' if depth > 0
                        && !chars[i..].contains(&'⟧')
                        && chars[i + 1..].iter().all(|c| c.is_whitespace()) =>
                    {
                        depth = 0
                    }
                    _ if depth == 0 => outside.push(c),
                    _ => {}
                }
            }
            if depth > 0 && !border {
                next.insert(start, depth);
            }
            let words = words_in(&outside, names)
                .into_iter()
                .map(|w| (row, start, w));
            if border || text.trim().is_empty() {
                found.extend(pending.remove(&start).unwrap_or_default());
                found.extend(words);
            } else {
                if stray {
                    // the rows above in this column were inside the message it closes
                    pending.remove(&start);
                }
                pending.entry(start).or_default().extend(words);
            }
        }
        // a pane column this row does not continue keeps what it found
        let ended: Vec<usize> = pending
            .keys()
            .filter(|s| !starts.contains(s))
            .copied()
            .collect();
        for s in ended {
            found.extend(pending.remove(&s).unwrap_or_default());
        }
        open = next;
    }
    found.extend(pending.into_values().flatten());
    // in reading order
    found.sort_by_key(|(row, column, _)| (*row, *column));
    found.into_iter().map(|(_, _, w)| w).collect()
}

/// One row of a rendered frame: `TestBackend` quotes each row and may add a note on wide
/// characters after it; a tmux capture is the row itself.
fn screen_line(raw: &str) -> &str {
    let Some(quoted) = raw.strip_prefix('"') else {
        return raw;
    };
    match quoted.rfind("\" Hidden by multi-width symbols") {
        Some(end) => &quoted[..end],
        None => quoted.strip_suffix('"').unwrap_or(quoted),
    }
}

/// The words of `text` a learner would read as English (or any language not from a catalog).
fn words_in(text: &str, names: &[&str]) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let allowed = |token: &str| {
        NOT_TRANSLATED.contains(&token) || names.contains(&token) || {
            let stem = token.trim_end_matches(|c: char| c.is_ascii_digit());
            NOT_TRANSLATED.contains(&stem) || names.contains(&stem)
        }
    };
    let is_word = |part: &str| {
        let stem = part.trim_end_matches(|c: char| c.is_ascii_digit());
        // a sum over indices (`Σₙ`, `Σᵢⱼ`) is a formula, not a word
        if let Some(indices) = stem.strip_prefix('Σ')
            && indices.chars().all(|c| "ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ".contains(c))
        {
            return false;
        }
        // two letters make a word; a CJK character is one by itself (`ℹ` alone is a sign)
        let letters: usize = stem
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(|c| if c.width() == Some(2) { 2 } else { 1 })
            .sum();
        letters >= 2 && !allowed(part)
    };
    let mut found = Vec::new();
    let tokens = text.split(|c: char| !(c.is_alphanumeric() || "-_'’.".contains(c)));
    for token in tokens {
        let token = token.trim_matches(|c: char| "-_'’.".contains(c));
        let file = [".toml", ".md", ".py", ".json", ".csv", ".gz"]
            .iter()
            .any(|ext| token.ends_with(ext));
        if token.is_empty() || file || allowed(token) {
            continue;
        }
        // file names and numbers keep their dots: `two-layer.toml`, `4.8e-5`
        let parts: Vec<&str> = token
            .split(['-', '_', '.', '\'', '’'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.iter().any(|p| is_word(p)) {
            found.push(token.to_string());
        }
    }
    found
}

/// Rows of a `TestBackend` frame where a wide character (CJK) was half overwritten by the next
/// cell: text cut through the middle of a character. (`TestBackend` lists the cell behind every
/// wide character; it is a cut only when something other than a blank was drawn there.)
pub fn cut_characters(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| {
            l.split_once("\" Hidden by multi-width symbols: ")
                .is_some_and(|(_, hidden)| {
                    hidden
                        .split("), (")
                        .any(|cell| !cell.ends_with("\" \"") && !cell.ends_with("\" \")]"))
                })
        })
        .map(str::to_string)
        .collect()
}

/// A `TestBackend` frame without its notes on blank cells behind wide characters (they say
/// nothing on a CJK screen); a note on a cut character stays.
pub fn without_wide_notes(screen: &str) -> String {
    screen
        .lines()
        .map(|l| {
            if cut_characters(l).is_empty() {
                l.split_once(" Hidden by multi-width symbols: ")
                    .map_or(l, |(row, _)| row)
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn doubled_spaces_are_found_beside_an_equals_sign_of_a_chain() {
    let inspector = "\"   col[0,0] = x[0,0,0,0]  = 1.0000        \"";
    assert_eq!(doubled_spaces(inspector).len(), 1);
    assert_eq!(doubled_spaces("│ y =  2.0000 │").len(), 1);
    assert!(doubled_spaces("   col[0,0] = x[0,0,0,0] = 1.0000   ").is_empty());
    // a padded name under another, and the room between columns
    assert!(doubled_spaces("out = [[1, 0]]\ndx  = [[2.2]]").is_empty());
    assert!(doubled_spaces("│ a = 1  │  b = 2 │").is_empty());
}

#[test]
fn untranslated_finds_words_outside_the_markers() {
    // a frame as TestBackend prints it: two panes side by side, a message wrapped in the left
    // one, English in the right one
    let screen = concat!(
        "\"┌⟦Input⟧─────────┐┌Output───────┐\"\n",
        "\"│⟦the book's     │ │the result  │\"\n",
        "\"│dout, cached⟧ W1 │ │⟦ok⟧ dW 0.5 │\"\n",
        "\"│⟦a message cut… │ │Affine1 x   │\"\n",
        "\"│still English   │ │            │\"\n",
        "\"└────────────────┘└────────────┘\"\n",
    );
    assert_eq!(
        untranslated(screen),
        ["Output", "the", "result", "still", "English"]
    );
    // a message that closes on a line where its opening was not seen
    assert!(untranslated("\"│inside it⟧ 0.5\"\n").is_empty());
    // …nor on the rows above it (a page scrolled into the middle of a message), while rows
    // that no stray close follows are read
    let scrolled =
        "\"│still inside  │\"\n\"│it, and here⟧ │\"\n\"│              │\"\n\"│English       │\"\n";
    assert_eq!(untranslated(scrolled), ["English"]);
    // …a message nested in it included
    let nested = "\"│at 0⟦ (inner)⟧, where  │\"\n\"│it ends.⟧ English    │\"\n";
    assert_eq!(untranslated(nested), ["English"]);
    // a `…` inside a wrapped message is its text, not where it was cut
    assert!(untranslated("\"│⟦1 + … (9 terms) … +│\"\n\"│2⟧               │\"\n").is_empty());
    assert_eq!(
        untranslated("\"│⟦cut here…│\"\n\"│English   │\"\n"),
        ["English"]
    );
    // names of the preset, file names, numbers and single letters are not words
    assert!(
        untranslated_except(
            "\"apple_num 4.8e-5 x W two-layer.toml\"",
            &["apple_num", "two-layer"]
        )
        .is_empty()
    );
    assert_eq!(untranslated("\"steps: 3\""), ["steps"]);
    // a sum over indices is a formula; a Greek word is still a word
    assert!(untranslated("\"db = Σₙ dY, Σᵢⱼ 0.5·λ·W[i,j]²\"").is_empty());
    assert_eq!(untranslated("\"Σum Σₙx\""), ["Σum", "Σₙx"]);
    // a line of CJK not from a catalog is flagged too
    assert_eq!(untranslated("\"⟦x⟧ 反向传播\""), ["反向传播"]);
    assert_eq!(untranslated("\"don't\""), ["don't"]);
}

#[test]
fn cut_characters_sees_a_half_overwritten_wide_character() {
    let ok = "\"全连\" Hidden by multi-width symbols: [(1, \" \"), (3, \" \")]\n";
    let cut = "\"⟦全⟧x\" Hidden by multi-width symbols: [(2, \"x\")]\n";
    assert!(cut_characters(ok).is_empty());
    assert_eq!(without_wide_notes(ok), "\"全连\"");
    assert_eq!(cut_characters(cut).len(), 1);
    assert_eq!(untranslated(cut), Vec::<String>::new());
}
