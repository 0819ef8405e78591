/** `--name value` options of a benchmark's command line. */
export function benchOptions(argv: readonly string[] = process.argv.slice(2)) {
  const opt = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  return {
    opt,
    has: (name: string) => argv.includes(`--${name}`),
    /** The generated literature corpus's size and seed, page loads and rounds per load. */
    corpus: (defaults: { runs: number; rounds: number }) => ({
      docs: Number(opt('docs', '100000')),
      seed: Number(opt('seed', '1')),
      runs: Math.max(1, Number(opt('runs', String(defaults.runs)))),
      rounds: Math.max(1, Number(opt('rounds', String(defaults.rounds)))),
    }),
  };
}
