/// What is random about one device's radio link, and the one function that draws it.
///
/// The builder records, per device, which kind of draw applies; every replication draws
/// each device anew from its own stream (replication seed, the device's ``EntityKey``), so
/// which devices are slow Wi-Fi clients, an LTE device's channel quality and which SIMs are
/// over their monthly cap all vary between replications and are the same for a device
/// whatever the school's name or the other classes.
///
/// **Assumptions**: draws are independent between devices (no spatial correlation of
/// slow clients within a room); an LTE device's CQI is fixed for the day.
///
/// **Validated by**: `ReplicationDrawTests` (`renamedSchoolsInsideInterval`,
/// `drawsVaryBetweenReplications`).
public enum DeviceLinkDraw: Sendable {
    /// Classroom Wi-Fi: a client is slow (airtime factor `slowFactor`) with probability
    /// `slowFraction`, otherwise at the reference rate (factor 1).
    case wifi(slowFraction: Double, slowFactor: Double)
    /// Public LTE: the device's CQI from the sector's mix; with a data plan, over its cap
    /// (throttled) with probability `overCap`.
    case lte(cell: LTECell, cqi: Distribution, plan: SIMDataPlan?, overCap: Double)

    /// What one device's link is in one replication.
    public struct Outcome: Sendable, Equatable {
        /// Airtime factor of its hops (1 at the reference rate; larger for slower clients).
        public var airtimeFactor: Double
        /// The drawn LTE CQI (nil on Wi-Fi).
        public var cqi: Int?
        /// A throttled SIM's ceiling, if any.
        public var rateCeiling: DataRate?
    }

    /// Draws one device's link. The order of draws from `rng` is part of the contract
    /// (link quality first, then the cap), so adding a later draw never shifts these.
    ///
    /// - Parameter rng: the device's own stream.
    /// - Returns: the outcome.
    public func draw(using rng: inout RandomStream) -> Outcome {
        switch self {
        case .wifi(let fraction, let slowFactor):
            return Outcome(airtimeFactor: rng.nextUnit() < fraction ? slowFactor : 1)
        case .lte(let cell, let mix, let plan, let overCap):
            let q = Int(mix.sample(using: &rng))
            var o = Outcome(airtimeFactor: cell.airtimeFactor(cqi: q), cqi: q)
            if let plan, rng.nextUnit() < overCap { o.rateCeiling = plan.rateCeiling(used: plan.monthlyCap) }
            return o
        }
    }
}
