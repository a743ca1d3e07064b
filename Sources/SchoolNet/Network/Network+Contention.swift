/// The capacity of contended media (``Topology/ContendedMedium``) from the senders active now.
///
/// Each cached route lists the contended media its forward hops cross, with the sender:
/// the station (the lower end of the link it crosses upward) or the medium's upper end (the
/// AP, crossing downward). A flow in its body counts as a sender from its start to its end;
/// a station is one contender however many of its flows cross the medium (a transfer that
/// stands for k identical ones, ``TransferRequest/copies``, counts its k stations), and the
/// AP is one contender while any flow crosses the medium downward. When the number of
/// contenders changes, the medium's capacity becomes the table's entry for it (one
/// ``FlowSolver/setCapacity(_:to:now:)``); flows that cross no contended medium cost one
/// comparison. The capacity moves when the level's entry differs from the capacity
/// applied by more than ``contentionTolerance`` (1 %): neighbouring levels of a busy cell
/// differ by less, so a class whose senders come and go one by one re-solves its flows at
/// each step of 1 % rather than at every sender.
///
/// **Assumptions**: every active flow's sender contends, whatever its rate (Bianchi's
/// saturated senders: pessimistic for a station that sends little); TCP acknowledgements do
/// not make a receiving station a contender; the airtime factors of slow clients stay those
/// of the table the scenario builder computed them with.
extension Network {
    /// The state of every contended medium.
    struct ContentionState {
        /// Per resource: the index of its medium, or -1.
        var mediumOfResource: [Int32] = []
        /// Per medium, in one record (a sender's start or end touches one cache line per
        /// medium): its resource; its capacity table (bits/s, element k − 1 for k
        /// contenders) at `table[tableStart..<tableStart + tableCount]`; the stations with
        /// uplink flows (counted with their copies) and the flows downward; the number of
        /// contenders its capacity is set for (`level`) and the level whose capacity is
        /// applied (`applied`: it moves when the level's capacity differs from it by more
        /// than ``contentionTolerance``).
        struct Medium {
            var resource: Int32, tableStart: Int32, tableCount: Int32
            var stations: Int32 = 0, downlinkFlows: Int32 = 0, level: Int32 = 1, applied: Int32 = 1
        }
        var media: [Medium] = []
        /// Every medium's capacity table, one after the other.
        var table: [Double] = []
        /// Per (medium, station): a slot with the station's uplink flows and the stations
        /// they stand for.
        var slotIndex = IndexTable()  // medium << 32 | node → slot
        var slots: [Slot] = []
        struct Slot { var flows: Int32 = 0, stations: Int32 = 0 }
        /// Per cached route: its entries `medium << 32 | (slot + 1)` (0 = downward), route
        /// `i`'s at `entries[start[i]..<start[i + 1]]`.
        var entries: ContiguousArray<Int64> = []
        var start: ContiguousArray<Int32> = [0]

        init() {}

        init(topology: Topology) {
            mediumOfResource = Array(repeating: -1, count: topology.resources.count)
            for (m, medium) in topology.contendedMedia.enumerated() {
                mediumOfResource[medium.resource.index] = Int32(m)
                media.append(Medium(resource: medium.resource.rawValue, tableStart: Int32(table.count),
                                    tableCount: Int32(medium.capacities.count)))
                table.append(contentsOf: medium.capacities.map(\.bitsPerSecond))
            }
        }
    }

    /// Appends the contention entries of a route just cached (its forward node path).
    mutating func cacheContention(path: [NodeID]) {
        defer { contention.start.append(Int32(contention.entries.count)) }
        guard !contention.media.isEmpty, path.count > 1 else { return }
        for i in 1..<path.count {
            let a = path[i - 1], b = path[i]
            // The first link joining a and b, looked up from the end with fewer links (a
            // router at the top of a national tree has one per school; both lists are in
            // link order, so either gives the same link).
            let fewer = topology.adjacency[a.index].count <= topology.adjacency[b.index].count ? a : b
            guard let l = topology.adjacency[fewer.index].first(where: {
                let link = topology.links[$0.index]
                return (link.lower == a && link.upper == b) || (link.lower == b && link.upper == a)
            }) else { continue }
            let link = topology.links[l.index]
            let upward = link.lower == a
            for hop in upward ? link.up : link.down {
                let m = contention.mediumOfResource[hop.resource.index]
                if m < 0 { continue }
                var slot: Int32 = -1
                if upward {
                    let key = Int64(m) << 32 | Int64(a.rawValue)
                    if let s = contention.slotIndex[key] {
                        slot = s
                    } else {
                        slot = Int32(contention.slots.count)
                        contention.slots.append(ContentionState.Slot())
                        contention.slotIndex[key] = slot
                    }
                }
                contention.entries.append(Int64(m) << 32 | Int64(slot + 1))
            }
        }
    }

    /// Counts transfer `t`'s flow as a sender (`starting`) or no longer, and moves the
    /// capacity of every medium whose number of contenders changed.
    @inline(__always)
    mutating func contend(_ t: Int, starting: Bool, now: Int64) {
        let r = Int(route[t])
        let lo = Int(contention.start[r]), hi = Int(contention.start[r + 1])
        if lo == hi { return }
        contendSlow(entries: lo..<hi, copies: copies[t], starting: starting, now: now)
    }

    @inline(never)
    mutating func contendSlow(entries: Range<Int>, copies k: Int32, starting: Bool, now: Int64) {
        for e in entries {
            let entry = contention.entries[e]
            let m = Int(entry >> 32), slot = Int(entry & 0xFFFF_FFFF) - 1
            if slot < 0 {
                contention.media[m].downlinkFlows += starting ? 1 : -1
            } else if starting {
                var s = contention.slots[slot]
                if s.flows == 0 {
                    s.stations = k
                    contention.media[m].stations += k
                } else if k > s.stations {
                    contention.media[m].stations += k - s.stations
                    s.stations = k
                }
                s.flows += 1
                contention.slots[slot] = s
            } else {
                var s = contention.slots[slot]
                s.flows -= 1
                if s.flows == 0 {
                    contention.media[m].stations -= s.stations
                    s.stations = 0
                }
                contention.slots[slot] = s
            }
            applyLevel(m, now: now)
        }
    }

    /// Sets medium `m`'s capacity for its senders now, if their number changed.
    mutating func applyLevel(_ m: Int, now: Int64) {
        var medium = contention.media[m]
        let senders = Int(medium.stations) + (medium.downlinkFlows > 0 ? 1 : 0)
        let level = min(max(1, senders), Int(medium.tableCount))
        if level == Int(medium.level) { return }
        medium.level = Int32(level)
        let first = Int(medium.tableStart)
        let c = contention.table[first + level - 1], applied = contention.table[first + Int(medium.applied) - 1]
        let moves = abs(c - applied) > Self.contentionTolerance * applied
        if moves { medium.applied = Int32(level) }
        contention.media[m] = medium
        if moves { setBaseCapacity(Int(medium.resource), to: c, now: now) }
    }

    /// The relative difference between a level's capacity and the capacity applied above
    /// which the medium's capacity moves.
    public static let contentionTolerance = 0.01

    /// The number of contenders a contended medium's capacity is set for now (1 while
    /// nobody sends), or nil for a resource without a contention table.
    public func contenders(on r: ResourceID) -> Int? {
        let m = Int(contention.mediumOfResource[r.index])
        return m < 0 ? nil : Int(contention.media[m].level)
    }
}
