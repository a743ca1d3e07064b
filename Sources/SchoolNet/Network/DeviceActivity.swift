/// Counts, per resource, the devices with a transfer in progress across it, and keeps the
/// peak: the "how many devices were busy at once" of a link's design load.
///
/// **Definitions**
/// - A transfer's *device* is its source node if that is a ``Topology/NodeKind/device``,
///   else its destination if that is one; a transfer between two non-devices (a server's
///   replication) has none and is not counted.
/// - A device is *active on a resource* from the moment one of its transfers crossing the
///   resource (forward hops: the direction the data travels) is requested until the last
///   such transfer ends — set-up, a wait for a session and the body included; a stream
///   counts for as long as it plays.
/// - A transfer standing for a cohort of k identical students (``TransferRequest/copies``)
///   counts k devices. A device carrying transfers of several cohort sizes at once counts
///   the largest (only CBT forms cohorts, and a cohort keeps its size for the whole test).
///
/// **Storage**: one entry per (resource, device) pair with a transfer in progress, on a
/// short doubly linked list per device (the resources its transfers cross: a few hops per
/// route), so a transfer's start walks that list instead of hashing a key per hop, and its
/// end goes straight to the entries its start returned; an entry is freed when the pair's
/// last transfer ends. O(hops × the device's active resources) work per transfer start,
/// O(hops) per end.
///
/// **Validated by:** `DesignLoadTests` (one device, two devices on one link, a cohort, a
/// device with two transfers at once).
public struct DeviceActivity: Sendable {
    /// Devices active on each resource now.
    public private(set) var current: Column<Int> = []
    /// The most devices active on each resource at once.
    public private(set) var peak: Column<Int> = []

    /// Per device node: the first entry of its list, or -1.
    var head: Column<Int32> = []
    /// Per entry, in one 24-byte record (a start or end touches one cache line per entry):
    /// its resource, its neighbours on its device's list (-1 at the ends), transfers of
    /// copies 1 in progress, cohort transfers in progress, and the cohort size counted while
    /// any is.
    struct Entry: BitwiseCopyable {
        var resource: Int32, next: Int32, previous: Int32
        var singles: Int32 = 0, cohorts: Int32 = 0, cohortSize: Int32 = 0
        /// The devices the entry counts for.
        @inline(__always) var counted: Int { cohorts > 0 ? Int(cohortSize) : (singles > 0 ? 1 : 0) }
    }
    var entries: Column<Entry> = []
    var freeSlots: Column<Int32> = []

    /// Creates the tally for `resources` resources and `nodes` nodes.
    init(resources: Int, nodes: Int) {
        current = Column(repeating: 0, count: resources)
        peak = Column(repeating: 0, count: resources)
        head = Column(repeating: -1, count: nodes)
    }

    /// Records a transfer of `device` (standing for `copies` devices) starting across `r`.
    ///
    /// - Returns: the pair's entry, to pass to ``ended(entry:device:copies:)``.
    /// - Complexity: O(resources the device is active on).
    @inline(__always) @discardableResult
    mutating func began(resource r: Int, device: Int, copies: Int32) -> Int32 {
        var e = head[device]
        while e >= 0 && entries[Int(e)].resource != Int32(r) { e = entries[Int(e)].next }
        if e < 0 {
            let first = head[device]
            let fresh = Entry(resource: Int32(r), next: first, previous: -1)
            if let free = freeSlots.popLast() {
                e = free
                entries[Int(e)] = fresh
            } else {
                e = Int32(entries.count)
                entries.append(fresh)
            }
            if first >= 0 { entries[Int(first)].previous = e }
            head[device] = e
        }
        var entry = entries[Int(e)]
        let before = entry.counted
        if copies > 1 {
            entry.cohorts += 1
            entry.cohortSize = max(entry.cohortSize, copies)
        } else {
            entry.singles += 1
        }
        entries[Int(e)] = entry
        current[r] += entry.counted - before
        if current[r] > peak[r] { peak[r] = current[r] }
        return e
    }

    /// Records the end of a transfer recorded by ``began(resource:device:copies:)``, which
    /// returned `entry`.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    mutating func ended(entry e: Int32, device: Int, copies: Int32) {
        var entry = entries[Int(e)]
        let r = Int(entry.resource)
        let before = entry.counted
        if copies > 1 {
            entry.cohorts -= 1
            if entry.cohorts == 0 { entry.cohortSize = 0 }
        } else {
            entry.singles -= 1
        }
        entries[Int(e)] = entry
        current[r] += entry.counted - before
        if entry.singles == 0 && entry.cohorts == 0 {
            let p = entry.previous, n = entry.next
            if p >= 0 { entries[Int(p)].next = n } else { head[device] = n }
            if n >= 0 { entries[Int(n)].previous = p }
            freeSlots.append(e)
        }
    }

    /// Records the end of a transfer recorded by ``began(resource:device:copies:)`` on `r`.
    ///
    /// - Complexity: O(resources the device is active on).
    mutating func ended(resource r: Int, device: Int, copies: Int32) {
        var e = head[device]
        while e >= 0 && entries[Int(e)].resource != Int32(r) { e = entries[Int(e)].next }
        guard e >= 0 else { preconditionFailure("DeviceActivity: no transfer of this device on this resource") }
        ended(entry: e, device: device, copies: copies)
    }
}
