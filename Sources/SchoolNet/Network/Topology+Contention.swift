/// Shared media whose capacity depends on who contends for them.
///
/// A half-duplex medium with contention-based access (a Wi-Fi cell) carries less the more
/// senders contend for it (collisions and backoff). Its capacity is therefore a table by the
/// number of contenders, and ``Network`` picks the entry from the senders active now: every
/// station with a flow crossing the medium upward (the lower end of the link it crosses
/// sends), plus one for the upper end (the AP) if any flow crosses it downward, whatever the
/// number of receivers. The table is computed once when the scenario is built; a change of
/// level is a look-up and a capacity change of one resource.
extension Topology {
    /// A medium's capacity by number of contenders.
    public struct ContendedMedium: Sendable {
        /// The medium's resource (crossed in both directions).
        public var resource: ResourceID
        /// Element k − 1 is the capacity with k contenders, k = 1 … count (a larger number of
        /// contenders takes the last element).
        public var capacities: [DataRate]
    }

    /// Makes resource `r`'s capacity follow the number of active senders: `capacities[k − 1]`
    /// with k contenders (k ≥ 1; the first element while nobody sends).
    ///
    /// - Precondition: `capacities` is not empty, every element is positive, and `r` has no
    ///   contention table yet.
    public mutating func setContention(_ r: ResourceID, capacities: [DataRate]) {
        precondition(!capacities.isEmpty && capacities.allSatisfy { $0.bitsPerSecond > 0 }, "contention capacities must be positive")
        precondition(contendedResources.insert(r.rawValue).inserted, "resource already has a contention table")
        contendedMedia.append(ContendedMedium(resource: r, capacities: capacities))
        setCapacity(r, capacities[0])
    }
}
