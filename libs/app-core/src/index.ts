export { AllInOneModule } from './all-in-one.module.js';
export { ApiModule } from './api.module.js';
export { CoreModule } from './core.module.js';
export { ENTITIES } from './entities.js';
export { HealthController } from './health.controller.js';
export { exitOnStartupError, startHttpApp } from './start-http-app.js';
export type { StartOptions } from './start-http-app.js';
export { WorkerHeartbeat } from './worker-heartbeat.service.js';
export { StandaloneWorkerModule, WorkerModule } from './worker.module.js';
