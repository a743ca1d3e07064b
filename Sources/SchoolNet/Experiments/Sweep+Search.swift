/// The sizing search: which options it runs, and how many of their simulated days.
///
/// An option passes when at least a share of its simulated days (replications) meets every
/// target (``Point/meetsTargets(daysShare:)``). Two savings keep the answer of the
/// exhaustive search — every option from the cheapest up, every day of each — while
/// running far fewer days:
/// - **An option's days stop once its verdict is decided**: with `D` days and a share `s`,
///   it needs `⌈s·D⌉` passing days; it fails as soon as more than `D − ⌈s·D⌉` days have
///   failed, and passes as soon as `⌈s·D⌉` have passed. The days not run cannot change the
///   verdict. The search reads one day at a time, so the point holds the shortest prefix of
///   the day order that decides it, whatever `jobs`.
/// - **The days likeliest to fail run first** (``DayHistory``): the days that failed at the
///   options already tried (for the same school, or the school sizes before) first, most
///   recent first, then the days run before by how close they came to missing a target,
///   then the others in replication order. A too-slow line usually fails on the first of
///   them. The order changes only how soon a verdict is reached, never the verdict, and it
///   depends only on the days the search read, not on `jobs`.
///
/// Every day runs on one pool of `jobs` threads (``DayPool``): while the search waits for
/// the day it reads, the other threads run the next days of the same option, or the
/// answers' fresh verification days, so the cores stay busy though the search decides one
/// day at a time; an announced day the verdict turns out not to need is dropped.
///
/// ``Search/fastFrom(_:)`` further starts at a given option (the answer for the next smaller
/// school) instead of the cheapest; it assumes pass/fail is monotone in the options' order
/// (see there).
///
/// A point that stopped early reports the days it ran (``Point/days``, its means and
/// bottleneck are over those days) and the days its verdict is over (``Point/daysPlanned``).
/// The chosen option's verification with fresh seeds always runs every day.
///
/// **Validated by:** `SizingSearchTests` (the fast searches return the exhaustive one's
/// answers; a failing option stops after its deciding day; `jobs` does not change the
/// output; the day order), `DayPoolTests` (a pooled day's result is its own run);
/// `SchoolSizeTests.smallestPassingLinePerSchoolSize` (hand-checked answers).
extension Sweep {
    /// How the sizing search walks the options and their days.
    public enum Search: Sendable, Equatable {
        /// Every option from the cheapest up until one passes, every day of each: the
        /// reference the others give the same answer as.
        case exhaustive
        /// From the cheapest option up; each option's days stop once its verdict on the
        /// share of days is decided, the days likeliest to fail first. Same answer as
        /// ``exhaustive``, with no assumption.
        case fast
        /// As ``fast``, but starting at the option with this index in cost order (clamped):
        /// while it and the options below it pass, down to the first that fails; if it fails,
        /// up to the first that passes. **Assumes** pass/fail is monotone in cost order (a
        /// faster line never fails where a slower one passed, on the same days); the options
        /// below a failing start are then not run. Whatever the start, the answer's option
        /// below has been run and failed.
        case fastFrom(Int)
    }

    /// Finds the first candidate, in order of cost, whose runs meet every target; verifies
    /// it with fresh seeds (seed + 1000 …). The candidate before it in that order has been
    /// run and failed.
    ///
    /// - Parameters:
    ///   - daysShare: When given (0…1), a candidate passes when at least this share of its
    ///     replications — each one simulated school day — meets every target on that day's
    ///     own values (``Point/meetsTargets(daysShare:)``); nil judges the means (every
    ///     day of every option tried runs, whatever `search`).
    ///   - search: How options and days are walked; ``Search/fast`` by default (the same
    ///     answer as ``Search/exhaustive``).
    /// - Throws: ``ExperimentError`` when the scenario has no targets or costs do not match.
    public static func size(_ source: ScenarioSource, axis: Axis, costs: [Double], base: [ScenarioOverride], seed: UInt64?,
                            replications: Int?, jobs: Int, daysShare: Double? = nil, search: Search = .fast,
                            progress: ((String) -> Void)? = nil) throws -> Sizing {
        var history = DayHistory()
        let pool = DayPool(jobs: jobs)
        defer { pool.close() }
        var sizing = try size(source, axis: axis, costs: costs, base: base, seed: seed, replications: replications, jobs: jobs,
                              daysShare: daysShare, search: search, history: &history, pool: pool, progress: progress)
        if let check = try verificationRun(sizing, source: source, axis: axis, base: base, seed: seed) {
            progress?("verifying \(axis.path)=\(sizing.chosenValue ?? "") with fresh seeds")
            let keys = announceVerification(check, replications: replications, pool: pool, rank: 0)
            sizing.verification = point(overrides: check.overrides, runs: keys.map(pool.result))
        }
        return sizing
    }

