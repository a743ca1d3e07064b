import Testing
@testable import SchoolNet

extension MediaTests {
    @Suite struct SINETAccessTests {
        /// ESP tunnel AES-GCM at MTU 1500: 1500 − 20 (IP) − 8 (ESP) − 8 (IV) − 16 (ICV) = 1448 bytes
        /// for payload + padding + 2-byte trailer, 4-aligned ⇒ 1446-byte inner packets, 96.40 %.
        /// With NAT-T (+8 UDP): 1440 ⇒ 1438 bytes, 95.87 %.
        @Test func ipsecOverhead() {
            #expect(VPNEncapsulation.ipsecTunnelAESGCM.largestInnerPacket(mtu: .bytes(1500)) == .bytes(1446))
            #expect(VPNEncapsulation.ipsecTunnelAESGCMNATTraversal.largestInnerPacket(mtu: .bytes(1500)) == .bytes(1438))
            #expect(abs(VPNEncapsulation.ipsecTunnelAESGCM.efficiency() - 1446.0 / 1500) < 1e-12)
            #expect(VPNEncapsulation.none.efficiency() == 1)
            #expect(VPNEncapsulation.fixed(overheadBytes: 24).largestInnerPacket(mtu: .bytes(1500)) == .bytes(1476))
        }

        /// 10 Gbps access (Himeji, REFERENCES.md §5) with IPsec: 10 × 0.964 = 9.64 Gbps; a 1 Gbps line 0.964.
        @Test func capacityIsMinTimesVPN() {
            let himeji = SINETAccess(accessLine: .gigabitsPerSecond(10))
            #expect(abs(himeji.capacity.bitsPerSecond / 9.64e9 - 1) < 1e-12)
            let okinawa = SINETAccess(accessLine: .gigabitsPerSecond(200), backbone: .gigabitsPerSecond(100), vpn: .none)
            #expect(okinawa.capacity == .gigabitsPerSecond(100))
        }

        /// 5 µs/km one way ⇒ 100 km is 0.5 ms one way, 1 ms RTT (REFERENCES.md §5).
        @Test func propagation() {
            #expect(SINETAccess.propagationDelay(distanceKm: 100) == .microseconds(500))
            let s = SINETAccess(accessLine: .gigabitsPerSecond(1), accessDistanceKm: 20)
            #expect(s.oneWayDelay(backboneDistanceKm: 480) == .milliseconds(2.5))
        }

        @Test func egressPolicy() {
            let p = EgressPolicy(rules: [.init(destination: "mexcbt", route: .sinet),
                                         .init(destination: "mexcbt", route: .commercialISP)])
            #expect(p.route(for: "mexcbt") == .sinet)
            #expect(p.route(for: "youtube") == .commercialISP)
        }
    }
}
