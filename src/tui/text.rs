//! Text measured the way a terminal draws it: by display width, not by `char` count.
//!
//! A CJK character takes two columns, a combining mark none; every wrap, cut and alignment in
//! the explorer goes through here so that a layer named `全连接层` wraps and lines up like
//! `Affine1`. Pure string work: no ratatui widgets, no state.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A cell named by its index: `x[0,1]` for a matrix, `x[0,0,1,2]` (n, c, h, w) for a 4-D tensor
/// whose samples are shaped `image`.
pub fn cell_name(
    name: &str,
    image: Option<crate::engine::tensor::ImageShape>,
    row: usize,
    col: usize,
) -> String {
    match image {
        Some(shape) => {
            let (n, c, h, w) = shape.cell(row, col);
            format!("{}[{n},{c},{h},{w}]", crate::i18n::format::indexable(name))
        }
        None => crate::i18n::format::cell(name, row, col),
    }
}

/// Punctuation that may not begin a line in Chinese or Japanese.
const CLOSING: &str = "，。、；：！？）」』】〕…";

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut into lines of at most `width` columns at spaces; a word wider than a line is
/// broken inside (so no character is ever lost off the right edge).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = vec![String::new()];
    for word in text.split(' ') {
        let Some(last) = out.last_mut() else { break };
        let len = self::width(last);
        let word_w = self::width(word);
        if len > 0 && len + 1 + word_w <= width {
            last.push(' ');
            last.push_str(word);
            continue;
        }
        if len == 0 && word_w <= width {
            last.push_str(word);
            continue;
        }
        // CJK text breaks between any two characters: fill this line before starting the next
        let wide = word.chars().any(|c| c.width() == Some(2));
        if wide && len > 0 && len + 2 < width {
            last.push(' ');
        } else if len > 0 {
            out.push(String::new());
        }
        // The word alone: break it into pieces of at most `width` columns.
        for c in word.chars() {
            let Some(last) = out.last_mut() else { break };
            let cw = c.width().unwrap_or(0);
            if self::width(last) + cw > width && !last.is_empty() {
                // a line never starts with closing punctuation (，。）…), nor breaks inside a
                // run of ASCII (`step-<k>.md`) that follows CJK: what would be cut goes down too
                let ascii_run = || {
                    last.char_indices()
                        .rfind(|(_, p)| p.width() == Some(2))
                        .map_or(0, |(i, p)| i + p.len_utf8())
                };
                let keep = match last.chars().last() {
                    Some(p) if CLOSING.contains(c) && p.width() == Some(2) => {
                        last.len() - p.len_utf8()
                    }
                    _ if CLOSING.contains(c) => ascii_run(),
                    _ if c.width() == Some(2) => last.len(),
                    _ => ascii_run(),
                };
                let keep = if keep == 0 { last.len() } else { keep };
                let tail = last.split_off(keep);
                last.truncate(last.trim_end().len());
                let carried = format!("{}{c}", tail.trim_start());
                out.push(carried);
            } else {
                last.push(c);
            }
        }
    }
    out
}

/// `text` cut to at most `width` columns, ending in `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `text` cut to at most `width` columns in the middle, keeping its result: everything from the
/// last ` = ` stays whole and the sum before it loses its end, marked `…`
/// (`y = 1.0·0.3 + 2.0·0.1 + … = 0.5`). Without a ` = ` (or when the result alone is too wide),
/// the end is cut with `…` like [`truncate`].
pub fn elide_middle(text: &str, width: usize) -> String {
    if self::width(text) <= width {
        return text.to_string();
    }
    match text.rfind(" = ") {
        Some(at) if self::width(&text[at..]) < width => {
            let tail = &text[at..];
            format!("{}{tail}", truncate(&text[..at], width - self::width(tail)))
        }
        _ => truncate(text, width),
    }
}

/// `text` padded with spaces on the right to `width` columns (cut with `…` when wider).
pub fn pad(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(self::width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(width("全连接层"), 8);
        assert_eq!(width("Affine1"), 7);
    }

    #[test]
    fn wrapping_keeps_every_character_of_cjk_text() {
        let text = "layer 全连接层 reads x and writes 全连接层的输出 for the next layer";
        let lines = wrap_words(text, 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
        let original: String = text.chars().filter(|c| *c != ' ').collect();
        assert_eq!(joined, original, "no character is lost");
        assert_eq!(wrap_words("a bb ccc", 4), ["a bb", "ccc"]);
        // a CJK run fills the line it starts on instead of leaving it half empty
        assert_eq!(
            wrap_words("Affine 步骤的形状推导", 14),
            ["Affine 步骤的", "形状推导"]
        );
        assert_eq!(wrap_words("一二三，四", 6), ["一二", "三，四"]);
        assert_eq!(
            wrap_words("写入 step-3.md（不", 12),
            ["写入", "step-3.md（", "不"]
        );
    }

    #[test]
    fn elide_middle_keeps_the_result() {
        let f = "Y[0,0] = X[0,·]·W[·,0]  = 1.0000·0.3000 + 2.0000·0.1000 + 0.1767·0.3000 = 0.1379";
        let cut = elide_middle(f, 40);
        assert!(cut.ends_with("… = 0.1379"), "{cut}");
        assert_eq!(width(&cut), 40);
        assert_eq!(elide_middle("短い = 1", 20), "短い = 1");
        let cjk = elide_middle("全连接层[0,0] = 全连接层 + 全连接层 = 0.5", 20);
        assert!(cjk.ends_with("… = 0.5") && width(&cjk) <= 20, "{cjk}");
        assert_eq!(elide_middle("no result here at all", 10), "no result…");
    }

    #[test]
    fn truncate_and_pad_count_columns() {
        assert_eq!(truncate("全连接层", 5), "全连…");
        assert_eq!(width(&truncate("全连接层", 5)), 5);
        assert_eq!(truncate("short", 9), "short");
        assert_eq!(truncate("backstep-long-name.toml", 10), "backstep-…");
        assert_eq!(pad("全连", 6), "全连  ");
        assert_eq!(width(&pad("全连接层abc", 6)), 6);
    }
}
