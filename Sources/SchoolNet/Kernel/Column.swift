/// A growable array of plain values with **reference semantics** and no copy-on-write:
/// the flat per-flow, per-resource and per-pair arrays of the solver and its heaps.
///
/// ## Why
/// The solver lives in a struct reached through a class (`Simulation` → `network` →
/// `solver`), so every element write to a `ContiguousArray` field checks that the buffer is
/// uniquely referenced, through a runtime call (`swift_isUniquelyReferenced_nonNull_native`,
/// ~6 % of a school day's instructions before this type). A column's element write is a
/// load of its buffer pointer and a store: no uniqueness check, no bounds check in release
/// builds (`assert` checks bounds in debug builds).
///
/// ## Semantics (read before copying a value that holds one)
/// - **Copies share storage.** `let b = a` makes `b` another handle on `a`'s elements:
///   writes, appends and removals through either are seen by both. A type that stores
///   columns (``Network``, ``FlowSolver``, ``FlowObserver``, ``IndexedHeap``, ``TagHeaps``,
///   ``IndexTable``) must not be copied and then mutated as two independent values; a
///   snapshot needs ``copy()`` (or `Array(column)`). Assigning a new column to a field
///   replaces the handle: other handles keep the old storage.
/// - Every mutating operation is `nonmutating` (it changes the shared storage, not the
///   handle), so a `let` handle can be written through. Outside the module only reading is
///   visible (the subscript's setter and the mutating methods are internal), so a public
///   `private(set)` column stays read-only for clients.
/// - Iteration visits the elements present when it starts (the end is fixed then), reading
///   each element when it is reached; appending while iterating is allowed (the new
///   elements are not visited), removing is not.
/// - `Element` is `BitwiseCopyable`: elements need no deinitialisation and move by memory
///   copy on growth; the storage frees only its memory.
///
/// **Sendable**: a column is `@unchecked Sendable` so that the value types that hold
/// results (``FlowObserver``) can keep their conformance. It is sound only under the rule the
/// simulator follows: a column (the simulation holding it) is mutated by one task at a time,
/// and read by another task only after that task's last write (a replication's results are
/// read after its run). Two tasks must never write through handles on one storage.
///
/// **Validated by**: `ColumnTests` (growth, removal keeping capacity, shared writes through
/// copies, iteration end fixed at the start, copy independence).
///
/// - Complexity: subscript O(1); ``append(_:)`` amortised O(1) (capacity doubles).
public struct Column<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    /// Owns the memory; the handle reads its fields without dynamic exclusivity checks
    /// (every access is a plain load or store, serialised by the single-writer rule above).
    @usableFromInline final class Storage {
        @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<Element>
        @exclusivity(unchecked) @usableFromInline var count: Int
        @exclusivity(unchecked) @usableFromInline var capacity: Int

        @inlinable init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            base = .allocate(capacity: self.capacity)
            count = 0
        }

        deinit { base.deallocate() }  // elements are BitwiseCopyable: nothing to deinitialise

        /// Makes room for at least `n` elements (doubling, so appends are amortised O(1)).
        @inlinable @inline(never)
        func grow(toAtLeast n: Int) {
            let newCapacity = Swift.max(n, 2 * capacity)
            let p = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
            p.moveInitialize(from: base, count: count)
            base.deallocate()
            base = p
            capacity = newCapacity
        }
    }

    @usableFromInline let storage: Storage

    /// Creates an empty column.
    @inlinable public init() { storage = Storage(capacity: 4) }

    /// Creates a column of `count` copies of `value`.
    @inlinable public init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        storage.count = count
    }

    /// Creates a column holding the elements of `s`, in order.
    @inlinable public init<S: Sequence>(_ s: S) where S.Element == Element {
        storage = Storage(capacity: s.underestimatedCount)
        for e in s { append(e) }
    }

    /// A new column with the same elements and storage of its own (the deep copy a
    /// snapshot needs; plain assignment shares storage).
    @inlinable public func copy() -> Column {
        let c = Column()
        c.reserveCapacity(count)
        c.storage.base.initialize(from: storage.base, count: count)
        c.storage.count = count
        return c
    }

    // MARK: Reading

    public typealias Index = Int
    public typealias Indices = Range<Int>

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    /// The number of elements.
    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.count == 0 }
    @inlinable public var indices: Range<Int> { 0..<storage.count }
    /// Elements the storage holds before it grows.
    @inlinable public var capacity: Int { storage.capacity }
    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }

    /// The element at `i` (bounds checked in debug builds only). Writing is internal.
    @inlinable public internal(set) subscript(i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < storage.count, "Column index out of range")
            return storage.base[i]
        }
        @inline(__always) nonmutating set {
            assert(i >= 0 && i < storage.count, "Column index out of range")
            storage.base[i] = newValue
        }
    }

    @inlinable public var first: Element? { storage.count > 0 ? storage.base[0] : nil }
    @inlinable public var last: Element? { storage.count > 0 ? storage.base[storage.count - 1] : nil }

    /// Iterates the elements present when iteration starts (see the type's doc comment).
    public struct Iterator: IteratorProtocol {
        @usableFromInline let storage: Storage
        @usableFromInline var i: Int
        @usableFromInline let end: Int
        @inlinable init(storage: Storage) { self.storage = storage; i = 0; end = storage.count }
        @inlinable public mutating func next() -> Element? {
            guard i < end else { return nil }
            assert(end <= storage.count, "Column shrank while iterated")
            defer { i += 1 }
            return storage.base[i]
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(storage: storage) }

    @inlinable public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Runs `body` on the elements as a raw buffer (valid only during the call).
    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    // MARK: Writing (internal: clients of the module only read)

    /// The first element's address: valid until the column grows or is emptied without
    /// keeping capacity.
    @inlinable var base: UnsafeMutablePointer<Element> { storage.base }

    /// Runs `body` on the elements as a raw mutable buffer (valid only during the call; the
    /// column must not grow meanwhile).
    @inlinable func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }

    /// Makes room for `n` elements without further allocation.
    @inlinable func reserveCapacity(_ n: Int) {
        if n > storage.capacity { storage.grow(toAtLeast: n) }
    }

    /// Appends `e`.
    @inlinable @inline(__always) func append(_ e: Element) {
        let s = storage
        if s.count == s.capacity { s.grow(toAtLeast: s.count + 1) }
        (s.base + s.count).initialize(to: e)
        s.count += 1
    }

    /// Appends the elements of `s`, in order.
    @inlinable func append<S: Sequence>(contentsOf s: S) where S.Element == Element {
        reserveCapacity(count + s.underestimatedCount)
        for e in s { append(e) }
    }

    /// Appends `n` copies of `value` (`append(contentsOf: repeatElement(value, count: n))`
    /// without the generic loop).
    @inlinable func append(_ value: Element, count n: Int) {
        guard n > 0 else { return }
        reserveCapacity(count + n)
        (storage.base + storage.count).initialize(repeating: value, count: n)
        storage.count += n
    }

    /// Removes and returns the last element (the column must not be empty).
    @inlinable @discardableResult func removeLast() -> Element {
        precondition(storage.count > 0, "removeLast on an empty Column")
        storage.count -= 1
        return storage.base[storage.count]
    }

    /// Removes and returns the last element, or nil if empty.
    @inlinable func popLast() -> Element? {
        storage.count > 0 ? removeLast() : nil
    }

    /// Removes the last `k` elements.
    @inlinable func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= storage.count, "removeLast: not that many elements")
        storage.count -= k
    }

    /// Removes and returns the element at `i`, shifting the later ones down (O(count − i)).
    @inlinable @discardableResult func remove(at i: Int) -> Element {
        precondition(i >= 0 && i < storage.count, "Column index out of range")
        let e = storage.base[i]
        (storage.base + i).update(from: storage.base + i + 1, count: storage.count - i - 1)
        storage.count -= 1
        return e
    }

    /// Removes every element; frees the memory (down to a small allocation) unless
    /// `keepingCapacity`.
    @inlinable func removeAll(keepingCapacity: Bool = false) {
        storage.count = 0
        if !keepingCapacity && storage.capacity > 4 {
            let p = UnsafeMutablePointer<Element>.allocate(capacity: 4)
            storage.base.deallocate()
            storage.base = p
            storage.capacity = 4
        }
    }

    /// Sorts the elements in place by `areInIncreasingOrder` (the standard library's sort).
    @inlinable func sort(by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows {
        try withUnsafeMutableBufferPointer { b in
            var b = b
            try b.sort(by: areInIncreasingOrder)
        }
    }
}

extension Column: ExpressibleByArrayLiteral {
    /// Creates a column from a literal (`var c: Column<Int32> = []`).
    @inlinable public init(arrayLiteral elements: Element...) { self.init(elements) }
}
