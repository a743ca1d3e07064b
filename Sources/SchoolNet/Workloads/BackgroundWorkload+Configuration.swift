/// The parameters of a background activity, with documented defaults per mode (keys and
/// sources in `Workloads/Background.md`).
extension BackgroundWorkload {
    /// What the devices do in the background.
    public enum Mode: String, Sendable, CaseIterable {
        /// Cloud documents and the web: small objects from the cloud office, with think times.
        case web
        /// Digital textbook page turns: one spread per turn from the cloud office.
        case textbook
        /// An OS or app update storm: one large download per device from the update server.
        case update
    }

    /// The background parameters. Sizes are in bytes and times in seconds inside the
    /// distributions.
    public struct Configuration: Sendable, Equatable {
        /// The mode.
        public var mode: Mode
        /// Bytes per request (web: an object; textbook: a spread; update: the whole update).
        public var objectSize: Distribution
        /// Seconds between the end of one request and the next (web, textbook; the update
        /// is one request).
        public var thinkTime: Distribution
        /// The page-turn target for `page_over_3s` (textbook): 3 s (REFERENCES.md §3, MEXT 2021
        /// guidebook [ESTIMATE]).
        public var pageTarget: SimDuration = .seconds(3)
        /// When the update starts after the session start (update; the start jitter adds
        /// to it): 0 s, i.e. at the session start.
        public var updateAfter: SimDuration = .zero
        /// Each device's own rate limit (e.g. a throttled update client): unlimited.
        public var rateLimit: DataRate = .unlimited

        /// The defaults of a mode:
        /// - `web`: objects lognormal with mean 200 kB and CV 2, think time lognormal with
        ///   mean 20 s and CV 1 [ESTIMATE: document and page fetches of a class working in
        ///   cloud office; no public school measurement, so set them for a study].
        /// - `textbook`: 2 MB per spread (REFERENCES.md §3, MEXT 2021 guidebook [ESTIMATE]),
        ///   think time lognormal with mean 60 s and CV 0.5 [ESTIMATE: a spread a minute].
        /// - `update`: 1 GB per device (REFERENCES.md §2: iPadOS updates ~1 GB [anecdote]).
        ///
        /// - Parameter mode: the mode.
        public init(mode: Mode) {
            self.mode = mode
            switch mode {
            case .web:
                objectSize = .lognormal(mean: 200e3, cv: 2)
                thinkTime = .lognormal(mean: 20, cv: 1)
            case .textbook:
                objectSize = .constant(2e6)
                thinkTime = .lognormal(mean: 60, cv: 0.5)
            case .update:
                objectSize = .constant(1e9)
                thinkTime = .constant(0)
            }
        }

        /// What is wrong with the parameters (empty when they can be simulated).
        public var problems: [String] {
            var p: [String] = []
            if !(objectSize.mean > 0) { p.append("objectSize must have a positive mean") }
            if !(thinkTime.mean >= 0) { p.append("thinkTime must not be negative") }
            if pageTarget <= .zero { p.append("pageTarget must be longer than 0 s") }
            if updateAfter < .zero { p.append("updateAfter must not be negative") }
            if !(rateLimit.bitsPerSecond > 0) { p.append("rateLimit must be positive") }
            return p
        }
    }
}
