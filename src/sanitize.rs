//! Text from tips files is printed so that it cannot drive the terminal: a shared file must not
//! clear the screen, set the window title, plant a hyperlink or write the clipboard.

use std::borrow::Cow;

use backcare_data::read::is_invisible as is_hidden_format;

/// Whether `c` must not reach a terminal or a JSON reader as itself.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_hidden_format(c)
}

/// Makes every control character visible and removes invisible formatting characters:
/// C0 controls and DEL become their Unicode "control pictures" (ESC shows as `␛`), C1 controls
/// become `�`, and bidi overrides and zero-width characters are dropped. Newlines and tabs are
/// controls too: callers that keep lines split them off first.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_hidden_format(*c))
            .map(|c| match c {
                '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                '\u{7F}' => '\u{2421}',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Several lines made safe one by one, keeping the line breaks: for text that quotes what
/// the user typed, such as clap's usage errors.
pub fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// The punctuation a web address may hold that no markup backcare writes reads as its own:
/// no brackets, quotes, angle brackets, backslashes, back quotes or spaces.
const URL_PUNCTUATION: &str = "-._~:/?#@!$&*+,;=%";

/// Whether `url` is a plain https address: `https://` and then only letters, digits and
/// the punctuation of `URL_PUNCTUATION`. `check` warns about any other.
pub fn is_plain_https(url: &str) -> bool {
    url.len() > "https://".len()
        && url.starts_with("https://")
        && url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || URL_PUNCTUATION.contains(c))
}

/// `url` with every byte that is not a letter, digit or `URL_PUNCTUATION` percent-encoded,
/// so it cannot end a Markdown link target or start markup (`<`, `>`, `(`, `)`, spaces...).
pub fn percent_encoded(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let c = char::from(byte);
        if byte.is_ascii_alphanumeric() || (byte.is_ascii() && URL_PUNCTUATION.contains(c)) {
            out.push(c);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Text for Pango markup (waybar, i3blocks with `markup=pango`): `&`, `<` and `>` escaped,
/// so a tip cannot restyle the bar, and a bare `&` cannot blank the module.
pub fn pango(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Tip text as one line: runs of white space (including newlines) become one space, then
/// anything that could drive a terminal is made visible.
pub fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    visible(&joined).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_cannot_break_out_of_a_link() {
        let hostile = "https://www.nhs.uk/>)<script>x</script>[Call](https://evil.example/)(";
        assert!(!is_plain_https(hostile));
        assert!(is_plain_https("https://www.nhs.uk/pregnancy/?a=1&b=2#top"));
        assert!(!is_plain_https("http://www.nhs.uk/"));
        let encoded = percent_encoded(hostile);
        assert!(
            !encoded.contains(['<', '>', '(', ')', '[', ']', ' ']),
            "{encoded}"
        );
        assert!(encoded.starts_with("https://www.nhs.uk/%3E%29%3Cscript%3E"));
        assert_eq!(percent_encoded("https://a.b/é"), "https://a.b/%C3%A9");
        assert_eq!(pango("a & <b>"), "a &amp; &lt;b&gt;");
    }

    #[test]
    fn escape_sequences_cannot_reach_the_terminal() {
        let hostile = "a\x1b[2J\x1b]0;title\x07b\u{9b}c\u{202e}d\x7f";
        let shown = visible(hostile);
        assert!(!shown.chars().any(is_unsafe), "{shown:?}");
        assert_eq!(shown, "a␛[2J␛]0;title␇b\u{FFFD}cd\u{2421}");
    }

    #[test]
    fn invisible_and_format_characters_are_removed() {
        let hidden = "a\u{00AD}b\u{180E}c\u{E0001}d\u{FFF9}e\u{2028}f\u{E007F}g";
        assert_eq!(visible(hidden), "abcdefg");
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(visible_lines("a\x1b]0;x\x07\nb\n"), "a␛]0;x␇\nb\n");
    }

    #[test]
    fn plain_text_is_untouched() {
        assert!(matches!(visible("Café, naïve"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_collapses_white_space() {
        assert_eq!(one_line("  a\n\tb  c "), "a b c");
    }
}
