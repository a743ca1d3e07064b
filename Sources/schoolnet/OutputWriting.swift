import Foundation
import SchoolNet

/// Where and how the commands write their files: every file through ``OutputFile`` (a
/// temporary file renamed into place), every report recording the scenario as run
/// (``RunRecord``).
extension Commands {
    /// The --out folder (default schoolnet-out), created if need be.
    func outputFolder() throws -> String {
        let dir = options.outDirectory ?? "schoolnet-out"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw UsageError("cannot create the output folder \"\(dir)\": \(error.localizedDescription)")
        }
        return dir
    }

    /// Writes `text` to `DIR/name` atomically and says so.
    func writeOutput(_ text: String, named name: String) throws {
        let path = (try outputFolder() as NSString).appendingPathComponent(name)
        try OutputFile.write(text, to: path)
        if !options.quiet { messages("wrote \(path)") }
    }

    /// Writes `DIR/name` atomically as `body` renders it (a large table is never held in
    /// memory whole) and says so.
    func writeStreamed(named name: String, _ body: (inout OutputFile) -> Void) throws {
        let path = (try outputFolder() as NSString).appendingPathComponent(name)
        try OutputFile.write(to: path) { body(&$0) }
        if !options.quiet { messages("wrote \(path)") }
    }

    /// Prints a text report (unless --quiet) and, with an explicit --out, writes it as
    /// `DIR/name` too.
    func emitText(_ text: String, named name: String) throws {
        guard options.formats.contains(.text) else { return }
        if !options.quiet { output(text) }
        if options.outDirectory != nil { try writeOutput(text, named: name) }
    }

    /// The run's record: the file, --set, the seed and replications actually used.
    func record(_ src: ScenarioSource, _ scenario: Scenario) -> RunRecord {
        RunRecord(file: src.file, sets: options.sets, seed: options.seed ?? scenario.seed,
                  replications: options.replications ?? scenario.replications)
    }

    /// The terminal summary with the scenario as run under its title.
    static func text(_ result: MultiRunResult, record: RunRecord?) -> String {
        let text = TextReport.render(result)
        guard let record, let nl = text.firstIndex(of: "\n") else { return text }
        return String(text[...nl]) + record.line + "\n" + text[text.index(after: nl)...]
    }

    /// The JSON result with the `"run"` object.
    static func json(_ result: MultiRunResult, record: RunRecord?) -> String {
        guard let record, case .object(var members) = JSONReport.value(result) else { return JSONReport.render(result) }
        members.append(("run", record.json))
        return JSONValue.object(members).serialized(sortedKeys: true, pretty: true) + "\n"
    }

    /// The HTML report with the scenario as run in its header.
    static func html(_ result: MultiRunResult, record: RunRecord?) -> String {
        let page = HTMLReport.render(result)
        guard let record, let end = page.range(of: "</header>") else { return page }
        return page.replacingCharacters(in: end, with: "<p class=\"meta run\">" + HTMLReport.escape(record.line) + "</p>\n</header>")
    }

    /// Prints and writes the reports of one scenario's replications: `NAME.txt` (with an
    /// explicit --out), `NAME.json`, `NAME.html`, and for csv `NAME.csv` (metrics per
    /// replication), `NAME-utilisation.csv` … (`utilisation.csv` for `result`),
    /// `NAME-design-load.csv` (`design-load.csv`) and
    /// `flows.csv` for flow-log replays.
    func writeReports(_ result: MultiRunResult, record: RunRecord?, name: String = "result") throws {
        if options.formats.contains(.text) { try emitText(Self.text(result, record: record), named: "\(name).txt") }
        let prefix = name == "result" ? "" : "\(name)-"
        for f in options.formats {
            switch f {
            case .text: continue
            case .json: try writeOutput(Self.json(result, record: record), named: "\(name).json")
            case .html: try writeOutput(Self.html(result, record: record), named: "\(name).html")
            case .csv:
                try writeOutput(CSVReport.metrics(result, record: record, layout: options.layout), named: "\(name).csv")
                try writeStreamed(named: "\(prefix)utilisation.csv") { CSVReport.utilisationTable(result, record: record, layout: options.layout, to: &$0) }
                try writeOutput(CSVReport.designLoad(result, record: record, layout: options.layout), named: "\(prefix)design-load.csv")
                if !result.runs[0].flowLogs.isEmpty {
                    // One line per replayed row of the first replication, streamed to the file.
                    try writeStreamed(named: "\(prefix)flows.csv") { file in
                        file.write(CSVReport.byteOrderMark + (record?.csvComments() ?? ""))
                        CSVReport.flows(result.runs[0], byteOrderMark: false, to: &file)
                    }
                }
            }
        }
    }
}
