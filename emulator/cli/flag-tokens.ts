/**
 * The command lines' one tokenizer: `--flag value` and `--flag=value`, switches, flags that may be
 * repeated. Each command keeps its own flag tables and turns the tokens into options; a rejection
 * names the flag and the rule.
 */
export interface FlagGrammar {
    /** Flags without a value (`--help`). */
    readonly switches: ReadonlySet<string>;
    /** Flags that take a value. */
    readonly valueFlags: ReadonlySet<string>;
    /** Value flags that may be given more than once. */
    readonly repeatable: ReadonlySet<string>;
}

export interface FlagTokens {
    /** Each value flag given, with its values in order. */
    readonly values: ReadonlyMap<string, readonly string[]>;
    readonly switches: ReadonlySet<string>;
}

export function tokenizeFlags(argv: readonly string[], grammar: FlagGrammar, fail: (message: string) => never): FlagTokens {
    const values = new Map<string, string[]>();
    const switches = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        if (grammar.switches.has(flag)) {
            if (eq > 0) fail(`${flag} takes no value`);
            switches.add(flag);
            continue;
        }
        if (!grammar.valueFlags.has(flag)) fail(arg.startsWith("-") ? `unknown flag ${flag}` : `unexpected argument ${JSON.stringify(arg)}`);
        let value: string;
        if (eq > 0) value = arg.slice(eq + 1);
        else {
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith("--") && next.length > 2)) fail(`${flag} needs a value`);
            value = next;
            i++;
        }
        const list = values.get(flag) ?? [];
        if (list.length > 0 && !grammar.repeatable.has(flag)) fail(`${flag} may be given only once`);
        list.push(value);
        values.set(flag, list);
    }
    return { values, switches };
}
