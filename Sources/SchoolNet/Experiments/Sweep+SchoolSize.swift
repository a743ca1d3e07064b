/// Sizing a school by its size: for each student count, the school's structure (grades ×
/// classes × students per class), then the sizing search (``Sweep/size(_:axis:costs:base:seed:replications:jobs:daysShare:search:progress:)``)
/// for that school, so a planner gets "the smallest line for a school of N students" for
/// a list of N.
///
/// **Assumptions**
/// - The school's grades stay as the scenario has them (6 for an elementary school); the
///   classes per grade are the fewest that keep every class within the class-size cap
///   (35 students by default: the standard for Japanese public elementary schools,
///   REFERENCES.md §1), and the students are spread evenly over them, rounded up — so the
///   simulated school has at least N students (the report gives the simulated count).
/// - Everything else — activities, timetable, targets, the line's options — is the
///   scenario's. Whatever share of classes is busy at once, and so any gain from
///   multiplexing in a larger school, comes from the scenario's activities as simulated,
///   never from a factor applied to the result.
///
/// **Validated by:** `SchoolSizeTests` (structure; the smallest passing line for two
/// school sizes on a hand-checkable download scenario).
extension Sweep {
    /// A school's structure for a student count.
    public struct SchoolStructure: Sendable, Equatable {
        /// The student count asked for.
        public var students: Int
        /// Grades (as in the scenario).
        public var grades: Int
        /// Classes per grade.
        public var classesPerGrade: Int
        /// Students per class.
        public var studentsPerClass: Int

        /// The structure for `students` over `grades`: the fewest classes per grade that
        /// keep classes within `maxClassSize`, students spread evenly and rounded up.
        ///
        /// - Precondition: every argument is at least 1.
        public init(students: Int, grades: Int, maxClassSize: Int) {
            precondition(students >= 1 && grades >= 1 && maxClassSize >= 1, "SchoolStructure: counts must be positive")
            self.students = students
            self.grades = grades
            let perGrade = (students + grades - 1) / grades
            classesPerGrade = (perGrade + maxClassSize - 1) / maxClassSize
            studentsPerClass = (perGrade + classesPerGrade - 1) / classesPerGrade
        }

        /// Students the simulated school has (≥ ``students``).
        public var simulatedStudents: Int { grades * classesPerGrade * studentsPerClass }

        /// The overrides that give school entry `school` this structure.
        func overrides(school: Int) throws -> [ScenarioOverride] {
            [try ScenarioOverride(path: "schools[\(school)].classesPerGrade", value: String(classesPerGrade), option: "--students"),
             try ScenarioOverride(path: "schools[\(school)].studentsPerClass", value: String(studentsPerClass), option: "--students")]
        }
    }

    /// One school size and its sizing.
    public struct SchoolSizing: Sendable {
        /// The school's structure.
        public var structure: SchoolStructure
        /// The search over the line's options for it.
        public var sizing: Sizing
    }

