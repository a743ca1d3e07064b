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
enum DeviceLinkDraw: Sendable {
    /// Classroom Wi-Fi: a client is slow (airtime factor `slowFactor`) with probability
    /// `slowFraction`, otherwise at the reference rate (factor 1).
    case wifi(slowFraction: Double, slowFactor: Double)
    /// Public LTE: the device's CQI from the sector's mix; with a data plan, over its cap
    /// (throttled) with probability `overCap`. Proportional fair gives every device the same
    /// time: the sector link sets its airtime factors and share weights
    /// (``LTESectorLink/outcome(cqi:)``).
    case lte(LTESectorLink, cqi: Distribution, plan: SIMDataPlan?, overCap: Double)

    /// What one device's link is in one replication.
    struct Outcome: Sendable, Equatable {
        /// Airtime factor of its upward and downward hops (1 at the reference rate; larger
        /// for slower clients).
        var upFactor: Double, downFactor: Double
        /// Max-min weight of its transfers in each direction (1 unless the cell shares time).
        var sendingWeight: Double = 1, receivingWeight: Double = 1
        /// The drawn LTE CQI (nil on Wi-Fi).
        var cqi: Int?
        /// A throttled SIM's ceiling, if any.
        var rateCeiling: DataRate?
    }

    /// Draws one device's link. The order of draws from `rng` is part of the contract
    /// (link quality first, then the cap), so adding a later draw never shifts these.
    ///
    /// - Parameter rng: the device's own stream.
    /// - Returns: the outcome.
    func draw(using rng: inout RandomStream) -> Outcome {
        switch self {
        case .wifi(let fraction, let slowFactor):
            let f = rng.nextUnit() < fraction ? slowFactor : 1
            return Outcome(upFactor: f, downFactor: f)
        case .lte(let sector, let mix, let plan, let overCap):
            var o = sector.outcome(cqi: Int(mix.sample(using: &rng)))
            if let plan, rng.nextUnit() < overCap { o.rateCeiling = plan.rateCeiling(used: plan.monthlyCap) }
            return o
        }
    }
}
