export { AppConfig, LOG_LEVELS, NODE_ENVIRONMENTS } from './app-config.js';
export type { LogLevel, NodeEnvironment } from './app-config.js';
export { ConfigError } from './config.error.js';
export { ConfigModule } from './config.module.js';
export { loadConfig } from './load-config.js';
export type { LoadConfigOptions } from './load-config.js';
export { projectRoot } from './project-root.js';