    /// `size` without the verification, its days run on `pool`, trying first the days
    /// `history` gives (updated with this search's).
    static func size(_ source: ScenarioSource, axis: Axis, costs: [Double], base: [ScenarioOverride], seed: UInt64?,
                     replications: Int?, jobs: Int, daysShare: Double?, search: Search, history: inout DayHistory,
                     pool: DayPool, progress: ((String) -> Void)?) throws -> Sizing {
        guard costs.isEmpty || costs.count == axis.values.count else {
            throw ExperimentError("--costs has \(costs.count) values but --vary has \(axis.values.count)")
        }
        let scenario = try source.scenario(with: base)
        guard !scenario.targets.isEmpty else { throw ExperimentError("size needs targets in the scenario, e.g. \"targets\": {\"cbt.item_p95\": \"<= 2 s\"}") }
        var order = Array(axis.values.indices)
        if !costs.isEmpty { order.sort { (costs[$0], $0) < (costs[$1], $1) } }
        var candidates: [(value: String, cost: Double?, point: Point?)] = order.map { (axis.values[$0], costs.isEmpty ? nil : costs[$0], nil) }
        // Check every value reads before running anything.
        for c in candidates { _ = try source.scenario(with: base + [try ScenarioOverride(path: axis.path, value: c.value, option: "--vary")]) }

        func passes(_ i: Int) throws -> Bool {
            progress?("trying \(axis.path)=\(candidates[i].value)")
            let o = base + [try ScenarioOverride(path: axis.path, value: candidates[i].value, option: "--vary")]
            let p: Point
            if let share = daysShare, search != .exhaustive {
                let s = try source.scenario(with: o)
                p = evaluate(s, overrides: o, seed: seed ?? s.seed, days: replications ?? s.replications, daysShare: share,
                             history: &history, pool: pool).point
            } else {
                p = try evaluate(source, overrides: o, seed: seed, replications: replications, jobs: jobs)
            }
            candidates[i].point = p
            return p.meetsTargets(daysShare: daysShare)
        }

        var chosen: Int?
        switch search {
        case .exhaustive, .fast:
            for i in candidates.indices where try passes(i) { chosen = i; break }
        case .fastFrom(let start):
            guard !candidates.isEmpty else { break }
            let h = min(max(start, 0), candidates.count - 1)
            if try passes(h) {
                chosen = h
                var j = h - 1
                while j >= 0, try passes(j) { chosen = j; j -= 1 }
            } else {
                for i in (h + 1)..<candidates.count where try passes(i) { chosen = i; break }
            }
        }
        return Sizing(candidates: candidates, chosen: chosen, verification: nil, daysShare: daysShare)
    }

    /// Evaluates one option alone on the share of its days (as the search does), trying
    /// `firstDays` first (in this order; the rest follow in replication order; numbers out
    /// of range are ignored).
    ///
    /// - Returns: The point and the days of it that failed, in the order run.
    static func evaluate(_ source: ScenarioSource, overrides: [ScenarioOverride], seed: UInt64?, replications: Int?,
                         jobs: Int, daysShare: Double, firstDays: [Int]) throws -> (point: Point, failedDays: [Int]) {
        let scenario = try source.scenario(with: overrides)
        let pool = DayPool(jobs: jobs)
        defer { pool.close() }
        var history = DayHistory(failed: firstDays)
        return evaluate(scenario, overrides: overrides, seed: seed ?? scenario.seed, days: replications ?? scenario.replications,
                        daysShare: daysShare, history: &history, pool: pool)
    }