    /// Finds the smallest passing option for each student count.
    ///
    /// - Parameters:
    ///   - source: The scenario (its school entry `school` is resized).
    ///   - axis: The option varied (e.g. the line's speed), as for `size`.
    ///   - costs: The options' costs, or empty to try them as listed.
    ///   - base: Overrides applied first (`--set`).
    ///   - students: The student counts, each ≥ 1.
    ///   - school: The entry of the scenario's `schools` list to resize; 0 by default.
    ///   - maxClassSize: Students per class at most; 35 by default (REFERENCES.md §1).
    ///   - daysShare: The share of simulated days that must meet every target, or nil for
    ///     the means (see ``Point/meetsTargets(daysShare:)``).
    ///   - seed, replications, jobs: As for `size`; every school size uses the same seeds.
    ///   - search: How each size's search walks the options and days (``Search``);
    ///     ``Search/fast`` by default, the exhaustive search's answers. With
    ///     ``Search/fastFrom(_:)`` the first size starts at the given option and every later
    ///     size at the previous size's answer (the cheapest option after a size none passed),
    ///     under that case's assumption that pass/fail is monotone in the options' order.
    ///     Every size's search tries first the days likeliest to fail, from what they gave in
    ///     this size or the ones before it (the same seeds, so often the same busy days).
    ///   - progress: Called with a line per step.
    /// - Returns: One sizing per student count, in the order given, each answer verified on
    ///   fresh days. Every day runs on one pool of `jobs` threads (``DayPool``): the search's
    ///   days first, the answers' fresh days whenever a thread would otherwise wait (each
    ///   day's result is the one it has run alone).
    /// - Throws: ``ExperimentError`` for a count below 1 or a school entry that does not
    ///   exist; what `size` throws.
    public static func sizeBySchool(_ source: ScenarioSource, axis: Axis, costs: [Double], base: [ScenarioOverride],
                                    students: [Int], school: Int = 0, maxClassSize: Int = 35, daysShare: Double? = nil,
                                    seed: UInt64?, replications: Int?, jobs: Int, search: Search = .fast,
                                    progress: ((String) -> Void)? = nil) throws -> [SchoolSizing] {
        guard let bad = students.first(where: { $0 < 1 }) else {
            let scenario = try source.scenario(with: base)
            guard school >= 0 && school < scenario.schools.count else {
                throw ExperimentError("--students: the scenario has \(scenario.schools.count) schools; no school \(school)")
            }
            let source = try resizable(source, school: school)
            let grades = Set(scenario.schools[school].classes.map(\.grade)).count
            guard grades >= 1 else { throw ExperimentError("--students: school \(school) has no classes") }
            var out: [SchoolSizing] = []
            var verifications: [(overrides: [ScenarioOverride], keys: [DayPool.Key])?] = []
            var history = DayHistory()
            let pool = DayPool(jobs: jobs)
            defer { pool.close() }
            var next = search
            for n in students {
                let structure = SchoolStructure(students: n, grades: grades, maxClassSize: maxClassSize)
                progress?("school of \(n) students: \(grades) grades × \(structure.classesPerGrade) classes × "
                          + "\(structure.studentsPerClass) students")
                let o = base + (try structure.overrides(school: school))
                let sizing = try size(source, axis: axis, costs: costs, base: o, seed: seed, replications: replications, jobs: jobs,
                                      daysShare: daysShare, search: next, history: &history, pool: pool, progress: progress)
                if case .fastFrom = search { next = .fastFrom(sizing.chosen ?? 0) }
                out.append(SchoolSizing(structure: structure, sizing: sizing))
                // The answer's fresh days run whenever a thread has nothing of the search to do.
                verifications.append(try verificationRun(sizing, source: source, axis: axis, base: o, seed: seed).map { check in
                    (check.overrides, announceVerification(check, replications: replications, pool: pool, rank: out.count))
                })
            }
            if verifications.contains(where: { $0 != nil }) { progress?("verifying each size's answer with fresh seeds") }
            for (i, v) in verifications.enumerated() {
                guard let v else { continue }
                out[i].sizing.verification = point(overrides: v.overrides, runs: v.keys.map(pool.result))
            }
            return out
        }
        throw ExperimentError("--students expects counts of at least 1, found \(bad)")
    }

    /// `source` with school entry `school` open to resizing: a school list kept in a CSV
    /// file written into `schools` as JSON entries (so `schools[0].…` can be set, by the
    /// structure and by `--vary`/`--set`), and the entry's own `students` left out (the
    /// structure gives its classes and students per class instead).
    static func resizable(_ source: ScenarioSource, school: Int) throws -> ScenarioSource {
        var copy = try source.inliningSchoolTable()
        guard case .object(var members) = copy.document.root, let i = members.firstIndex(where: { $0.key == "schools" }),
              case .array(var entries) = members[i].value, school < entries.count,
              case .object(let entry) = entries[school], entry.contains(where: { $0.key == "students" }) else { return copy }
        entries[school] = .object(entry.filter { $0.key != "students" })
        members[i].value = .array(entries)
        do { copy.document = try JSONDocument(parsing: JSONValue.object(members).serialized()) } catch {
            preconditionFailure("resizable: serialized JSON does not parse: \(error)")
        }
        return copy
    }
}
