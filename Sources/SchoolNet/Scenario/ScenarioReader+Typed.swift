extension ScenarioReader {
    /// Runs `body` over this object, then ``finish()``, and reports any failure as a
    /// ``ScenarioError`` at this reader's key path (errors that are not already one — a
    /// unit parser's, say — are wrapped with their description). The one place workload
    /// settings readers turn untyped throws into the scenario's typed error.
    ///
    /// - Parameter body: reads the members and returns the value.
    /// - Returns: what `body` returns.
    /// - Throws: ``ScenarioError``.
    public func reading<T>(_ body: () throws -> T) throws(ScenarioError) -> T {
        do {
            let value = try body()
            try finish()
            return value
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw self.error("\(error)")
        }
    }
}
