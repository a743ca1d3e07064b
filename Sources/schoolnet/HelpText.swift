/// `--help` text for each command (snapshot-tested).
enum HelpText {
    static let overview = """
    schoolnet — network capacity simulator for school connectivity

    Answers: which link gives way first, when, for whom, and what fixes it.

    USAGE
      schoolnet run [SCENARIO.json]     simulate (no file: the built-in 600-student elementary school)
      schoolnet validate SCENARIO.json  check a scenario without running it
      schoolnet explain SCENARIO.json   show every setting, with defaults and their sources
      schoolnet compare A.json B.json   run both with common random numbers; differences and significance
      schoolnet sweep SCENARIO.json --vary KEY=V1,V2,…   one row per value (or a grid with several --vary)
      schoolnet size SCENARIO.json --vary KEY=V1,V2,… [--costs C1,C2,…]
                                        smallest (cheapest) value meeting the scenario's targets
      schoolnet merge OUT/shard-*.json  combine the shard files of a run or sweep split with --shard
      schoolnet generate flowlog        write a synthetic district flow log and the scenario replaying it
      schoolnet completions bash|zsh|fish   print a shell completion script
      schoolnet help [COMMAND]          this text, or one command's (schoolnet with no arguments prints it too)

    OPTIONS (--name VALUE and --name=VALUE are the same)
      --seed N            scenario seed (default: the file's, else 1)
      --replications N    independent runs, reported as mean ± 95 % CI (default: the file's, else 1)
      --jobs N            parallel runs (default: all cores); results are identical for any N
      --set KEY=VALUE     override a scenario key, e.g. --set 'schools[0].access.down=2 Gbps'
      --vary KEY=V1,V2,…  sweep and size: the values to try
      --students N1,N2,…  size: the smallest value for each school size (students; classes per grade from --class-size, default 35)
      --days-share P      size: pass when at least P % of simulated days (replications) meet every target, each day on its own values
      --out DIR           where report files go (default: schoolnet-out; text is written there only when --out is given)
      --format LIST       text,json,csv,html (default: text on the terminal)
      --layout wide|long  CSV tables: a column per metric or resource (wide), or one value per row (long, for large networks)
      --quiet             no terminal summary or progress
      --shard I/N         run and sweep: run only shard I of N (numbered from 1), write OUT/shard-I-of-N.json
      --version           print the version

    Every report records the scenario as run: the file, each --set and --vary, the seed, the
    replications and the version ("As run: …" under the title; "run" in JSON; # lines atop a CSV).
    Files are written to a temporary file and renamed when complete: an interrupted or failed
    write leaves any earlier file as it was.

    EXIT CODES
      0 ran, all targets met (or none set)
      3 ran, a target missed anywhere (any replication summary, either side of compare, any sweep point, size found no option)
      2 bad input (scenario file or command line; nothing was run or written)
      1 internal error, or a report file could not be written (the earlier file is kept)
    """

