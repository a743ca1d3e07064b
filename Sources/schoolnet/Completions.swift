/// Shell completion scripts: `schoolnet completions bash|zsh|fish` prints one, to be
/// sourced from the shell's start-up file (see `schoolnet help completions`). Commands,
/// options, `--format` and `--layout` values and scenario files (`*.json`) complete.
enum Completions {
    static var commands: [String] { CommandLineOptions.Command.allCases.map(\.rawValue) }
    static let formats = CommandLineOptions.Format.allCases.map(\.rawValue)
    static var options: [String] { CommandLineOptions.knownOptions }

    /// The script for `shell` (bash, zsh or fish; the parser has checked it).
    static func script(for shell: String) -> String {
        switch shell {
        case "zsh": return zsh
        case "fish": return fish
        default: return bash
        }
    }

    static var bash: String {
        """
        # bash completion for schoolnet: source <(schoolnet completions bash)
        _schoolnet() {
            local cur prev
            cur="${COMP_WORDS[COMP_CWORD]}"
            prev="${COMP_WORDS[COMP_CWORD-1]}"
            case "$prev" in
                --format|-f) COMPREPLY=($(compgen -W "\(formats.joined(separator: " ")) text,json,csv,html" -- "$cur")); return ;;
                --layout) COMPREPLY=($(compgen -W "wide long" -- "$cur")); return ;;
                --out|-o) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                completions) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
                help) COMPREPLY=($(compgen -W "\(commands.joined(separator: " "))" -- "$cur")); return ;;
                --seed|--replications|-r|--jobs|-j|--set|--vary|--costs|--students|--class-size|--days-share|--shard|--schools|--flows|--storm-devices) return ;;
            esac
            if [[ $COMP_CWORD -eq 1 && "$cur" != -* ]]; then
                COMPREPLY=($(compgen -W "\(commands.joined(separator: " "))" -- "$cur") $(compgen -f -X '!*.json' -- "$cur"))
            elif [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "\(options.joined(separator: " "))" -- "$cur"))
            else
                COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
            fi
        }
        complete -o filenames -F _schoolnet schoolnet

        """
    }

    static var zsh: String {
        """
        #compdef schoolnet
        # zsh completion for schoolnet: schoolnet completions zsh > "${fpath[1]}/_schoolnet" (or source <(schoolnet completions zsh))
        _schoolnet() {
            local -a commands
            commands=(\(commands.joined(separator: " ")))
            _arguments -s \\
                '1: :->first' \\
                '--seed=[scenario seed]:seed' \\
                '(-r --replications)'{-r,--replications}'=[independent runs]:count' \\
                '(-j --jobs)'{-j,--jobs}'=[parallel runs]:count' \\
                '*--set=[override a scenario key]:KEY=VALUE' \\
                '*--vary=[sweep or size a key]:KEY=V1,V2' \\
                '(-o --out)'{-o,--out}'=[output folder]:folder:_files -/' \\
                '(-f --format)'{-f,--format}'=[report formats]:format:(\(formats.joined(separator: " ")))' \\
                '--layout=[CSV layout]:layout:(wide long)' \\
                '--costs=[size: option costs]:costs' \\
                '--students=[size: school sizes]:N1,N2' \\
                '--class-size=[size: students per class at most]:count' \\
                '--days-share=[size: share of days meeting the targets]:percent' \\
                '--shard=[run only shard I of N]:I/N' \\
                '--schools=[generate: schools]:count' \\
                '--flows=[generate: flows]:count' \\
                '--storm-devices=[generate: storm devices]:count' \\
                '(-q --quiet)'{-q,--quiet}'[no terminal summary]' \\
                '(-h --help)'{-h,--help}'[help]' \\
                '(-V --version)'{-V,--version}'[version]' \\
                '*:scenario:_files -g "*.json"'
            case $state in
                first) _alternative 'commands:command:(\(commands.joined(separator: " ")))' 'files:scenario:_files -g "*.json"' ;;
            esac
        }
        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _schoolnet "$@"; else compdef _schoolnet schoolnet; fi

        """
    }

    static var fish: String {
        var s = "# fish completion for schoolnet: schoolnet completions fish > ~/.config/fish/completions/schoolnet.fish\n"
        s += "complete -c schoolnet -f\n"
        s += "complete -c schoolnet -n __fish_use_subcommand -a '\(commands.joined(separator: " "))'\n"
        s += "complete -c schoolnet -n '__fish_seen_subcommand_from completions' -a 'bash zsh fish'\n"
        s += "complete -c schoolnet -n '__fish_seen_subcommand_from help' -a '\(commands.joined(separator: " "))'\n"
        s += "complete -c schoolnet -a '(__fish_complete_suffix .json)'\n"
        for o in options {
            let name = String(o.dropFirst(2))
            switch name {
            case "format": s += "complete -c schoolnet -l format -s f -x -a '\(formats.joined(separator: " "))'\n"
            case "layout": s += "complete -c schoolnet -l layout -x -a 'wide long'\n"
            case "out": s += "complete -c schoolnet -l out -s o -r -a '(__fish_complete_directories)'\n"
            case "quiet": s += "complete -c schoolnet -l quiet -s q\n"
            case "help": s += "complete -c schoolnet -l help -s h\n"
            case "version": s += "complete -c schoolnet -l version -s V\n"
            case "replications": s += "complete -c schoolnet -l replications -s r -x\n"
            case "jobs": s += "complete -c schoolnet -l jobs -s j -x\n"
            default: s += "complete -c schoolnet -l \(name) -x\n"
            }
        }
        return s
    }
}
