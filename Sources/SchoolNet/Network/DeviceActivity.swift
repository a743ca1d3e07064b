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
/// **Storage**: one table entry per (resource, device) pair with a transfer in progress,
/// found through an ``IndexTable`` (looked up only, never iterated, so no hashing order
/// reaches the counts); freed when the pair's last transfer ends. O(hops) work per transfer
/// start and end.
///
/// **Validated by:** `DesignLoadTests` (one device, two devices on one link, a cohort, a
/// device with two transfers at once).
public struct DeviceActivity: Sendable {
    /// Devices active on each resource now.
    public private(set) var current: Column<Int> = []
    /// The most devices active on each resource at once.
    public private(set) var peak: Column<Int> = []

    /// (resource << 32 | device node) → slot in the pair columns.
    var pairs = IndexTable()
    /// Per pair slot: transfers of copies 1 in progress, cohort transfers in progress, and
    /// the cohort size counted while any is.
    var singles: Column<Int32> = []
    var cohorts: Column<Int32> = []
    var cohortSize: Column<Int32> = []
    var freeSlots: Column<Int32> = []

    /// Creates the tally for `resources` resources.
    init(resources: Int) {
        current = Column(repeating: 0, count: resources)
        peak = Column(repeating: 0, count: resources)
    }

    /// The devices a pair slot counts for.
    @inline(__always)
    func counted(_ s: Int) -> Int {
        cohorts[s] > 0 ? Int(cohortSize[s]) : (singles[s] > 0 ? 1 : 0)
    }

    /// Records a transfer of `device` (standing for `copies` devices) starting across `r`.
    ///
    /// - Complexity: O(1) expected.
    mutating func began(resource r: Int, device: Int, copies: Int32) {
        let key = Int64(r) << 32 | Int64(device)
        let s: Int
        if let found = pairs[key] {
            s = Int(found)
        } else if let free = freeSlots.popLast() {
            s = Int(free)
            pairs[key] = free
        } else {
            s = singles.count
            singles.append(0); cohorts.append(0); cohortSize.append(0)
            pairs[key] = Int32(s)
        }
        let before = counted(s)
        if copies > 1 {
            cohorts[s] += 1
            cohortSize[s] = max(cohortSize[s], copies)
        } else {
            singles[s] += 1
        }
        current[r] += counted(s) - before
        if current[r] > peak[r] { peak[r] = current[r] }
    }

    /// Records the end of a transfer recorded by ``began(resource:device:copies:)``.
    ///
    /// - Complexity: O(1) expected.
    mutating func ended(resource r: Int, device: Int, copies: Int32) {
        let key = Int64(r) << 32 | Int64(device)
        guard let found = pairs[key] else { preconditionFailure("DeviceActivity: no transfer of this device on this resource") }
        let s = Int(found)
        let before = counted(s)
        if copies > 1 {
            cohorts[s] -= 1
            if cohorts[s] == 0 { cohortSize[s] = 0 }
        } else {
            singles[s] -= 1
        }
        current[r] += counted(s) - before
        if singles[s] == 0 && cohorts[s] == 0 {
            pairs[key] = nil
            freeSlots.append(found)
        }
    }
}
