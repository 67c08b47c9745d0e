export { DOCUMENT_TYPE_LABEL_TH, DOCUMENT_TYPES, SIGNATURE_CAPACITIES } from './document-type.js';
export type { DocumentType, SignatureCapacity } from './document-type.js';
export {
  DocumentAddressee,
  DocumentEnclosure,
  DocumentReference,
} from './document-parts.entity.js';
export { Document, DocumentSignature } from './document.entity.js';
export { DocumentFactory } from './document.factory.js';
export {
  DocumentInput,
  EnclosureInput,
  ReferenceInput,
  RegisterReceiptDto,
} from './document-input.dto.js';
export { validatedLetter } from './validated-input.js';
export type { StoredLetterParts } from './validated-input.js';
export { ReceiptService } from './receipt.service.js';
export type { ReceiptOutcome } from './receipt.service.js';
export { RegisterDirectory } from './register-directory.service.js';
export { RegisterEntries, type RegisterEntryInUse } from './register-entries.service.js';
export { RegisterEntry } from './register-entry.entity.js';
export { RegisterEntryView } from './register-entry.view.js';
export { Register } from './register.entity.js';
export { REGISTERS_ENTITIES } from './registers.entities.js';
export { RegistersHttpModule, RegistersModule } from './registers.module.js';
export { dispatchSeries, receiptSeries, RunningNumberService } from './running-number.service.js';
export { DispatchService } from './dispatch.service.js';
export {
  numberText,
  parseDeadlineField,
  parseInstantField,
  parseSecrecyField,
} from './field-parse.js';
export type { OutgoingSeries } from './dispatch.service.js';
export { ALLOWED_MEDIA_TYPES, FileStorage } from './file-storage.service.js';
export { ApiFileUpload, fileNameFromHeader, uploadedBytes } from './file-upload.js';
export { StoredFile } from './stored-file.entity.js';
