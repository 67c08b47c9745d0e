import 'reflect-metadata';
import { AllInOneModule, exitOnStartupError, startHttpApp } from '@wian/app-core';

// API and worker in one process: what `npm start` runs on a single machine.
startHttpApp(AllInOneModule).catch(exitOnStartupError);
