/// How a resource's buffer is served when the resource is saturated.
///
/// Assumptions: a saturated resource is one whose window-limited flows keep its buffer
/// occupied. With ``fifo`` (drop-tail) the buffer stays full, so every round trip of every
/// flow crossing the resource pays the whole standing queue, buffer / capacity. With
/// ``fqCodel`` (RFC 8290) CoDel holds each queue's sojourn time near its target
/// (``codelTarget``, 5 ms, RFC 8289 §4.3), so the standing queue is at most the target.
/// Delays are recomputed when the resource's state changes (at re-solves), never per event.
public enum QueueDiscipline: String, Sendable, CaseIterable {
    /// Drop-tail first-in first-out.
    case fifo
    /// Flow queueing with CoDel active queue management.
    case fqCodel = "fq_codel"

    /// CoDel's target sojourn time, seconds (RFC 8289 §4.3).
    public static let codelTarget = 0.005

    /// The standing-queue delay of a saturated resource, seconds.
    ///
    /// - Parameters:
    ///   - bufferBits: the buffer in front of the resource, bits.
    ///   - capacity: the resource's capacity, bits per second (positive).
    public func saturatedDelay(bufferBits: Double, capacity: Double) -> Double {
        let full = bufferBits / capacity
        switch self {
        case .fifo: return full
        case .fqCodel: return min(full, Self.codelTarget)
        }
    }
}
