extension Scenario {
    /// Reads an LTE radio's cell keys: `publicLoad`, `downlinkLayers`, `uplinkLayers`,
    /// `downlinkOverhead`, `uplinkOverhead`, `linkModel` (defaults those of ``LTECell``).
    static func readLTECell(_ r: ScenarioReader, bandwidthMHz bw: Double) throws -> LTECell {
        let base = LTECell(bandwidthMHz: bw)
        let load = try r.read("publicLoad", as: .publicLoad, default: LTECell.defaultBackgroundLoad,
                              source: "REFERENCES.md §8: LTE public load, 0.2 at night, 0.5 in school hours, 0.6 at lunch, 0.7 in the evening [ESTIMATE]")
        let dlLayers = try r.int("downlinkLayers", in: 1...4, default: base.downlinkLayers, source: "REFERENCES.md §5: Cat 4, 2×2")
        let ulLayers = try r.int("uplinkLayers", in: 1...2, default: base.uplinkLayers, source: "one UL layer (Cat 4 devices, REFERENCES.md §5)")
        let dlOverhead = try r.fraction("downlinkOverhead", in: 0...0.9, default: base.downlinkOverhead,
                                        source: "REFERENCES.md §8: LTE downlink overhead, 2–3 control symbols of 14 plus reference signals [ESTIMATE]")
        let ulOverhead = try r.fraction("uplinkOverhead", in: 0...0.9, default: base.uplinkOverhead,
                                        source: "REFERENCES.md §8: LTE uplink overhead, DMRS 2 of 14 symbols plus PUCCH [ESTIMATE]")
        let model = try r.read("linkModel", as: .choice, default: LTECell.LinkModel.spectralEfficiency,
                               source: "bandwidth × CQI spectral efficiency × layers × (1 − overhead)")
        return LTECell(bandwidthMHz: bw, downlinkOverhead: dlOverhead, uplinkOverhead: ulOverhead, downlinkLayers: dlLayers,
                       uplinkLayers: ulLayers, backgroundLoad: load, linkModel: model)
    }
}

extension ScenarioValueKind where Value == HourlyProfile {
    /// The public's share of an LTE sector: one percentage for every hour (`"40 %"`), or 24
    /// fractions from midnight, each below 1 (the school keeps some of the cell).
    static var publicLoad: Self {
        let expected = "a percentage below 100 % (e.g. \"40 %\") or 24 fractions below 1, one per hour from midnight"
        let single = ScenarioValueKind<Double>.fraction(in: 0...0.99)
        return ScenarioValueKind(expected: expected, convert: { v in
            switch v {
            case .array(let items):
                guard items.count == 24 else { throw UnitParseError(expected: expected, found: v.foundDescription) }
                return HourlyProfile(try items.map { item in
                    guard case .number(let n) = item, n >= 0, n < 1 else { throw UnitParseError(expected: expected, found: item.foundDescription) }
                    return n
                })
            case .string:
                return .constant(try single.convert(v))
            default:
                throw UnitParseError(expected: expected, found: v.foundDescription)
            }
        }, format: { p in
            p.values.allSatisfy({ $0 == p.values[0] }) ? single.format(p.values[0]) : p.values.map { UnitFormat.number($0) }.joined(separator: ", ")
        })
    }
}
