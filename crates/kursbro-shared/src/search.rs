//! How text is searched, on every database alike: the searched text is stored lower-cased
//! (Unicode-aware, so `Å`, `Æ` and `Ø` fold like `A`; SQL's `lower()` folds only ASCII in
//! SQLite), and each word of a search becomes a `LIKE` pattern on it.

/// The text a thing is found by: its parts, one per line, lower-cased.
pub fn search_text(parts: &[&str]) -> String {
    parts.join("\n").to_lowercase()
}

/// The lower-cased words of a search.
pub fn search_words(q: &str) -> Vec<String> {
    q.split_whitespace().map(str::to_lowercase).collect()
}

/// `%word%` for `LIKE … ESCAPE '\'`, with LIKE's own wildcards in `word` escaped.
pub fn like_pattern(word: &str) -> String {
    let mut p = String::with_capacity(word.len() + 2);
    p.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_fold_and_wildcards_are_escaped() {
        assert_eq!(
            search_text(&["Åse Ødegård", "AESE@EKS.NO"]),
            "åse ødegård\naese@eks.no"
        );
        assert_eq!(search_words("  ÆRLIG   Øyvind "), ["ærlig", "øyvind"]);
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
