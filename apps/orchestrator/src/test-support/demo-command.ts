/** The scripted demo as the README shows it and `pnpm demo` runs it; cli.e2e.test.ts runs exactly these words. */
export const DEMO_ARGUMENTS = ['run', 'calculator', '--model', 'replay/demo'] as const;
