extension Scenario {
    /// For an LTE school: each CQI's rate for one device alone in the school's share of the
    /// sector at the scenario's first hour, both ways — what N active devices divide by N
    /// (proportional fair: equal time). Nil for other radios.
    func lteExplanation(_ s: SchoolSpec) -> String? {
        guard case .lte(let cell, let mix, _, _, _) = s.radio else { return nil }
        let hour = Int(start.seconds / 3600)
        let cqis = mix.keys.sorted()
        func rates(_ d: MediaDirection) -> String {
            cqis.map { UnitFormat.number(cell.capacity(direction: d, hour: hour, referenceCQI: $0).megabitsPerSecond, digits: 3) }
                .joined(separator: ", ")
        }
        return "  \(s.name) LTE, one device alone at \(hour < 10 ? "0" : "")\(hour):00 (CQI \(cqis.map(String.init).joined(separator: ", "))): "
            + "↓ \(rates(.downlink)) Mbps, ↑ \(rates(.uplink)) Mbps; active devices share the sector's time equally"
    }
}
