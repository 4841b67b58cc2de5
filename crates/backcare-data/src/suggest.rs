//! "Did you mean ...?" for ids and topic names.

/// Up to three candidates close to `wanted`, closest first.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let score = if !wanted.is_empty() && candidate.contains(wanted) {
                1.0
            } else {
                strsim::jaro_winkler(wanted, candidate)
            };
            (score >= 0.8).then_some((score, candidate))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Only the ones nearly as close as the best: a clear winner is suggested alone.
    let best = scored.first().map_or(0.0, |(score, _)| *score);
    scored
        .into_iter()
        .take_while(|(score, _)| *score >= best - 0.03)
        .take(3)
        .map(|(_, candidate)| candidate)
        .collect()
}

/// ` (did you mean `a` or `b`?)`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let close: Vec<String> = closest(wanted, candidates)
        .iter()
        .map(|name| format!("`{name}`"))
        .collect();
    if close.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", close.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_first() {
        let ids = ["posture-heels", "sleep-left-side", "sleep-pillow"];
        assert_eq!(closest("sleep-left", ids), ["sleep-left-side"]);
        assert_eq!(closest("postur-heels", ids), ["posture-heels"]);
        assert!(closest("zzz", ids).is_empty());
        assert_eq!(
            did_you_mean("slep-pillow", ids),
            " (did you mean `sleep-pillow`?)"
        );
    }
}
