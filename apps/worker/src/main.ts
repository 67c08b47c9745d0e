import 'reflect-metadata';
import { exitOnStartupError, StandaloneWorkerModule, startHttpApp } from '@wian/app-core';

// Queue processors alone (scale by running more), with a health endpoint of their own.
startHttpApp(StandaloneWorkerModule, { port: (c) => c.WORKER_HEALTH_PORT, api: false }).catch(
  exitOnStartupError,
);
