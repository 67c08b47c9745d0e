import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { parse } from 'dotenv';
import { AppConfig } from './app-config.js';
import { ConfigError } from './config.error.js';
import { projectRoot } from './project-root.js';

const SECRET_NAMES = /URL|PASSWORD|SECRET|KEY|TOKEN/;

function readEnvFile(path: string): Record<string, string> {
  return existsSync(path) ? parse(readFileSync(path, 'utf8')) : {};
}

function describe(error: ValidationError): string {
  const shown = SECRET_NAMES.test(error.property) ? '(hidden)' : JSON.stringify(error.value);
  // class-validator starts each message with the property name; say it once.
  const rules = Object.values(error.constraints ?? {})
    .map((m) => (m.startsWith(`${error.property} `) ? m.slice(error.property.length + 1) : m))
    .reverse()
    .join('; ');
  return `${error.property} ${rules} (got ${error.value === undefined ? 'nothing' : shown})`;
}

export interface LoadConfigOptions {
  /** Read .env in the project root (default: yes, except when NODE_ENV=test). */
  readDotEnv?: boolean;
}

/**
 * Builds the typed configuration: shipped defaults (config/defaults.env), then .env in the
 * project root, then the process environment, each overriding the one before.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): AppConfig {
  const root = projectRoot();
  const merged: Record<string, string | undefined> = {
    ...readEnvFile(join(root, 'config', 'defaults.env')),
    ...((options.readDotEnv ?? env.NODE_ENV !== 'test') ? readEnvFile(join(root, '.env')) : {}),
  };
  for (const key of Object.keys(merged).concat(Object.keys(env))) {
    if (env[key] !== undefined) merged[key] = env[key];
  }
  const keys = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((m) => m.propertyName),
  );
  const picked = Object.fromEntries(Object.entries(merged).filter(([key]) => keys.has(key)));
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { forbidUnknownValues: true });
  const problems = errors.map(describe);
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === undefined) {
    problems.push(
      'JWT_SECRET is required in production (at least 32 characters; openssl rand -base64 48)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
