import { Module } from '@nestjs/common';
import { HierarchyModule } from './hierarchy.module.js';
import { OrganisationController } from './organisation.controller.js';

/** The organisation endpoints, for the API app. */
@Module({
  imports: [HierarchyModule],
  controllers: [OrganisationController],
})
export class HierarchyHttpModule {}
