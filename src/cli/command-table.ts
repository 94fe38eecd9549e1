import type { CommandDeclaration } from "./command-line.js";

/**
 * Every command of `guideline` with its table of options, one declaration per option:
 * `readCommandLine` reads a command line against its table (strict: an undeclared option is an
 * error), and `--help` prints it. A new option is one more entry here; the command reads its
 * value, typed, from `input.options`. Kept free of heavy imports, so that reading a command line
 * does not load the compiler.
 */
export const commandTable = {
  check: {
    arguments: "[PATH...]",
    summary:
      "Checks guideline sources (default: every edition in guideline/) and prints the diagnostics and a summary; writes nothing. Exit 1 on errors.",
    options: {
      watch: {
        kind: "flag",
        description: "check again each time a .guideline file or the source document is saved, clearing the screen first; stop with Ctrl-C",
      },
      json: {
        kind: "flag",
        description:
          "print the diagnostics as one JSON document (LSP-like; see docs/cli.md#check---json) and nothing else on standard output",
      },
    },
  },
  test: {
    arguments: "[PATH...]",
    summary: "Runs the examples written in the sources; exit 1 if one fails or a rule fires in none.",
    options: {},
  },
  compile: {
    arguments: "[PATH...]",
    summary:
      "Checks, then writes the rule pack, facts schema, types and rulebook (default: each edition guideline/<year>/ to generated/<year>/, and generated/editions.json).",
    options: {
      out: {
        kind: "value",
        value: "DIR",
        description: "the folder to write to (default: generated/<year>/ for each edition, or generated/ for the paths given)",
      },
    },
  },
  rulebook: {
    arguments: "[PATH...]",
    summary: "Checks, then writes the reviewers' rulebook to DIR/rulebook/index.html.",
    options: {
      out: {
        kind: "value",
        value: "DIR",
        description: "the folder DIR (default: generated/<year>/ for each edition, or generated/ for the paths given)",
      },
    },
  },
  mutate: {
    arguments: "[PATH...]",
    summary:
      "Applies every single mutation of the source (default: the current edition) and lists those no example catches; exit 1 if one survives.",
    options: {},
  },
  fmt: {
    arguments: "[PATH...]",
    summary: "Rewrites sources in canonical form, keeping their comments.",
    options: {
      check: { kind: "flag", description: "write nothing; list the files not in canonical form, exit 1 if any" },
    },
  },
  diff: {
    arguments: "A B",
    summary:
      "What changed between two editions (guideline folders or edition years), and with --patients what it does to N generated patients.",
    options: {
      json: { kind: "flag", description: "print the differences as JSON" },
      patients: { kind: "value", value: "N", description: "also evaluate N generated patients with both editions (default: 0)" },
      seed: { kind: "value", value: "S", description: "the seed of the generated patients (default: 2019)" },
    },
  },
  "new-edition": {
    arguments: "YEAR",
    summary: "Starts guideline/<YEAR>/ from the current edition, ready to edit.",
    options: {},
  },
  "mark-current": {
    arguments: "YEAR",
    summary:
      "Makes YEAR the current edition in guideline/editions.json (the one evaluate and the package's stable exports use) once it checks without errors; then run compile.",
    options: {},
  },
  evaluate: {
    arguments: "[FILE]",
    summary:
      "Evaluates one patient's facts (a JSON file, or - for stdin) and prints the report; with --ndjson, one facts object per stdin line and one JSON report per output line.",
    options: {
      json: { kind: "flag", description: "print the report as JSON" },
      ndjson: { kind: "flag", description: "read one facts object per stdin line, write one JSON report per line" },
      fhir: {
        kind: "flag",
        description: "FILE is a FHIR R4 Bundle: read the facts from its resources (codes from the guideline), each traced in the report",
      },
      valueset: {
        kind: "value",
        value: "FILE",
        repeatable: true,
        description:
          "with --fhir: expanded ValueSets (a ValueSet or a Bundle of them; repeat for several): a record's code in the expansion of a guideline's code counts as that code",
      },
      edition: { kind: "value", value: "YEAR", description: "evaluate with that edition's bundled pack (default: the current edition)" },
      pack: { kind: "value", value: "FILE", description: "the rule pack to use instead of a bundled one; it must be signed" },
      "trust-key": {
        kind: "value",
        value: "FILE",
        repeatable: true,
        description: "a public key (PEM) trusted to sign packs (repeat for several)",
      },
      signature: { kind: "value", value: "FILE", description: "the pack's signature (default: FILE.sig next to the pack)" },
      unsigned: { kind: "flag", description: "run --pack without checking its signature (prints a warning)" },
      workers: { kind: "value", value: "N", description: "with --ndjson: spread the lines over N worker threads, answers in input order" },
      compact: {
        kind: "flag",
        description: "with --ndjson: write compact reports (rule ids without the repeated quotes; see docs/report.md)",
      },
      engine: {
        kind: "value",
        value: "NAME",
        description: "closures (default: the rules compiled to closures) or json-rules-engine (the stock Engine, the reference)",
      },
    },
  },
  ask: {
    arguments: "[FILE]",
    summary:
      "Asks, one at a time, the missing facts that can change the report (from the facts of FILE, or from none), in French on the terminal; evaluates again after each answer and prints the report when nothing left can change it.",
    options: {
      out: {
        kind: "value",
        value: "FILE",
        description: "write the facts gathered to FILE (JSON, for guideline evaluate FILE), atomically",
      },
    },
  },
  sign: {
    arguments: "PACK",
    summary:
      "Signs a rule pack with an Ed25519 private key (--key, or the GUIDELINE_SIGNING_KEY variable holding the PEM); writes PACK.sig.",
    options: {
      key: { kind: "value", value: "FILE", description: "the private key (PEM); default: the GUIDELINE_SIGNING_KEY variable" },
      out: { kind: "value", value: "FILE", description: "where to write the signature (default: PACK.sig)" },
    },
  },
  lsp: {
    arguments: "",
    summary:
      "Runs the language server of the guideline language over standard input and output, for an editor (see docs/editing.md#editor-setup).",
    options: {
      stdio: { kind: "flag", description: "talk over standard input and output (the only transport; editors pass it)" },
    },
  },
  serve: {
    arguments: "",
    summary:
      "Runs the CDS Hooks service on 127.0.0.1 (discovery at /cds-services, order-select and order-sign hooks answered with cards, /health, /rulebook) until stopped with Ctrl-C; logs JSON lines on standard output.",
    options: {
      port: {
        kind: "value",
        value: "N",
        description: "the port to listen on (default: 3000; 0: any free port, printed on standard error)",
      },
      edition: { kind: "value", value: "YEAR", description: "serve that edition's bundled pack (default: the current edition)" },
      "public-url": {
        kind: "value",
        value: "URL",
        description: "the address clients reach the service at, for the cards' links (default: http://127.0.0.1:PORT)",
      },
    },
  },
  explain: {
    arguments: "CODE",
    summary: "Explains a diagnostic code (GL2011): what it means, what to do, and an example that triggers it.",
    options: {},
  },
  help: {
    arguments: "[COMMAND]",
    summary: "Prints the list of commands, or the options of one command.",
    options: {},
  },
} as const satisfies { readonly [command: string]: CommandDeclaration };

/** The name of a command of {@link commandTable}. */
export type CommandName = keyof typeof commandTable;
