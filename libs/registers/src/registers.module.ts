import { Module } from '@nestjs/common';
import { IdentityModule } from '@wian/identity';
import { DispatchService } from './dispatch.service.js';
import { DocumentFactory } from './document.factory.js';
import { DocumentsController } from './documents.controller.js';
import { FileStorage } from './file-storage.service.js';
import { FilesController } from './files.controller.js';
import { ReceiptService } from './receipt.service.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntries } from './register-entries.service.js';
import { ReceiptStampController } from './receipt-stamp.controller.js';
import { RegisterExportController } from './register-export.controller.js';
import { RegistersController } from './registers.controller.js';
import { RunningNumberService } from './running-number.service.js';

const SERVICES = [
  DispatchService,
  DocumentFactory,
  FileStorage,
  ReceiptService,
  RegisterDirectory,
  RegisterEntries,
  RunningNumberService,
];

/** Documents, registers and running numbers (no HTTP). */
@Module({
  imports: [IdentityModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class RegistersModule {}

/** The registers' endpoints, for the API app. */
@Module({
  imports: [RegistersModule],
  controllers: [
    RegistersController,
    ReceiptStampController,
    RegisterExportController,
    DocumentsController,
    FilesController,
  ],
})
export class RegistersHttpModule {}
