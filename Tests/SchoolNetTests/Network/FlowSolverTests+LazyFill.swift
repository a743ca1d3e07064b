import Testing
@testable import SchoolNet

extension FlowSolverTests {
    /// A group path that fills a resource crossed by another, lazy group keeps that
    /// resource's true load at its capacity. Uplink U (100 Mbps) is shared by A (via line L,
    /// 100 Mbps) and B; C joining U lowers U's share to 33⅓ Mbps without touching L's stored
    /// load (U's group is lazy). D then starts on L alone and takes everything L has left,
    /// 66⅔ Mbps: L is full with D its only member. L's load must be A + D = 100 Mbps, not the
    /// 83⅓ Mbps left when the capacity is stored over U's pending fall — there L reads as
    /// having spare capacity, and the next re-solve through U drops D's bottleneck (a flow
    /// with no constraint: the solver stops). Each step is compared with a full re-solve.
    @Test func groupPathFillingAResourceWithALazyPairKeepsItsLoad() {
        var (fast, exact, ids) = Self.twinSolvers([100, 100])
        fast.lazyPairThreshold = 1
        let u = ids[0], l = ids[1]
        var now = Self.t0
        var fastIDs: [String: FlowID] = [:], exactIDs: [String: FlowID] = [:]
        func start(_ name: String, _ hops: [Hop]) {
            fastIDs[name] = fast.add(hops: hops, bytes: nil, now: now)
            exactIDs[name] = exact.add(hops: hops, bytes: nil, now: now)
        }
        func check(_ step: String) {
            #expect(fast.invariantViolations().isEmpty, "\(step): \(fast.invariantViolations())")
            for (name, f) in fastIDs where fast.isActive(f) {
                let a = fast.rate(of: f).bitsPerSecond, b = exact.rate(of: exactIDs[name]!).bitsPerSecond
                #expect(abs(a - b) <= 1e-6 * max(b, 1), "\(step): \(name) at \(a) vs \(b)")
            }
            #expect(abs(fast.load(of: l).bitsPerSecond - exact.load(of: l).bitsPerSecond) <= 1, "\(step): load of L")
        }
        start("A", [Hop(l), Hop(u)])
        start("B", [Hop(u)])
        check("A and B")
        now = now + .milliseconds(10)
        start("C", [Hop(u)])
        check("C joins U")
        now = now + .milliseconds(10)
        start("D", [Hop(l)])
        check("D fills L")
        let full = fast.isSaturated(l)
        #expect(full, "L full after D")
        now = now + .milliseconds(10)
        _ = fast.remove(fastIDs["B"]!, now: now)
        _ = exact.remove(exactIDs["B"]!, now: now)
        check("B ends")
        now = now + .milliseconds(10)
        _ = fast.remove(fastIDs["C"]!, now: now)
        _ = exact.remove(exactIDs["C"]!, now: now)
        check("C ends")
    }
}
