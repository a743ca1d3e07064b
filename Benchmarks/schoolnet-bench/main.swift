import SchoolNet
import Foundation

// Temporary: hold-model timing while the harness is built.
func hold(_ p: Int, holds: Int) -> Double {
    var q = EventQueue<UInt32>(reservingCapacity: p)
    var rng = RandomStream(seed: 1)
    for i in 0..<p { q.schedule(UInt32(i), at: SimTime(nanoseconds: Int64(-1e9 * log(rng.nextOpenUnit())))) }
    let start = DispatchTime.now().uptimeNanoseconds
    var sum: UInt64 = 0
    for _ in 0..<holds {
        let e = q.popNext()!
        sum &+= UInt64(e.payload)
        let d = Int64(-1e9 * log(rng.nextOpenUnit()))
        q.schedule(e.payload, at: SimTime(nanoseconds: e.time.nanoseconds + d))
    }
    let end = DispatchTime.now().uptimeNanoseconds
    if sum == 42 { print("") }
    return Double(end - start) / Double(holds)
}
for p in [1000, 100_000, 1_000_000] {
    print(p, hold(p, holds: 5_000_000))
}
