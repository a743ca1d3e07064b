/// Edit distances and "did you mean" suggestions for names a user typed.
///
/// Used wherever a user-written name must match one of a known set: scenario keys, unit
/// symbols (`"mbps"` → `"Mbps"`), enumerated choices and, later, flow-log endpoint names.
/// It lives in `Units` (the top layer) so that every layer may use it.
public enum Spelling {
    /// The optimal-string-alignment (restricted Damerau–Levenshtein) distance between two
    /// strings: the number of single-character insertions, deletions, substitutions and
    /// transpositions of adjacent characters that turn `a` into `b`.
    ///
    /// Characters are compared as `Character`s (extended grapheme clusters), so `"µs"` is
    /// two characters long. The comparison is case sensitive.
    ///
    /// - Parameters:
    ///   - a: The first string.
    ///   - b: The second string.
    /// - Returns: The distance, `0` when the strings are equal.
    /// - Complexity: O(*m* × *n*) time and O(*n*) memory for lengths *m* and *n*.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d = min(d, previous2[j - 2] + 1)
                }
                current[j] = d
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }

    /// The largest edit distance at which a candidate still counts as a likely misspelling
    /// of a name of `length` characters: 1 up to 4 characters, 2 up to 8, then 3.
    ///
    /// - Parameter length: The length of the name the user typed.
    /// - Returns: The threshold used by ``closestMatches(to:in:maxDistance:)``.
    public static func threshold(forLength length: Int) -> Int {
        length <= 4 ? 1 : (length <= 8 ? 2 : 3)
    }

    /// The candidates that `name` is most plausibly a misspelling of, best first.
    ///
    /// Candidates are ranked by their case-insensitive edit distance to `name`, then by
    /// their case-sensitive distance, then by their order in `candidates` — so the result is
    /// deterministic and `"KB"` suggests `"kB"` before `"MB"`. Candidates equal to `name`
    /// are never suggested; those farther than `maxDistance` (case-insensitively) are left out.
    /// Numbers are not typos: when both contain digits and the digits differ, the candidate
    /// is left out (`"90 MHz"` does not suggest `"20 MHz"`).
    ///
    /// - Parameters:
    ///   - name: What the user typed.
    ///   - candidates: The accepted names, in the order to prefer on ties.
    ///   - maxDistance: The largest distance to accept; by default
    ///     ``threshold(forLength:)`` of `name`'s length.
    /// - Returns: The matching candidates, best first; empty when nothing is close.
    /// - Complexity: O(*k* × *m* × *n*) for *k* candidates.
    public static func closestMatches(to name: String, in candidates: [String], maxDistance: Int? = nil) -> [String] {
        let limit = maxDistance ?? threshold(forLength: name.count)
        let lowered = name.lowercased()
        var scored: [(folded: Int, exact: Int, index: Int, candidate: String)] = []
        let digits = name.filter(\.isNumber)
        for (index, candidate) in candidates.enumerated() where candidate != name {
            let candidateDigits = candidate.filter(\.isNumber)
            if !digits.isEmpty, !candidateDigits.isEmpty, digits != candidateDigits { continue }
            let folded = editDistance(lowered, candidate.lowercased())
            guard folded <= limit else { continue }
            scored.append((folded, editDistance(name, candidate), index, candidate))
        }
        scored.sort { ($0.folded, $0.exact, $0.index) < ($1.folded, $1.exact, $1.index) }
        var seen = Set<String>()
        return scored.compactMap { seen.insert($0.candidate).inserted ? $0.candidate : nil }
    }

    /// The single best suggestion for `name`, if any candidate is close enough.
    ///
    /// - Parameters:
    ///   - name: What the user typed.
    ///   - candidates: The accepted names, in the order to prefer on ties.
    /// - Returns: The first of ``closestMatches(to:in:maxDistance:)``, or `nil`.
    public static func suggestion(for name: String, in candidates: [String]) -> String? {
        closestMatches(to: name, in: candidates).first
    }
}
