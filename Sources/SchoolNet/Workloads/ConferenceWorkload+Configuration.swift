/// The parameters of a remote class / video conference, with documented defaults (keys and
/// sources in `Workloads/Conference.md`).
extension ConferenceWorkload {
    /// Who receives the lecturer's stream.
    public enum Downlink: String, Sendable, CaseIterable {
        /// Every student device and the teacher's device (each joins the call).
        case everyDevice
        /// Only the room display (the session's teacher device): one stream per classroom.
        case roomDisplay
        /// No downlink streams (an uplink-only study).
        case none
    }

    /// Bitrate presets from vendors' published requirements (REFERENCES.md §3 [VENDOR]).
    public enum Preset: String, Sendable, CaseIterable {
        /// Zoom group call, 720p: 2.6 Mbps up, 1.8 Mbps down.
        case zoom720p
        /// Zoom group call, 1080p: 3.8 Mbps up, 3.0 Mbps down.
        case zoom1080p
        /// Microsoft Teams group call: 0.5 Mbps up, 1 Mbps down.
        case teams
        /// Microsoft Teams HD group call: 1 Mbps up, 2 Mbps down.
        case teamsHD
        /// Google Meet HD with 5 participants: 3.2 Mbps up, 3.2 Mbps down.
        case meetHD
        /// MEXT's planning figure for a remote class: 2.0 Mbps each way [ESTIMATE].
        case mext

        /// The (up, down) rates of the preset.
        public var rates: (up: DataRate, down: DataRate) {
            let (u, d): (Double, Double) = switch self {
            case .zoom720p: (2.6, 1.8)
            case .zoom1080p: (3.8, 3.0)
            case .teams: (0.5, 1.0)
            case .teamsHD: (1.0, 2.0)
            case .meetHD: (3.2, 3.2)
            case .mext: (2.0, 2.0)
            }
            return (.megabitsPerSecond(u), .megabitsPerSecond(d))
        }
    }

    /// The call parameters.
    public struct Configuration: Sendable, Equatable {
        /// Each student's camera stream to the relay: 2.6 Mbps (Zoom 720p group, REFERENCES.md §3
        /// [VENDOR]).
        public var upRate: DataRate = Preset.zoom720p.rates.up
        /// The lecturer's stream from the relay to each receiver: 1.8 Mbps (Zoom 720p group,
        /// REFERENCES.md §3 [VENDOR]).
        public var downRate: DataRate = Preset.zoom720p.rates.down
        /// Who receives the lecturer: every device [ESTIMATE: GIGA remote classes have
        /// each student join].
        public var downlink = Downlink.everyDevice
        /// Whether every student sends a camera stream up [ESTIMATE: cameras on].
        public var studentsUp = true
        /// A second is frozen when the stream delivered less than this share of its
        /// need: 0.9 [ESTIMATE: a 10 % shortfall is past what jitter buffers and FEC hide].
        public var freezeThreshold = 0.9
        /// One-way delay above which a second counts as late: 150 ms (ITU-T G.114).
        public var delayLimit: SimDuration = .milliseconds(150)
        /// A stream frozen this long without a break drops out of the call (the client's
        /// connection is declared lost): 30 s [OFFICIAL: WebRTC consent to send expires
        /// 30 s after the last response, RFC 7675]. Zero: streams never drop.
        public var dropAfter: SimDuration = .seconds(30)
        /// A dropped stream rejoins (a new connection to the relay) after this long: 10 s
        /// [ESTIMATE: the app reconnects, or the student presses "rejoin"].
        public var rejoinAfter: SimDuration = .seconds(10)

        /// The defaults above.
        public init() {}

        /// The defaults with a preset's rates.
        ///
        /// - Parameter preset: the vendor preset.
        public init(preset: Preset) {
            (upRate, downRate) = preset.rates
        }

        /// What is wrong with the parameters (empty when they can be simulated).
        public var problems: [String] {
            var p: [String] = []
            for (key, rate) in [("upRate", upRate), ("downRate", downRate)]
            where !(rate.bitsPerSecond > 0 && rate.bitsPerSecond.isFinite) {
                p.append("\(key) must be positive and finite")
            }
            if !(freezeThreshold > 0 && freezeThreshold <= 1) { p.append("freezeThreshold must be in (0, 1]") }
            if delayLimit <= .zero { p.append("delayLimit must be longer than 0 s") }
            if dropAfter < .zero || rejoinAfter < .zero { p.append("dropAfter and rejoinAfter must not be negative") }
            return p
        }
    }
}
