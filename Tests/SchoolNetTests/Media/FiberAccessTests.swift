import Testing
@testable import SchoolNet

extension MediaTests {
    @Suite struct FiberAccessTests {
        @Test func dedicatedIgnoresHour() {
            let line = FiberAccess(service: .dedicated(downlink: .megabitsPerSecond(200), uplink: .megabitsPerSecond(100)))
            for h in [3, 8, 11, 20] {
                #expect(line.capacity(direction: .downlink, hour: h) == .megabitsPerSecond(200))
                #expect(line.capacity(direction: .uplink, hour: h) == .megabitsPerSecond(100))
            }
        }

        /// Default availability: 1.0 at 08–09, 139/151 = 0.9205 at 11–12 (REFERENCES.md §2 ratio),
        /// so a 1 Gbps line gives 1000 and 920.5 Mbps; tolerance 0.1 Mbps.
        @Test func bestEffortProfile() {
            let line = FiberAccess.bestEffort1G()
            #expect(line.capacity(direction: .downlink, hour: 8) == .gigabitsPerSecond(1))
            #expect(abs(line.capacity(direction: .downlink, hour: 11).megabitsPerSecond - 920.5) < 0.1)
            #expect(FiberAccess.defaultAvailability.isFraction)
            // Asymmetric nominal rates are kept per direction.
            let asym = FiberAccess(service: .bestEffort(downlink: .gigabitsPerSecond(1), uplink: .megabitsPerSecond(100),
                                                        availability: .constant(0.5)))
            #expect(asym.capacity(direction: .uplink, hour: 10) == .megabitsPerSecond(50))
        }

        /// PPPoE: 1 Gbps unit, 5000 subscribers, 0.4 % active at 10 h ⇒ 20 active + school =
        /// 21 sessions ⇒ 47.62 Mbps, below the 920 Mbps line; evening 1 % ⇒ 1000/51 = 19.61 Mbps.
        @Test func pppoeLimitedByTermination() {
            let line = FiberAccess.bestEffort1G(session: .pppoe(PPPoETermination()))
            #expect(abs(line.capacity(direction: .downlink, hour: 10).megabitsPerSecond - 1000.0 / 21) < 1e-6)
            #expect(abs(line.capacity(direction: .downlink, hour: 21).megabitsPerSecond - 1000.0 / 51) < 1e-6)
            // An idle unit does not limit below the line.
            let idle = FiberAccess.bestEffort1G(session: .pppoe(PPPoETermination(activeFraction: .constant(0))))
            #expect(idle.capacity(direction: .downlink, hour: 8) == .gigabitsPerSecond(1))
        }

        @Test func ipoeBypassesTermination() {
            let ipoe = FiberAccess.bestEffort1G(session: .ipoe)
            let pppoe = FiberAccess.bestEffort1G(session: .pppoe(PPPoETermination()))
            #expect(ipoe.capacity(direction: .downlink, hour: 10) > pppoe.capacity(direction: .downlink, hour: 10) * 10)
        }
    }
}
