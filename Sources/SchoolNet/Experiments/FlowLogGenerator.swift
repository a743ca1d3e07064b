import Foundation

/// Generates a synthetic district flow log (SchoolNet CSV) and the scenario that replays
/// it — for benchmarks and examples (`schoolnet generate flowlog`).
///
/// **District**: `schools` elementary schools `es1…esN`, 6 grades × 2 classes × 25
/// students, Wi-Fi, with a rotating mix of access lines: 1 Gbps best-effort fiber, 10 Gbps
/// best-effort fiber, 1 Gbps dedicated fiber, 10 Gbps SINET (every fourth school each).
///
/// **Background flows**: `flows` rows, Poisson arrivals over one hour (rate flows/3600 s),
/// each from a random service (office 60 %, video 25 %, update 10 %, cbt 5 %) to a random
/// class (one of its devices, round-robin at replay), lognormal sizes with mean 200 kB and
/// coefficient of variation 3 (heavy-tailed web/cloud objects; ESTIMATE).
/// **Storm**: at 30 min, `stormDevices` distinct devices (classes in school order) each
/// fetch a 2 MB test package from `cbt` at a uniform time within the same 30 s.
/// Rows are written in time order (the storm merged in).
///
/// Deterministic for a seed: one ``RandomStream`` per purpose.
public struct FlowLogGenerator: Sendable {
    /// Schools in the district.
    public var schools: Int
    /// Background flows.
    public var flows: Int
    /// Devices in the storm (at most the district's devices).
    public var stormDevices: Int
    /// Seed.
    public var seed: UInt64
    /// Classes per grade and students per class of every school.
    public static let grades = 6, classesPerGrade = 2, studentsPerClass = 25

    /// Creates a generator.
    public init(schools: Int, flows: Int, stormDevices: Int, seed: UInt64) {
        self.schools = schools
        self.flows = flows
        self.stormDevices = stormDevices
        self.seed = seed
    }

    /// Devices in the district.
    public var deviceCount: Int { schools * Self.grades * Self.classesPerGrade * Self.studentsPerClass }

    /// The scenario replaying `logFile` (a path relative to the scenario file).
    public func scenarioJSON(logFile: String) -> String {
        let lines = ["{\"type\": \"fiber\", \"service\": \"bestEffort\", \"down\": \"1 Gbps\"}",
                     "{\"type\": \"fiber\", \"service\": \"bestEffort\", \"down\": \"10 Gbps\"}",
                     "{\"type\": \"fiber\", \"service\": \"dedicated\", \"down\": \"1 Gbps\"}",
                     "{\"type\": \"sinet\", \"line\": \"10 Gbps\"}"]
        let list = (0..<schools).map { i in
            "    {\"name\": \"es\(i + 1)\", \"grades\": \(Self.grades), \"classesPerGrade\": \(Self.classesPerGrade), "
                + "\"studentsPerClass\": \(Self.studentsPerClass), \"access\": \(lines[i % lines.count])}"
        }.joined(separator: ",\n")
        return """
        {
          "name": "Generated district: \(schools) schools, \(flows) flows, storm of \(stormDevices) devices",
          "description": "schoolnet generate flowlog --schools \(schools) --flows \(flows) --storm-devices \(stormDevices) --seed \(seed)",
          "seed": \(seed),
          "day": {"start": "09:00", "end": "10:30"},
          "schools": [
        \(list)
          ],
          "activities": [
            {"activity": "flowLog", "name": "district log", "start": "09:00", "settings": {"file": "\(logFile)"}}
          ]
        }

        """
    }

    /// Writes the CSV rows, in time order, to `write` (called once per chunk of text).
    public func writeCSV(_ write: (String) throws -> Void) rethrows {
        let root = RandomStream(seed: seed)
        var arrivals = root.derived("arrivals"), pick = root.derived("endpoints"), sizes = root.derived("sizes")
        var stormRNG = root.derived("storm")
        let size = Distribution.lognormal(mean: 200_000, cv: 3)
        let classesPerSchool = Self.grades * Self.classesPerGrade
        // Storm rows: device k of the district at a uniform time in [1800, 1830) s, sorted.
        let storm = min(stormDevices, deviceCount)
        var stormTimes = (0..<storm).map { k in (1800 + 30 * stormRNG.nextUnit(), k) }
        stormTimes.sort { $0 < $1 }
        var s = 0
        var t = 0.0
        let rate = Double(flows) / 3600
        var chunk = "start,src,dst,bytes\n"
        func flush() throws { if chunk.utf8.count > 1 << 16 { try write(chunk); chunk = "" } }
        for _ in 0..<flows {
            t += -log(arrivals.nextOpenUnit()) / rate
            while s < stormTimes.count && stormTimes[s].0 <= t {
                chunk += stormRow(stormTimes[s].0, stormTimes[s].1, classesPerSchool: classesPerSchool)
                s += 1
                try flush()
            }
            let u = pick.nextUnit()
            let service = u < 0.6 ? "office" : (u < 0.85 ? "video" : (u < 0.95 ? "update" : "cbt"))
            let school = Int(pick.nextUnit() * Double(schools))
            let c = Int(pick.nextUnit() * Double(classesPerSchool))
            let bytes = max(1, Int64(size.sample(using: &sizes).rounded()))
            chunk += "\(Self.time(t)),\(service),es\(school + 1)/\(c / Self.classesPerGrade + 1)-\(c % Self.classesPerGrade + 1),\(bytes)\n"
            try flush()
        }
        while s < stormTimes.count {
            chunk += stormRow(stormTimes[s].0, stormTimes[s].1, classesPerSchool: classesPerSchool)
            s += 1
            try flush()
        }
        try write(chunk)
    }

    func stormRow(_ t: Double, _ k: Int, classesPerSchool: Int) -> String {
        let perSchool = classesPerSchool * Self.studentsPerClass
        let school = k / perSchool, c = (k % perSchool) / Self.studentsPerClass, d = k % Self.studentsPerClass
        return "\(Self.time(t)),cbt,es\(school + 1)/\(c / Self.classesPerGrade + 1)-\(c % Self.classesPerGrade + 1)/\(d + 1),2000000\n"
    }

    static func time(_ t: Double) -> String { String(format: "%.6f", t) }

    /// Writes `scenarioPath` and the log beside it (`NAME.csv` for `NAME.json`), each
    /// through a temporary file renamed into place (``OutputFile``), so nothing partial is
    /// left on error or interruption.
    ///
    /// - Returns: the log's path.
    /// - Throws: file-system errors.
    @discardableResult
    public func write(scenarioPath: String) throws -> String {
        let base = scenarioPath.hasSuffix(".json") ? String(scenarioPath.dropLast(5)) : scenarioPath
        let logPath = base + ".csv"
        var log = try OutputFile(path: logPath)
        writeCSV { log.write($0) }  // a write error is reported by commit()
        var scenario = try OutputFile(path: scenarioPath)
        scenario.write(scenarioJSON(logFile: (logPath as NSString).lastPathComponent))
        do { try log.commit() } catch {
            scenario.abandon()
            throw error
        }
        try scenario.commit()
        return logPath
    }
}
