import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HierarchyHttpModule } from '@wian/hierarchy';
import { CoreModule } from './core.module.js';
import { HealthController } from './health.controller.js';

/** The HTTP API. */
@Module({
  imports: [CoreModule, TerminusModule, HierarchyHttpModule],
  controllers: [HealthController],
})
export class ApiModule {}
