import Testing
@testable import SchoolNet

/// The per-device blocks of ``DeviceActivity`` against a direct count.
@Suite struct DeviceActivityTests {
    /// Random starts and ends (in any order) of transfers of a few devices over overlapping
    /// routes, singles and cohorts mixed (each device's cohort of one size): after every step
    /// each resource's count equals the devices a direct count finds (a device counting its
    /// cohort while it has one there, else 1 while it has a transfer there), and the peak is
    /// the largest count seen. A device's routes cross up to 6 resources, more than a block
    /// holds: chains grow and shrink, their blocks freed and reused.
    @Test(arguments: [41, 42, 43] as [UInt64])
    func agreesWithADirectCount(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        let resources = 6, devices = 5
        let routes: [[Int]] = [[0, 1, 2], [0, 3], [4, 1, 5], [2], [5, 4, 3, 0]]
        var activity = DeviceActivity(resources: resources, nodes: devices)
        struct Transfer { var device: Int, route: Int, copies: Int32 }
        var open: [Transfer] = []
        var peak = Array(repeating: 0, count: resources)
        for _ in 0..<4000 {
            if open.isEmpty || rng.nextUnit() < 0.55 {
                let d = Int(rng.next() % UInt64(devices)), r = Int(rng.next() % UInt64(routes.count))
                let copies: Int32 = rng.nextUnit() < 0.2 ? Int32(2 + d % 3) : 1  // one cohort size per device
                for resource in routes[r] { activity.began(resource: resource, device: d, copies: copies) }
                open.append(Transfer(device: d, route: r, copies: copies))
            } else {
                let i = Int(rng.next() % UInt64(open.count))
                let t = open.remove(at: i)
                for r in routes[t.route] { activity.ended(resource: r, device: t.device, copies: t.copies) }
            }
            for r in 0..<resources {
                var expected = 0
                for d in 0..<devices {
                    let here = open.filter { $0.device == d && routes[$0.route].contains(r) }
                    let cohort = here.filter { $0.copies > 1 }.map { Int($0.copies) }.max()
                    expected += cohort ?? (here.isEmpty ? 0 : 1)
                }
                #expect(activity.current[r] == expected)
                peak[r] = max(peak[r], expected)
                #expect(activity.peak[r] == peak[r])
            }
            // Every block in use is on a chain and holds an entry; the rest are free.
            var chained = 0
            for d in 0..<devices {
                var b = activity.head[d]
                while b >= 0 {
                    #expect(activity.links[Int(b)].used > 0)
                    chained += 1
                    b = activity.links[Int(b)].next
                }
            }
            #expect(chained + activity.freeBlocks.count == activity.links.count)
        }
    }
}
