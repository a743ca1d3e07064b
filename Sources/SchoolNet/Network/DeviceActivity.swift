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
/// **Storage**: each device with a transfer in progress owns a chain of blocks of
/// ``slotsPerBlock`` entries — one entry per resource its transfers cross, in one 64-byte
/// record — so a transfer's start or end reads one cache line per device (a few hops per
/// route, a few routes per device: one block, rarely two) instead of one per resource. An
/// entry whose last transfer ends frees its slot; a block left without entries is unlinked
/// and reused by the next device that needs one. O(hops × the device's active resources)
/// work per transfer start or end, on one or two cache lines.
///
/// **Validated by:** `DesignLoadTests` (one device, two devices on one link, a cohort, a
/// device with two transfers at once) and `DeviceActivityTests` (random starts and ends
/// against a direct count, chains of several blocks included).
public struct DeviceActivity: Sendable {
    /// Devices active on each resource now.
    public private(set) var current: Column<Int> = []
    /// The most devices active on each resource at once.
    public private(set) var peak: Column<Int> = []

    /// Entries per block: 4 × 16 bytes, one cache line.
    static let slotsPerBlock = 4
    /// Per device node: the first block of its chain, or -1.
    var head: Column<Int32> = []
    /// A device's transfers in progress across one resource: transfers of copies 1,
    /// cohort transfers, and the cohort size counted while any is. `resource` -1: a free slot.
    struct Entry: BitwiseCopyable {
        var resource: Int32 = -1
        var singles: Int32 = 0, cohorts: Int32 = 0, cohortSize: Int32 = 0
        /// The devices the entry counts for.
        @inline(__always) var counted: Int { cohorts > 0 ? Int(cohortSize) : (singles > 0 ? 1 : 0) }
    }
    /// Block `b`'s entries are `entries[b × slotsPerBlock ..< (b + 1) × slotsPerBlock]`.
    var entries: Column<Entry> = []
    /// Per block: the next block of its device's chain (-1 at the end) and its entries in use.
    struct Links: BitwiseCopyable { var next: Int32 = -1, used: Int32 = 0 }
    var links: Column<Links> = []
    var freeBlocks: Column<Int32> = []

    /// Creates the tally for `resources` resources and `nodes` nodes.
    init(resources: Int, nodes: Int) {
        current = Column(repeating: 0, count: resources)
        peak = Column(repeating: 0, count: resources)
        head = Column(repeating: -1, count: nodes)
    }

    /// A block with every slot free, at the end of no chain.
    @inline(__always)
    mutating func newBlock() -> Int32 {
        let b: Int32
        if let free = freeBlocks.popLast() {
            b = free
        } else {
            b = Int32(links.count)
            links.append(Links())
            entries.append(Entry(), count: Self.slotsPerBlock)
        }
        links[Int(b)] = Links()
        return b
    }

    /// Records a transfer of `device` (standing for `copies` devices) starting across `r`.
    ///
    /// - Complexity: O(resources the device is active on), on its blocks.
    @inline(__always)
    mutating func began(resource r: Int, device: Int, copies: Int32) {
        let n = Self.slotsPerBlock
        var slot = -1, freeSlot = -1, last = Int32(-1)
        var b = head[device]
        while b >= 0 {
            // The whole block, without an early exit: selects rather than branches.
            let first = Int(b) * n
            for s in first..<first + n {
                let resource = entries[s].resource
                slot = resource == Int32(r) ? s : slot
                freeSlot = resource < 0 && freeSlot < 0 ? s : freeSlot
            }
            if slot >= 0 { break }
            last = b
            b = links[Int(b)].next
        }
        if slot < 0 {
            if freeSlot < 0 {
                let fresh = newBlock()
                if last >= 0 { links[Int(last)].next = fresh } else { head[device] = fresh }
                freeSlot = Int(fresh) * n
            }
            slot = freeSlot
            entries[slot] = Entry(resource: Int32(r))
            links[slot / n].used += 1
        }
        var entry = entries[slot]
        let before = entry.counted
        if copies > 1 {
            entry.cohorts += 1
            entry.cohortSize = max(entry.cohortSize, copies)
        } else {
            entry.singles += 1
        }
        entries[slot] = entry
        current[r] += entry.counted - before
        if current[r] > peak[r] { peak[r] = current[r] }
    }

    /// Records the end of a transfer recorded by ``began(resource:device:copies:)`` on `r`.
    ///
    /// - Complexity: O(resources the device is active on), on its blocks.
    @inline(__always)
    mutating func ended(resource r: Int, device: Int, copies: Int32) {
        let n = Self.slotsPerBlock
        var slot = -1, previous = Int32(-1)
        var b = head[device]
        while b >= 0 {
            let first = Int(b) * n
            for s in first..<first + n { slot = entries[s].resource == Int32(r) ? s : slot }
            if slot >= 0 { break }
            previous = b
            b = links[Int(b)].next
        }
        guard slot >= 0 else { preconditionFailure("DeviceActivity: no transfer of this device on this resource") }
        var entry = entries[slot]
        let before = entry.counted
        if copies > 1 {
            entry.cohorts -= 1
            if entry.cohorts == 0 { entry.cohortSize = 0 }
        } else {
            entry.singles -= 1
        }
        current[r] += entry.counted - before
        if entry.singles == 0 && entry.cohorts == 0 {
            entries[slot] = Entry()
            links[Int(b)].used -= 1
            if links[Int(b)].used == 0 {
                // Unlink the empty block and free it.
                let next = links[Int(b)].next
                if previous >= 0 { links[Int(previous)].next = next } else { head[device] = next }
                freeBlocks.append(b)
            }
        } else {
            entries[slot] = entry
        }
    }
}
