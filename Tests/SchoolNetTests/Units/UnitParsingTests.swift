import Testing
@testable import SchoolNet

/// Unit strings as planners write them in scenario files, and the errors they get.
@Suite struct UnitParsingTests {
    @Test(arguments: [
        ("1 Gbps", 1e9), ("300 Mbps", 300e6), ("64 kbps", 64e3), ("1.5 Gbit/s", 1.5e9),
        ("500 Mbit/s", 500e6), ("100 bps", 100), ("64 kb/s", 64e3), ("2 Tbps", 2e12),
        ("300Mbps", 300e6), ("  10 Mb/s ", 10e6), ("1e3 Mbps", 1e9), ("0 bps", 0),
    ])
    func rates(text: String, bitsPerSecond: Double) throws {
        #expect(try UnitParsing.rate(text) == DataRate(bitsPerSecond: bitsPerSecond))
    }

    @Test(arguments: [
        ("40 ms", 40_000_000), ("1.5 s", 1_500_000_000), ("45 min", 2_700_000_000_000),
        ("2 h", 7_200_000_000_000), ("300 µs", 300_000), ("300 μs", 300_000), ("300 us", 300_000),
        ("10 ns", 10), ("0.5ms", 500_000),
    ] as [(String, Int64)])
    func durations(text: String, nanoseconds: Int64) throws {
        #expect(try UnitParsing.duration(text) == SimDuration(nanoseconds: nanoseconds))
    }

    @Test(arguments: [
        ("2 MB", 2_000_000), ("50 kB", 50_000), ("1 GB", 1_000_000_000), ("4 MiB", 4_194_304),
        ("1500 B", 1500), ("1 KiB", 1024), ("1.5 TB", 1_500_000_000_000),
    ] as [(String, Int64)])
    func byteCounts(text: String, bytes: Int64) throws {
        #expect(try UnitParsing.bytes(text) == ByteCount(bytes: bytes))
    }

    @Test(arguments: [("12.5 %", 0.125), ("12.5%", 0.125), ("100 %", 1), ("0%", 0)])
    func percentages(text: String, fraction: Double) throws {
        #expect(try UnitParsing.fraction(text) == fraction)
    }

    @Test(arguments: [("08:30", 30_600), ("08:30:15", 30_615), ("8:05", 29_100), ("00:00", 0), ("23:59:59", 86_399)])
    func clockTimes(text: String, seconds: Int64) throws {
        #expect(try UnitParsing.clockTime(text) == .nanoseconds(seconds * 1_000_000_000))
    }

    @Test func negativeDurationOnlyWhenAllowed() throws {
        #expect(try UnitParsing.duration("-5 s", allowNegative: true) == .seconds(-5))
    }

    @Test func unlimitedRateOnlyWhenAllowed() throws {
        #expect(try UnitParsing.rate("unlimited", allowUnlimited: true) == .unlimited)
    }

    /// Each rejected string and the message (without file and key path) the user reads.
    @Test(arguments: [
        ("300", "rate",
         #"expected a bit rate with a unit (bps, kbps, Mbps, Gbps, Tbps, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, b/s, kb/s, Mb/s, Gb/s, Tb/s, B/s, kB/s, KB/s, MB/s, GB/s, TB/s), found "300""#),
        ("300 mbps", "rate",
         #"expected a bit rate with a unit (bps, kbps, Mbps, Gbps, Tbps, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, b/s, kb/s, Mb/s, Gb/s, Tb/s, B/s, kB/s, KB/s, MB/s, GB/s, TB/s), found "300 mbps"; did you mean "300 Mbps"?"#),
        ("fast", "rate", #"expected a bit rate such as "300 Mbps", found "fast""#),
        ("NaN Mbps", "rate", #"expected a bit rate such as "300 Mbps", found "NaN Mbps""#),
        ("inf Gbps", "rate", #"expected a bit rate such as "300 Mbps", found "inf Gbps""#),
        ("-5 Mbps", "rate", #"expected a non-negative bit rate, found "-5 Mbps""#),
        ("1e400 Gbps", "rate", #"expected a bit rate small enough to represent, found "1e400 Gbps""#),
        ("40", "duration", #"expected a duration with a unit (ns, us, µs, μs, ms, s, min, h), found "40""#),
        ("40 mins", "duration", #"expected a duration with a unit (ns, us, µs, μs, ms, s, min, h), found "40 mins"; did you mean "40 min"?"#),
        ("-5 s", "duration", #"expected a non-negative duration, found "-5 s""#),
        ("1e12 h", "duration", #"expected a duration shorter than 292 years, found "1e12 h""#),
        ("2 KB", "bytes", #"expected a byte count with a unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB), found "2 KB"; did you mean "2 kB"?"#),
        ("1e19 B", "bytes", #"expected a byte count below 9.2 EB, found "1e19 B""#),
        ("12.5", "fraction", #"expected a percentage with a unit (%), found "12.5""#),
        ("120 %", "fraction", #"expected a percentage between 0 % and 100 %, found "120 %""#),
        ("-1 %", "fraction", #"expected a percentage between 0 % and 100 %, found "-1 %""#),
        ("25:00", "clockTime", #"expected a clock time such as "08:30" or "08:30:15", found "25:00""#),
        ("8:5", "clockTime", #"expected a clock time such as "08:30" or "08:30:15", found "8:5""#),
    ])
    func errors(text: String, kind: String, message: String) {
        let parse: (String) throws -> Any = switch kind {
        case "rate": { try UnitParsing.rate($0) }
        case "duration": { try UnitParsing.duration($0) }
        case "bytes": { try UnitParsing.bytes($0) }
        case "fraction": { try UnitParsing.fraction($0) }
        default: { try UnitParsing.clockTime($0) }
        }
        #expect(throws: UnitParseError.self) { try parse(text) }
        do { _ = try parse(text) } catch { #expect("\(error)" == message) }
    }
}
