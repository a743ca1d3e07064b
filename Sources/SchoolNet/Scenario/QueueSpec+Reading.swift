extension ScenarioValueKind where Value == BufferSize {
    /// A buffer: a byte count (`"1.5 MB"`), or a time at the link's capacity (`"100 ms"`);
    /// at most 10 GB or 60 s.
    public static var bufferSize: Self {
        let expected = "a buffer in bytes or as time at the link's capacity, such as \"1.5 MB\" or \"100 ms\""
        return .string(expected: expected, parse: { text in
            if let b = try? UnitParsing.bytes(text) {
                guard b.bytes >= 0 && b <= .gigabytes(10) else {
                    throw UnitParseError(expected: "a buffer of at most 10 GB", found: UnitParsing.quoted(text))
                }
                return .bytes(b)
            }
            if let d = try? UnitParsing.duration(text) {
                guard d <= .seconds(60) else {
                    throw UnitParseError(expected: "a buffer of at most 60 s at the link's capacity", found: UnitParsing.quoted(text))
                }
                return .time(d)
            }
            throw UnitParseError(expected: expected, found: UnitParsing.quoted(text))
        }, format: \.description)
    }
}

extension Scenario {
    /// The kinds of equipment whose queues a scenario sets, with their defaults
    /// (``QueueSpec``) and where the defaults come from.
    enum QueueKind {
        case accessLine, switchPort, accessPoint, mobileCell, appliance

        /// The default queue.
        var defaultQueue: QueueSpec {
            switch self {
            case .accessLine: .accessLine
            case .switchPort: .switchPort
            case .accessPoint: .accessPoint
            case .mobileCell: .mobileCell
            case .appliance: .appliance
            }
        }

        /// The source shown by `explain` for the default.
        var source: String {
            switch self {
            case .accessLine: "REFERENCES.md §10: a school router or ONU, 1,000 packets drop-tail [ESTIMATE]"
            case .switchPort: "REFERENCES.md §10: an enterprise switch port, shallow drop-tail buffer [ESTIMATE]"
            case .accessPoint: "REFERENCES.md §10: an access point, 1,000 packets drop-tail [ESTIMATE]"
            case .mobileCell: "REFERENCES.md §10: a base station queues per device and serves devices in turn [ESTIMATE]"
            case .appliance: "REFERENCES.md §10: a data-center appliance [ESTIMATE]"
            }
        }
    }

    /// Reads a queue's two keys, `bufferKey` and `disciplineKey`, of `r`.
    ///
    /// - Parameters:
    ///   - base: the value when both keys are absent and a school type gives one (its
    ///     source is then "as in its school type"); otherwise the kind's default.
    /// - Throws: ``ScenarioError`` naming the file, key path and the expected value.
    static func readQueue(_ r: ScenarioReader, buffer bufferKey: String = "buffer", discipline disciplineKey: String = "discipline",
                          kind: QueueKind, base: QueueSpec? = nil) throws -> QueueSpec {
        let d = base ?? kind.defaultQueue
        let source = base == nil ? kind.source : "as in its school type"
        let buffer = try r.read(bufferKey, as: .bufferSize, default: d.buffer, source: source)
        let discipline = try r.read(disciplineKey, as: .choice, default: d.discipline, source: source)
        return QueueSpec(buffer: buffer, discipline: discipline)
    }
}