    static func text(for command: CommandLineOptions.Command?) -> String {
        switch command {
        case .run?:
            return """
            schoolnet run [SCENARIO.json] [--seed N] [--replications N] [--jobs N] [--set KEY=VALUE]… [--out DIR] [--format LIST]
                          [--layout wide|long] [--quiet] [--shard I/N]

            Simulates the scenario (the built-in 600-student elementary school if no file is given)
            and prints what gives way first, what the lines carried (busiest minute, 95th percentile,
            devices at once), quality per activity against its targets, and a verdict.
            Files in --out (default schoolnet-out): result.txt (text, with an explicit --out), result.json,
            result.html, and for csv: result.csv (every metric, unit in the column name, a row per
            replication, then mean, ci95_half_width and target rows), utilisation.csv (every replication's
            utilisation per time bucket), design-load.csv (per link and replication: busiest minute, its
            95th percentile, devices at once; mean and ci95_half_width rows) and flows.csv for flow-log
            replays (one line per replayed flow, first replication). --layout long writes the CSV tables one value per row.
            Exit code 3 if a target is missed.
            With --shard I/N it runs only replications r with r mod N = I − 1 and writes them to
            OUT/shard-I-of-N.json; see 'schoolnet help merge'.

            """
        case .validate?:
            return "schoolnet validate SCENARIO.json [--set KEY=VALUE]…\n\nChecks the file: every key, unit and reference. Prints \"ok\" or the first problem (exit 2). Scenario files are JSON.\n"
        case .explain?:
            return "schoolnet explain SCENARIO.json [--set KEY=VALUE]… [--out DIR]\n\nPrints the resolved scenario: the network built, the activities, and every setting with its line in the file or its default and source. With --out, also writes DIR/explain.txt.\n"
        case .compare?:
            return """
            schoolnet compare A.json B.json [--replications N] [--seed N] [--jobs N] [--set KEY=VALUE]… [--out DIR] [--format LIST]
                              [--layout wide|long] [--quiet]

            Runs both scenarios with the same seeds (common random numbers) and reports each metric's difference B − A
            with a 95 % confidence interval and whether it is significant.
            Files in --out (default schoolnet-out), the difference table in each format asked for: compare.txt (text, with an
            explicit --out), compare.csv (a row per metric: activity, kind, metric with its unit, unit, A's and B's mean and
            95 % half-width, B − A with its 95 % interval, significant, better; --layout long: one value per row),
            compare.json and compare.html (the table with a caption of what is measured); and A.* and B.* as run writes result.*.
            Exit code 3 if either misses a target.

            """
        case .sweep?:
            return """
            schoolnet sweep SCENARIO.json --vary KEY=V1,V2,… [--vary KEY2=…] [--replications N] [--out DIR] [--format LIST]
                            [--layout wide|long] [--shard I/N]

            Runs the scenario once per value (a grid with several --vary) and prints a table of the metrics and the top bottleneck per point.
            Files: sweep.txt, sweep.csv, sweep.json, sweep.html (a chart per metric against the values, the target dashed).
            Exit code 3 if any point misses a target.
            With --shard I/N it runs only units u with u mod N = I − 1 — the (point, replication) pairs numbered
            point by point, first --vary slowest — and writes them to OUT/shard-I-of-N.json; see 'schoolnet help merge'.

            """
        case .generate?:
            return Commands.generateHelp
        case .size?:
            return "schoolnet size SCENARIO.json --vary KEY=V1,V2,… [--costs C1,C2,…] [--students N1,N2,… [--class-size N]] [--days-share P] [--replications N] [--out DIR] [--format LIST]\n\nTries the values in order of cost (or as listed) and reports the first that meets every target of the scenario, verified by a final run with fresh seeds, and shows that the option below it fails. Targets are judged on the means over the replications, or with --days-share P on each simulated day (replication) alone: an option passes when at least P % of the days meet every target. With --students, the scenario's first school (or the first row of a school list kept in a CSV file, whose schools --set and --vary then reach as schools[N]) is resized for each student count (its grades kept, its own students replaced; the fewest classes per grade within --class-size students, default 35; students spread evenly, rounded up) and the search runs for each: a table, and in size.html the curve of the smallest passing value against students. Files: size.txt, size.csv, size.json, size.html. Exit code 3 if no option passes or the verification fails (for any school size).\n"
        case .completions?:
            return """
            schoolnet completions bash|zsh|fish

            Prints a completion script for commands, options, --format and --layout values and scenario files:
              bash: source <(schoolnet completions bash)          (add the line to ~/.bashrc)
              zsh:  schoolnet completions zsh > "${fpath[1]}/_schoolnet"
              fish: schoolnet completions fish > ~/.config/fish/completions/schoolnet.fish

            """
        case .merge?:
            return mergeHelp
        case .help?, nil:
            return overview
        }
    }

    /// The help text of `merge`.
    static let mergeHelp = """
    schoolnet merge SHARD.json… [--out DIR] [--format LIST] [--quiet]

    Combines the shard files written by 'run … --shard I/N' or 'sweep … --shard I/N' (shards numbered
    from 1, so N machines run I = 1 … N) into the report the same command prints and writes without
    --shard, byte for byte, with the same exit code. Checks first that every shard 1/N … N/N is given
    exactly once and that all come from the same scenario, --set, --vary, --seed and --replications.
    Shard files carry every run's results but not the per-flow records of flow-log replays, so merge
    writes no flows.csv: run replication 1 unsharded with --format csv for that file.

    Any scheduler can spread the shards, e.g.:
      Slurm:      sbatch --array=1-8 --wrap 'schoolnet run city.json -r 40 --shard $SLURM_ARRAY_TASK_ID/8 --out shards'
      Kubernetes: an Indexed Job with --shard $((JOB_COMPLETION_INDEX + 1))/8
      GNU parallel: parallel schoolnet run city.json -r 40 --shard {}/8 --out shards ::: 1 2 3 4 5 6 7 8
    then: schoolnet merge shards/shard-*-of-8.json --format text,json,html --out out

    """
}