    /// Evaluates one option on the share of its days, in the order `history` gives, one day
    /// at a time until the verdict is decided: with `D` days and a share `s` it needs `⌈s·D⌉`
    /// passing days, fails once more than `D − ⌈s·D⌉` have failed, passes once `⌈s·D⌉` have
    /// passed. Each day waited for has the next `threads − 1` announced to `pool`, to run on
    /// a thread that has no verification day to run (those are certain to be needed); an
    /// announced day the verdict does not need is dropped if it has not started.
    ///
    /// - Returns: The point over the days run (in replication order; ``Point/daysPlanned``
    ///   all the days) and the days that failed, in the order run. `history` records them.
    static func evaluate(_ scenario: Scenario, overrides: [ScenarioOverride], seed: UInt64, days total: Int, daysShare: Double,
                         history: inout DayHistory, pool: DayPool) -> (point: Point, failedDays: [Int]) {
        let id = pool.add(scenario)
        let keys = history.order(days: total).map { (day: $0, key: DayPool.Key(scenario: id, seed: seed &+ UInt64($0))) }
        let need = requiredDays(share: daysShare, of: total)
        var done: [(day: Int, run: Run, passed: Bool)] = []
        var passed = 0, failed = 0, announced = 0
        for (k, x) in keys.enumerated() {
            // The next days are announced, one per other thread: a thread with no
            // verification day to run runs them while this one decides, and at most that
            // many are lost if it fails the option.
            let ahead = min(keys.count, k + pool.threads)
            if ahead > max(announced, k + 1) {
                pool.prefetch(keys[max(announced, k + 1)..<ahead].map(\.key), level: .search)
                announced = ahead
            }
            let r = pool.result(x.key)
            let ok = r.workloads.allSatisfy { $0.metrics.allSatisfy { $0.passed ?? true } }
            done.append((x.day, r, ok))
            if ok { passed += 1 } else { failed += 1 }
            if passed >= need || total - failed < need { break }
        }
        pool.cancel(keys[done.count...].map(\.key))
        history.record(done)
        var p = point(overrides: overrides, runs: done.sorted { $0.day < $1.day }.map(\.run))
        p.daysPlanned = total
        return (p, done.filter { !$0.passed }.map(\.day))
    }

    /// Days meeting every target needed out of `total` for `share` (as ``Point/meetsTargets(daysShare:)``).
    static func requiredDays(share: Double, of total: Int) -> Int {
        min(total, max(0, Int((share * Double(total) - 1e-9).rounded(.up))))
    }

    /// Replications `0..<days`, the valid ones of `first` first (in their order, once each).
    static func order(days: Int, first: [Int]) -> [Int] {
        var seen = Set<Int>()
        var out: [Int] = []
        for d in first where d >= 0 && d < days && seen.insert(d).inserted { out.append(d) }
        for d in 0..<days where !seen.contains(d) { out.append(d) }
        return out
    }

    /// The scenario and seed of a sizing's verification: the chosen option with fresh seeds
    /// (seed + 1000 …), or nil when no option passed.
    static func verificationRun(_ sizing: Sizing, source: ScenarioSource, axis: Axis, base: [ScenarioOverride],
                                seed: UInt64?) throws -> (overrides: [ScenarioOverride], scenario: Scenario, seed: UInt64)? {
        guard let value = sizing.chosenValue else { return nil }
        let o = base + [try ScenarioOverride(path: axis.path, value: value, option: "--vary")]
        let scenario = try source.scenario(with: o)
        return (o, scenario, (seed ?? scenario.seed) &+ 1000)
    }

    /// Announces the days of a verification to `pool` (a higher `rank` runs sooner among
    /// verifications) and returns their keys, in replication order.
    static func announceVerification(_ check: (overrides: [ScenarioOverride], scenario: Scenario, seed: UInt64),
                                     replications: Int?, pool: DayPool, rank: Int) -> [DayPool.Key] {
        let id = pool.add(check.scenario)
        let keys = (0..<(replications ?? check.scenario.replications)).map { DayPool.Key(scenario: id, seed: check.seed &+ UInt64($0)) }
        pool.prefetch(keys, level: .verification(rank))
        return keys
    }
}
