import {
  DocumentAddressee,
  DocumentEnclosure,
  DocumentReference,
} from './document-parts.entity.js';
import { Document } from './document.entity.js';
import { RegisterEntry } from './register-entry.entity.js';
import { Register } from './register.entity.js';
import { RunningNumber } from './running-number.entity.js';
import { StoredFile } from './stored-file.entity.js';

export const REGISTERS_ENTITIES = [
  Document,
  DocumentAddressee,
  DocumentReference,
  DocumentEnclosure,
  Register,
  RegisterEntry,
  RunningNumber,
  StoredFile,
];
