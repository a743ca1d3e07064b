import Testing
@testable import SchoolNet

/// The solver's reference-semantics array (`Column`): growth, removal, shared writes
/// through copies, iteration, and the deep copy.
@Suite struct ColumnTests {
    /// Appending far past the initial capacity keeps every element, in order, and the
    /// capacity grows geometrically (amortised O(1) appends).
    @Test func appendGrows() {
        let c = Column<Int64>()
        var reference: [Int64] = []
        var grows = 0, lastCapacity = c.capacity
        for i in 0..<10_000 {
            c.append(Int64(i) * 3 - 7)
            reference.append(Int64(i) * 3 - 7)
            if c.capacity != lastCapacity {
                #expect(c.capacity >= 2 * lastCapacity)
                grows += 1
                lastCapacity = c.capacity
            }
        }
        #expect(Array(c) == reference)
        #expect(c.count == 10_000 && c.first == -7 && c.last == 9_999 * 3 - 7)
        #expect(grows < 20)
    }

    /// Initialisers: literal, repeating, from a sequence; the bulk appends.
    @Test func initialisersAndBulkAppends() {
        let a: Column<Int32> = [4, 5, 6]
        #expect(Array(a) == [4, 5, 6])
        let b = Column(repeating: 1.5, count: 5)
        #expect(Array(b) == [1.5, 1.5, 1.5, 1.5, 1.5])
        let c = Column<UInt8>(0..<200)
        #expect(Array(c) == Array(0..<200))
        c.append(7, count: 100)
        #expect(c.count == 300 && c[199] == 199 && c[200] == 7 && c[299] == 7)
        c.append(7, count: 0)
        #expect(c.count == 300)
        c.append(contentsOf: repeatElement(9, count: 3))
        #expect(Array(c.suffix(4)) == [7, 9, 9, 9])
        let empty: Column<Bool> = []
        #expect(empty.isEmpty && empty.first == nil && empty.last == nil)
    }

    /// Removing every element keeping capacity keeps the allocation (the scratch lists are
    /// emptied per event); without it the memory is released.
    @Test func removeAllKeepingCapacity() {
        let c = Column<Double>()
        for i in 0..<1_000 { c.append(Double(i)) }
        let capacity = c.capacity, base = c.base
        c.removeAll(keepingCapacity: true)
        #expect(c.isEmpty && c.capacity == capacity && c.base == base)
        c.append(2.5)
        #expect(Array(c) == [2.5])
        c.removeAll()
        #expect(c.isEmpty && c.capacity < capacity)
        c.append(1)
        #expect(Array(c) == [1])
    }

    /// removeLast, popLast, remove(at:).
    @Test func removals() {
        let c: Column<Int32> = [1, 2, 3, 4, 5]
        #expect(c.removeLast() == 5)
        #expect(c.popLast() == 4)
        #expect(c.remove(at: 0) == 1)
        #expect(Array(c) == [2, 3])
        c.removeLast(2)
        #expect(c.popLast() == nil)
    }

    /// Writes, appends and removals through any handle are seen through every other: the
    /// setter is nonmutating (a `let` handle writes), copies share storage, even across
    /// growth; `copy()` makes independent storage.
    @Test func copiesShareStorage() {
        let a: Column<Int32> = [0, 0, 0]
        a[1] = 5  // nonmutating set through a let
        let b = a
        b[2] = 7
        #expect(Array(a) == [0, 5, 7])
        for i in 0..<100 { b.append(Int32(i)) }  // grows the shared storage
        #expect(a.count == 103 && a[102] == 99)
        let c = a.copy()
        c[0] = -1
        c.append(1)
        #expect(a[0] == 0 && a.count == 103)
        #expect(c[0] == -1 && c.count == 104 && Array(c.dropFirst()) == Array(a.dropFirst()) + [1])

        struct Holder { var column: Column<Int32> = [] }
        let h1 = Holder()
        let h2 = h1  // a value holding a column shares it too (the documented hazard)
        h2.column.append(3)
        #expect(h1.column.count == 1)
    }

    /// Iteration visits the elements present when it starts; elements appended meanwhile
    /// are not visited (as with an array's copy-on-write snapshot).
    @Test func iterationEndFixedAtStart() {
        let c: Column<Int32> = [1, 2, 3]
        var seen: [Int32] = []
        for x in c {
            seen.append(x)
            c.append(x * 10)
        }
        #expect(seen == [1, 2, 3])
        #expect(Array(c) == [1, 2, 3, 10, 20, 30])
        #expect(c.reduce(0, +) == 66)
        #expect(c.indices == 0..<6)
    }

    /// Sorting in place, and element types that are plain structs.
    @Test func sortsStructElements() {
        let c = Column<CappedEntry>()
        for (i, level) in [3.0, 1.0, 2.0, 1.0].enumerated() { c.append(CappedEntry(level: level, flow: Int32(i))) }
        c.sort { $0.precedes($1) }
        #expect(c.map(\.flow) == [1, 3, 2, 0])
    }

    /// Many columns created and dropped (each owns its memory; deinit frees it).
    @Test func manyShortLivedColumns() {
        var total = 0
        for n in 0..<2_000 {
            let c = Column(repeating: Int64(n), count: n % 50)
            c.append(1)
            total += c.count
        }
        #expect(total == (0..<2_000).reduce(0) { $0 + $1 % 50 + 1 })
    }
}
