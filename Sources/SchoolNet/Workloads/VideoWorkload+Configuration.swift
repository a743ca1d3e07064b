/// The parameters of a video-on-demand activity, with documented defaults (keys and
/// sources in `Workloads/Video.md`).
extension VideoWorkload {
    /// The player and stream parameters.
    ///
    /// The buffer-based rate map (BBA-0, Huang et al., SIGCOMM 2014) keeps the lowest rung
    /// while the buffer is at or below ``reservoir``, the highest at or above
    /// ``reservoir`` + ``cushion``, and maps linearly in between. The paper's 90 s
    /// reservoir and 126 s cushion belong to a 240 s buffer; the defaults here scale them to
    /// a 30 s buffer [ESTIMATE].
    public struct Configuration: Sendable, Equatable {
        /// The bitrate ladder, ascending: YouTube 360p 0.7, 480p 1.1, 720p 2.5, 1080p 5 Mbps
        /// (REFERENCES.md §3 [VENDOR]). NHK for School is a one-rung ladder of 0.7 Mbps (REFERENCES.md §3).
        public var ladder: [DataRate] = [0.7, 1.1, 2.5, 5].map { .megabitsPerSecond($0) }
        /// Content per segment: 4 s [ESTIMATE: DASH players commonly use 2–6 s; Apple HLS
        /// authoring recommends 6 s].
        public var segmentDuration: SimDuration = .seconds(4)
        /// Segments buffered before playback starts, and before it resumes after a stall:
        /// 2 [ESTIMATE].
        public var startupSegments = 2
        /// Downloads pause while the buffer holds more than this minus one segment: 30 s
        /// [ESTIMATE: typical of mobile and web players' forward buffers].
        public var maxBuffer: SimDuration = .seconds(30)
        /// BBA reservoir: 8 s [ESTIMATE: BBA-0's 90 s of 240 s, scaled].
        public var reservoir: SimDuration = .seconds(8)
        /// BBA cushion: 16 s [ESTIMATE: BBA-0's 126 s of 240 s, scaled].
        public var cushion: SimDuration = .seconds(16)

        /// A fragment attempt with no byte after this long is abandoned: 10 s [VENDOR: hls.js
        /// `fragLoadPolicy` `maxTimeToFirstByteMs`, REFERENCES.md §9]. Zero turns it off.
        public var firstByteTimeout: SimDuration = .seconds(10)
        /// A fragment attempt not loaded after this long is abandoned: 120 s [VENDOR: hls.js
        /// `maxLoadTimeMs`, REFERENCES.md §9].
        public var loadTimeout: SimDuration = .seconds(120)
        /// Retries of an abandoned fragment, at once, on a new connection; after the last the
        /// player stops with an error (the student sees a failed video): 4 [VENDOR: hls.js
        /// `timeoutRetry.maxNumRetry`, no delay, REFERENCES.md §9].
        public var fragmentRetries = 4

        /// The defaults above.
        public init() {}

        /// What is wrong with the parameters (empty when they can be simulated).
        public var problems: [String] {
            var p: [String] = []
            if ladder.isEmpty { p.append("ladder must have at least one rung") }
            if zip(ladder, ladder.dropFirst()).contains(where: { $0 >= $1 }) { p.append("ladder must ascend") }
            if ladder.contains(where: { !($0.bitsPerSecond > 0 && $0.bitsPerSecond.isFinite) }) {
                p.append("ladder rates must be positive and finite")
            }
            if segmentDuration <= .zero { p.append("segmentDuration must be longer than 0 s") }
            if startupSegments < 1 { p.append("startupSegments must be at least 1") }
            if maxBuffer < segmentDuration * max(startupSegments, 1) {
                p.append("maxBuffer must hold at least startupSegments segments")
            }
            if reservoir < .zero || cushion <= .zero { p.append("reservoir must be ≥ 0 s and cushion > 0 s") }
            if firstByteTimeout < .zero { p.append("firstByteTimeout must not be negative") }
            if loadTimeout <= .zero { p.append("loadTimeout must be longer than 0 s") }
            if fragmentRetries < 0 { p.append("fragmentRetries must not be negative") }
            return p
        }

        /// BBA-0's choice of rung for the next segment.
        ///
        /// - Parameters:
        ///   - buffer: the buffer level now, seconds of content.
        ///   - previous: the rung of the previous segment.
        /// - Returns: the rung of the next segment.
        /// - Complexity: O(ladder count).
        public func nextRung(buffer: Double, previous: Int) -> Int {
            let top = ladder.count - 1
            let r = reservoir.seconds, cu = cushion.seconds
            if buffer <= r { return 0 }
            if buffer >= r + cu { return top }
            let lo = ladder[0].bitsPerSecond, hi = ladder[top].bitsPerSecond
            let f = lo + (hi - lo) * (buffer - r) / cu
            let up = ladder[min(previous + 1, top)].bitsPerSecond
            let down = ladder[max(previous - 1, 0)].bitsPerSecond
            if f >= up { return ladder.lastIndex { $0.bitsPerSecond < f } ?? 0 }
            if f <= down { return ladder.firstIndex { $0.bitsPerSecond > f } ?? top }
            return previous
        }
    }
}
