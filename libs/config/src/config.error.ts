/** Raised at boot when an environment variable is missing or malformed. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `wian cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Fix the variable in the environment or in .env (see config/.env.example).',
    );
    this.name = 'ConfigError';
  }
}
