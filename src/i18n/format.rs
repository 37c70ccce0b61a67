//! Number and matrix formatting shared by the notes, explanations, CLI and explorer.
//!
//! Pure string functions; fixed widths so columns and snapshots never jitter.

use ndarray::Array2;

type Matrix = Array2<f64>;

/// Fixed notation goes up to this many decimal places (or the chosen number, when more) before a
/// small number switches to scientific notation.
pub const FIXED_PLACES: usize = 4;

/// Format a number with `decimals` places, never fewer significant digits than it takes to read
/// it right.
///
/// The rule, for every value and every `decimals`:
/// - at least two significant digits: when `decimals` places would show fewer, more places are
///   used (0.5366 with 0 places is `0.54`, not `1`; −1.5 is `-1.5`, not `-2`), but no more than
///   it takes to show the value exactly (0.5 is `0.5`, 3 is `3`);
/// - when that needs more than [`FIXED_PLACES`] places (and more than `decimals`), or the value is
///   1e6 or more, scientific notation with `decimals` digits of mantissa, between 1 and 3;
/// - `-0.0` prints as `0.0…`; NaN and ±inf as `NaN`, `inf`, `-inf`.
///
/// Widths stay fixed for a given `decimals` whenever `decimals` already shows two significant
/// digits, which is the common case (the default 4 places, values from 0.001).
pub fn num(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = v.abs();
    if a == 0.0 {
        return format!("{:.*}", decimals, 0.0);
    }
    let mantissa = decimals.clamp(1, 3);
    if a >= 1e6 {
        return format!("{v:.mantissa$e}");
    }
    let places = places_to_read(v, decimals);
    if places > decimals.max(FIXED_PLACES) {
        return format!("{v:.mantissa$e}");
    }
    let s = fixed(v, places);
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Decimal places that show `v` (non-zero, finite) with at least two significant digits: at
/// least `decimals`, and no more than it takes to show `v` exactly.
fn places_to_read(v: f64, decimals: usize) -> usize {
    // the position of the leading digit: 0 for 1.x, −1 for 0.x, −3 for 0.00x
    let leading = v.abs().log10().floor() as i32;
    let two_significant = usize::try_from(1 - leading).unwrap_or(0);
    if two_significant <= decimals {
        return decimals;
    }
    (decimals..two_significant)
        .find(|&k| fixed(v, k).parse::<f64>().ok() == Some(v))
        .unwrap_or(two_significant)
}

/// `format!("{v:.places$}")`, the same characters, computed in integers when it can be: a
/// finite `v` is `m·2^e` exactly, so `v·10^places` rounded half to even (as Rust's exact
/// formatting rounds) is `m·10^places` shifted right by `−e` with its remainder compared to half.
/// The standard library's exact path falls back to big-number arithmetic for many values; the
/// explorer formats every visible cell of every frame, and this keeps a 200×60 frame in budget.
pub fn fixed(v: f64, places: usize) -> String {
    match fixed_digits(v, places) {
        Some(s) => s,
        None => format!("{v:.places$}"),
    }
}

/// The integer path of [`fixed`], or `None` where it does not apply (huge values, many places).
fn fixed_digits(v: f64, places: usize) -> Option<String> {
    if !v.is_finite() || v.abs() >= 1e15 || places > 19 {
        return None;
    }
    let bits = v.to_bits();
    let negative = bits >> 63 == 1;
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    // |v| < 1e15 < 2^52·2^0, so a non-zero v has a negative exponent here
    let shift = u32::try_from(-exponent).ok()?;
    let scaled = u128::from(mantissa) * 10u128.pow(u32::try_from(places).ok()?);
    let rounded = if shift >= 128 {
        // v·10^places < 2^117 / 2^128: below one half
        0
    } else {
        let whole = scaled >> shift;
        let rest = scaled - (whole << shift);
        let half = 1u128 << (shift - 1);
        if rest > half || (rest == half && whole % 2 == 1) {
            whole + 1
        } else {
            whole
        }
    };
    let digits = rounded.to_string();
    let mut out = String::with_capacity(digits.len() + places + 3);
    if negative {
        out.push('-');
    }
    if places == 0 {
        out.push_str(&digits);
        return Some(out);
    }
    if digits.len() <= places {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', places - digits.len()));
        out.push_str(&digits);
    } else {
        let (int, frac) = digits.split_at(digits.len() - places);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    Some(out)
}

/// Format a number with 4 decimals (the default in notes and explanations).
pub fn n4(v: f64) -> String {
    num(v, 4)
}

/// Format a short matrix inline: `[[1, 2], [3, 4]]`, numbers trimmed of trailing zeros; a
/// matrix larger than 4×4 prints its shape only.
pub fn inline(m: &Matrix) -> String {
    let (r, c) = m.dim();
    if r > 4 || c > 4 {
        return crate::t!("conv-inline-matrix", shape = format!("{r}×{c}"));
    }
    let rows: Vec<String> = m
        .rows()
        .into_iter()
        .map(|row| {
            let cells: Vec<String> = row.iter().map(|&v| short(v)).collect();
            format!("[{}]", cells.join(", "))
        })
        .collect();
    format!("[{}]", rows.join(", "))
}

/// A number with up to 4 decimals and trailing zeros trimmed: `2.2`, `110`, `-0.5`.
pub fn short(v: f64) -> String {
    let s = num(v, 4);
    if s.contains('e') || !s.contains('.') {
        return s;
    }
    let t = s.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" { "0".into() } else { t.to_string() }
}

/// `R×C` for a matrix.
pub fn shape(m: &Matrix) -> String {
    let (r, c) = m.dim();
    format!("{r}×{c}")
}

/// Cell `[0,0]` with 4 decimals, or `—` for an empty matrix.
pub fn first(m: &Matrix) -> String {
    m.get((0, 0)).map(|&v| n4(v)).unwrap_or_else(|| "—".into())
}

/// A matrix as aligned text lines, `decimals` places, at most `max_rows` × `max_cols` cells
/// (the rest elided with `…`).
pub fn block(m: &Matrix, decimals: usize, max_rows: usize, max_cols: usize) -> Vec<String> {
    let (r, c) = m.dim();
    let rows = elide(r, max_rows);
    let cols = elide(c, max_cols);
    let cell = |i: Option<usize>, j: Option<usize>| match (i, j) {
        (Some(i), Some(j)) => num(m[[i, j]], decimals),
        _ => "…".to_string(),
    };
    let width = rows
        .iter()
        .flat_map(|&i| cols.iter().map(move |&j| (i, j)))
        .map(|(i, j)| cell(i, j).chars().count())
        .max()
        .unwrap_or(1);
    rows.iter()
        .map(|&i| {
            let cells: Vec<String> = cols
                .iter()
                .map(|&j| format!("{:>width$}", cell(i, j)))
                .collect();
            format!("[{}]", cells.join(" "))
        })
        .collect()
}

/// A boolean mask (1.0 = True) as aligned `True`/`False` lines, like numpy prints it.
pub fn mask_block(m: &Matrix, max_rows: usize, max_cols: usize) -> Vec<String> {
    let (r, c) = m.dim();
    let rows = elide(r, max_rows);
    let cols = elide(c, max_cols);
    rows.iter()
        .map(|&i| {
            let cells: Vec<String> = cols
                .iter()
                .map(|&j| match (i, j) {
                    (Some(i), Some(j)) if m[[i, j]] != 0.0 => " True".to_string(),
                    (Some(_), Some(_)) => "False".to_string(),
                    _ => format!("{:>5}", "…"),
                })
                .collect();
            format!("[{}]", cells.join(" "))
        })
        .collect()
}

/// Indices to show out of `n`, at most `max` of them: the first ones, `None` for the elided
/// run, and the last.
pub fn elide(n: usize, max: usize) -> Vec<Option<usize>> {
    if n <= max || max < 3 {
        return (0..n.min(max.max(1))).map(Some).collect();
    }
    let mut v: Vec<Option<usize>> = (0..max - 2).map(Some).collect();
    v.push(None);
    v.push(Some(n - 1));
    v
}

/// A number as the operand of an operator, 4 decimals: a negative one in parentheses, so no
/// minus or plus sign stands right before a minus sign (`exp(−(-2.0000))`, `1.0000 + (-0.5000)`).
pub fn operand(v: f64) -> String {
    let s = n4(v);
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s
    }
}

/// One cell of a named matrix: `dW[1,0]`, and `(y − t)[0,1]` when the name is an expression, so
/// the index reads as applying to all of it rather than to its last symbol.
pub fn cell(name: &str, row: usize, col: usize) -> String {
    format!("{}[{row},{col}]", indexable(name))
}

/// `name`, in parentheses when it is an expression (holds a space or an operator).
pub fn indexable(name: &str) -> std::borrow::Cow<'_, str> {
    if name
        .chars()
        .any(|c| c.is_whitespace() || "·⊙−+-*/×÷".contains(c))
    {
        std::borrow::Cow::Owned(format!("({name})"))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// A counted noun: `1 column`, `3 columns`, `0 rows`, `1 matrix`, `2 matrices`.
///
/// The one place plurals are made, so no message says `1 columns` or `the 1 rows`.
pub fn count(n: usize, noun: &str) -> String {
    match noun {
        "cell" => crate::t!("format-count-cell", n = n),
        "input cell" => crate::t!("format-count-input-cell", n = n),
        "target cell" => crate::t!("format-count-target-cell", n = n),
        "value" => crate::t!("format-count-value", n = n),
        "step" => crate::t!("format-count-step", n = n),
        "layer" => crate::t!("format-count-layer", n = n),
        "row" => crate::t!("format-count-row", n = n),
        "column" => crate::t!("format-count-column", n = n),
        // a noun no catalog has yet: English's plural
        _ if n == 1 => format!("{n} {noun}"),
        _ => format!("{n} {}", plural(noun)),
    }
}

/// The first cell of a matrix as the operand of an operator: like [`first`], a negative value
/// in parentheses (see [`operand`]).
pub fn first_operand(m: &Matrix) -> String {
    m.get((0, 0))
        .map(|&v| operand(v))
        .unwrap_or_else(|| "—".into())
}

/// The plural of an English noun used in messages: `row` → `rows`, `matrix` → `matrices`,
/// `entry` → `entries`, `pass` → `passes`.
pub fn plural(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("ix") {
        return format!("{stem}ices");
    }
    if let Some(stem) = noun.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if noun.ends_with(['s', 'x', 'z']) || noun.ends_with("sh") || noun.ends_with("ch") {
        return format!("{noun}es");
    }
    format!("{noun}s")
}

/// `word` with its indefinite article: `an affine layer`, `an add layer`, `a ReLU layer`,
/// `a softmax_with_loss layer`.
///
/// Chosen by sound for the words backstep uses: a word starting with a vowel letter takes `an`
/// (`an affine layer`), except `uni…`, `use…`, `one…`; a lone letter takes `an` when its name
/// starts with a vowel sound (`an x`, `an h`, `an M`, but `a W`).
pub fn a_or_an(word: &str) -> String {
    let article = if starts_with_vowel_sound(word) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

fn starts_with_vowel_sound(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let lone_letter = !chars.next().is_some_and(|c| c.is_alphabetic());
    if lone_letter {
        // letters whose names start with a vowel sound: "an x", "an F", "an M", "an s"
        return "aefhilmnorsxAEFHILMNORSX".contains(first);
    }
    if word.starts_with("uni") || word.starts_with("use") || word.starts_with("one") {
        return false;
    }
    "aeiouAEIOU".contains(first)
}

/// Signed scientific notation with four decimals of mantissa, for the small changes the nudge
/// reports: `+1.2346e-4`, `-3.0000e-7`; zero (either sign) is `0`, never `-0.0000e0`.
pub fn signed_sci(v: f64) -> String {
    if v == 0.0 {
        "0".to_string()
    } else {
        format!("{v:+.4e}")
    }
}

/// A number the user gave (a flag, a preset field, a typed value) as short as it reads exactly:
/// `0.1`, `10000`, `0.0001`, and in scientific notation outside [1e-4, 1e6): `1e308`, `1e-7`,
/// `2.5e-5`, `1.5e6`; `inf`, `-inf`, `NaN` as they are. Never the 309 digits `{}` gives 1e308.
pub fn given(v: f64) -> String {
    if !v.is_finite() {
        return num(v, 0);
    }
    let a = v.abs();
    if a == 0.0 || (1e-4..1e6).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// The largest f64, as messages say it (`about` is in each catalog's sentence).
pub const F64_MAX_TEXT: &str = "±1.8e308";

/// Why a non-finite value cannot be used: `too large for f64 (about ±1.8e308 at most)` for ±inf
/// (1e309 reads as inf), `not a number` for NaN.
pub fn not_finite(v: f64) -> String {
    if v.is_nan() {
        crate::t!("err-not-a-number")
    } else {
        crate::t!("err-too-large", max = F64_MAX_TEXT)
    }
}

/// Read a number someone typed (a flag, a prompt), finite: `0.5`, `-2`, `1e-3`. The error says
/// what is wrong with the text: not a number (`"abc" is not a number`), too large (`1e309 is
/// too large for f64 (about ±1.8e308 at most)`, not "inf is not finite"), or infinite or NaN as
/// typed (`inf is not a finite number`).
pub fn parse_finite(text: &str) -> Result<f64, String> {
    let typed = text.trim();
    let value: f64 = typed
        .parse()
        .map_err(|_| crate::t!("format-not-a-number", typed = typed))?;
    if value.is_finite() {
        return Ok(value);
    }
    let spelled = typed.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if ["inf", "infinity", "nan"].contains(&spelled.as_str()) {
        Err(crate::t!("format-not-finite", typed = typed))
    } else {
        Err(crate::t!(
            "format-is",
            typed = typed,
            why = not_finite(value)
        ))
    }
}

/// Scientific notation with two decimals, for errors and tolerances: `3.10e-7`.
pub fn sci(v: f64) -> String {
    format!("{v:.2e}")
}

/// A value as a flag takes it, to three significant digits: `0.5`, `1`, `250`, `1e-3`, `2.5e-6`
/// (plain from 0.1 to a million, else with an exponent).
pub fn flag_value(v: f64) -> String {
    let tidy: f64 = format!("{v:.2e}").parse().unwrap_or(v);
    if (0.1..1e6).contains(&tidy) {
        format!("{tidy}")
    } else {
        format!("{tidy:e}")
    }
}

/// A duration with a unit that fits: `850 ns`, `12.4 µs`, `3.21 ms`, `1.50 s`.
pub fn duration(d: std::time::Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 1e-6 {
        format!("{} ns", d.as_nanos())
    } else if secs < 1e-3 {
        format!("{:.1} µs", secs * 1e6)
    } else if secs < 1.0 {
        format!("{:.2} ms", secs * 1e3)
    } else {
        format!("{secs:.2} s")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_given_number_reads_as_typed_never_as_hundreds_of_digits() {
        assert_eq!(given(1e308), "1e308");
        assert_eq!(given(-1e308), "-1e308");
        assert_eq!(given(0.1), "0.1");
        assert_eq!(given(1.0), "1");
        assert_eq!(given(10000.0), "10000");
        assert_eq!(given(0.0001), "0.0001");
        assert_eq!(given(1e-7), "1e-7");
        assert_eq!(given(2.5e-5), "2.5e-5");
        assert_eq!(given(1.5e6), "1.5e6");
        assert_eq!(given(0.0), "0");
        assert_eq!(given(f64::INFINITY), "inf");
        assert_eq!(given(f64::NAN), "NaN");
    }

    #[test]
    fn a_typed_number_that_overflows_is_too_large_not_inf() {
        assert_eq!(parse_finite(" -2.5 "), Ok(-2.5));
        assert_eq!(
            parse_finite("1e309"),
            Err("1e309 is too large for f64 (about ±1.8e308 at most)".to_string())
        );
        assert_eq!(
            parse_finite("-1e400"),
            Err("-1e400 is too large for f64 (about ±1.8e308 at most)".to_string())
        );
        assert_eq!(
            parse_finite("inf"),
            Err("inf is not a finite number".to_string())
        );
        assert_eq!(
            parse_finite("NaN"),
            Err("NaN is not a finite number".to_string())
        );
        assert_eq!(
            parse_finite("abc"),
            Err("\"abc\" is not a number".to_string())
        );
    }

    #[test]
    fn fixed_and_scientific() {
        assert_eq!(num(0.5, 4), "0.5000");
        assert_eq!(num(-2.0, 2), "-2.00");
        assert_eq!(num(-0.0, 2), "0.00");
        assert_eq!(num(-0.001, 2), "-0.001");
        assert_eq!(num(-0.0012345, 2), "-0.0012");
        assert_eq!(num(0.000_123_456, 4), "1.235e-4");
        assert_eq!(num(0.0001, 4), "0.0001");
        assert_eq!(num(1234567.0, 2), "1.23e6");
        assert_eq!(short(0.1 + 0.2 + 1.9), "2.2");
        assert_eq!(short(110.0), "110");
        assert_eq!(short(-0.00001), "-1.000e-5");
        assert_eq!(duration(std::time::Duration::from_nanos(850)), "850 ns");
        assert_eq!(
            duration(std::time::Duration::from_micros(12_400)),
            "12.40 ms"
        );
        assert_eq!(duration(std::time::Duration::from_nanos(12_400)), "12.4 µs");
        assert_eq!(duration(std::time::Duration::from_millis(1500)), "1.50 s");
    }

    /// The cases: with the fewest places, no number rounds into a different-looking one,
    /// and small numbers do not switch notation while larger ones round away.
    #[test]
    fn fewest_places_never_hide_the_value() {
        assert_eq!(num(0.5, 0), "0.5");
        assert_eq!(num(-1.5, 0), "-1.5");
        assert_eq!(num(0.5366, 0), "0.54");
        assert_eq!(num(0.9903, 0), "0.99");
        assert_eq!(num(0.2, 0), "0.2");
        assert_eq!(num(0.2, 1), "0.2");
        assert_eq!(num(0.25, 1), "0.25");
        assert_eq!(num(3.0, 0), "3");
        assert_eq!(num(-2.0, 0), "-2");
        assert_eq!(num(12.7, 0), "13");
        assert_eq!(num(0.000_5, 0), "0.0005");
        assert_eq!(num(0.000_51, 0), "5.1e-4");
        assert_eq!(num(0.003_7, 1), "0.0037");
        assert_eq!(num(1.5e-7, 6), "1.500e-7");
        assert_eq!(num(1.5e-7, 8), "0.00000015");
        assert_eq!(num(2.5e6, 0), "2.5e6");
    }

    /// For every value and every number of places, what is shown reads back within a few
    /// percent of the value: two significant digits at least.
    #[test]
    fn every_shown_number_reads_back_within_two_significant_digits() {
        let mut v = 1.234_567e-9;
        while v < 1e7 {
            for x in [v, -v, v * 3.7, v * 0.55] {
                for d in 0..=8 {
                    let shown = num(x, d);
                    let back: f64 = shown.parse().unwrap();
                    let error = ((back - x) / x).abs();
                    assert!(error <= 0.05 + 1e-12, "{x} with {d} places shows {shown}");
                }
            }
            v *= 1.93;
        }
    }

    #[test]
    fn an_expression_is_parenthesised_before_its_index() {
        assert_eq!(cell("dW", 1, 0), "dW[1,0]");
        assert_eq!(cell("y − t", 0, 1), "(y − t)[0,1]");
        assert_eq!(cell("X·W", 1, 2), "(X·W)[1,2]");
        assert_eq!(cell("dout ⊙ y", 0, 0), "(dout ⊙ y)[0,0]");
        assert_eq!(cell("d_x", 0, 0), "d_x[0,0]");
    }

    #[test]
    fn a_negative_operand_is_parenthesised() {
        assert_eq!(operand(-2.0), "(-2.0000)");
        assert_eq!(operand(0.5), "0.5000");
        assert_eq!(operand(-0.0), "0.0000");
    }

    #[test]
    fn zero_has_no_sign() {
        assert_eq!(signed_sci(-0.0), "0");
        assert_eq!(signed_sci(0.0), "0");
        assert_eq!(signed_sci(1.23456e-4), "+1.2346e-4");
        assert_eq!(signed_sci(-3e-7), "-3.0000e-7");
        assert_eq!(num(-0.0, 6), "0.000000");
        assert_eq!(num(-1e-7, 6), "-1.000e-7");
    }

    #[test]
    fn counted_nouns_and_articles() {
        assert_eq!(count(1, "column"), "1 column");
        assert_eq!(count(3, "column"), "3 columns");
        assert_eq!(count(0, "row"), "0 rows");
        assert_eq!(count(1, "matrix"), "1 matrix");
        assert_eq!(count(2, "matrix"), "2 matrices");
        assert_eq!(count(2, "entry"), "2 entries");
        assert_eq!(count(2, "pass"), "2 passes");
        assert_eq!(count(4, "cell"), "4 cells");
        assert_eq!(count(2, "key"), "2 keys");
        assert_eq!(a_or_an("affine layer"), "an affine layer");
        assert_eq!(a_or_an("add layer"), "an add layer");
        assert_eq!(a_or_an("relu layer"), "a relu layer");
        assert_eq!(
            a_or_an("softmax_with_loss layer"),
            "a softmax_with_loss layer"
        );
        assert_eq!(a_or_an("x"), "an x");
        assert_eq!(a_or_an("W"), "a W");
        assert_eq!(a_or_an("h"), "an h");
        assert_eq!(a_or_an("b"), "a b");
        assert_eq!(a_or_an("uniform matrix"), "a uniform matrix");
        assert_eq!(a_or_an("one-hot row"), "a one-hot row");
    }

    #[test]
    fn infinities_and_signs_of_zero() {
        assert_eq!(num(f64::INFINITY, 4), "inf");
        assert_eq!(num(f64::NEG_INFINITY, 4), "-inf");
        assert_eq!(num(f64::NAN, 4), "NaN");
        // beyond FIXED_PLACES places: scientific, with the sign
        assert_eq!(num(-0.00004, 2), "-4.00e-5");
        assert_eq!(short(1e10), "1.000e10");
        assert_eq!(short(2.5), "2.5");
        assert_eq!(short(1.5e7), "1.500e7");
    }

    #[test]
    fn inline_matrices_up_to_four_by_four() {
        let m = |r: usize, c: usize| Matrix::from_shape_fn((r, c), |(i, j)| (i * c + j) as f64);
        assert_eq!(inline(&m(1, 2)), "[[0, 1]]");
        assert_eq!(inline(&m(4, 4)).matches('[').count(), 5);
        assert_eq!(inline(&m(5, 1)), "(5×1 matrix)");
        assert_eq!(inline(&m(1, 5)), "(1×5 matrix)");
        assert_eq!(inline(&m(5, 5)), "(5×5 matrix)");
    }

    #[test]
    fn elision_keeps_the_first_and_the_last() {
        assert_eq!(elide(3, 5), [Some(0), Some(1), Some(2)]);
        assert_eq!(elide(5, 5).len(), 5);
        assert_eq!(elide(6, 5), [Some(0), Some(1), Some(2), None, Some(5)]);
        assert_eq!(elide(6, 3), [Some(0), None, Some(5)]);
        // fewer than 3 leaves no room for "…": the first max (at least 1)
        assert_eq!(elide(6, 2), [Some(0), Some(1)]);
        assert_eq!(elide(6, 0), [Some(0)]);
        assert_eq!(elide(0, 4), []);
    }

    #[test]
    fn durations_sci_and_first_operands() {
        use std::time::Duration;
        // the edges of each unit (the middles are in fixed_and_scientific)
        assert_eq!(duration(Duration::from_micros(3_210)), "3.21 ms");
        assert_eq!(duration(Duration::from_micros(1)), "1.0 µs");
        assert_eq!(duration(Duration::from_millis(1)), "1.00 ms");
        assert_eq!(duration(Duration::from_secs(1)), "1.00 s");
        assert_eq!(sci(3.1e-7), "3.10e-7");
        let m = Matrix::from_elem((1, 1), -2.0);
        assert_eq!(first_operand(&m), "(-2.0000)");
        assert_eq!(first_operand(&Matrix::zeros((0, 0))), "—");
        assert_eq!(plural("box"), "boxes");
        assert_eq!(plural("brush"), "brushes");
        assert_eq!(plural("batch"), "batches");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("buzz"), "buzzes");
    }

    #[test]
    fn blocks_align_and_elide() {
        let m = Matrix::from_shape_vec((2, 2), vec![1.0, -22.5, 0.25, 3.0]).unwrap();
        assert_eq!(block(&m, 2, 8, 8), ["[  1.00 -22.50]", "[  0.25   3.00]"]);
        let big = Matrix::from_shape_fn((5, 5), |(i, j)| (i * 5 + j) as f64);
        let lines = block(&big, 0, 3, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().any(|l| l.contains('…')), "{lines:?}");
        let mask = Matrix::from_shape_vec((1, 3), vec![1.0, 0.0, 1.0]).unwrap();
        assert_eq!(mask_block(&mask, 8, 8), ["[ True False  True]"]);
        let wide = Matrix::from_shape_vec((1, 5), vec![1.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
        assert_eq!(mask_block(&wide, 8, 4), ["[ True False     … False]"]);
    }
}

#[cfg(test)]
mod fixed_tests {
    use super::fixed;

    /// Every value and place count gives `format!`'s characters: ties (k/2^j) round half to
    /// even, the last place carries (0.0995 → 0.10), negatives and −0 keep their sign, tiny and
    /// subnormal values round to zero, and what the integer path does not take falls back.
    #[test]
    fn fixed_gives_formats_exact_rounding_character_for_character() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values = vec![
            0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 0.0995, 9.9999, 999_999.5, 1e-5, 5e-6,
            -5e-6, 1e-300, 4.9e-324, -4.9e-324, 1e14, 9.99e14, 2e15, 1e300, 0.1, 0.3,
        ];
        for _ in 0..200_000 {
            let r = next();
            // a random value of every magnitude from 1e-12 to 1e7, with either sign
            let magnitude = 10f64.powf((r % 1900) as f64 / 100.0 - 12.0);
            let unit = (next() >> 11) as f64 / (1u64 << 53) as f64;
            let v = magnitude * unit * if r & 1 == 0 { 1.0 } else { -1.0 };
            values.push(v);
            // an exact tie at some place: k / 2^j
            let tie = (next() % 100_000) as f64 / f64::from(1u32 << (next() % 12));
            values.push(tie);
        }
        for &v in &values {
            for places in [0, 1, 2, 3, 4, 5, 6, 8, 12, 19, 20] {
                assert_eq!(
                    fixed(v, places),
                    format!("{v:.places$}"),
                    "{v:e} at {places}"
                );
            }
        }
    }
}
