import 'reflect-metadata';
import { ApiModule, exitOnStartupError, startHttpApp } from '@wian/app-core';

// The HTTP API alone; run workers beside it with `npm run start:worker`.
startHttpApp(ApiModule).catch(exitOnStartupError);
