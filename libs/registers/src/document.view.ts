import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  DocumentAddressee,
  DocumentEnclosure,
  DocumentReference,
} from './document-parts.entity.js';
import { Document } from './document.entity.js';
import { RegisterEntryView } from './register-entry.view.js';

/** A document with its parts and its printed Thai forms: its columns, not its relations. */
export class DocumentView extends OmitType(Document, ['issuingOrganisation']) {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'ที่ มท ๐๘๑๐.๗/ว ๓๐๗',
    description: 'The number as printed (Thai digits, with ที่); null before numbering',
  })
  numberTh!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '๖ มีนาคม ๒๕๖๖' })
  letterDateTh!: string | null;

  @ApiProperty({ type: () => [DocumentAddressee], description: 'เรียน: who it is addressed to' })
  addressees!: DocumentAddressee[];

  @ApiProperty({ type: () => [DocumentReference], description: 'อ้างถึง, in order' })
  references!: DocumentReference[];

  @ApiProperty({ type: () => [DocumentEnclosure], description: 'สิ่งที่ส่งมาด้วย, in order' })
  enclosures!: DocumentEnclosure[];
}

/** A dispatched letter and the line its number was taken from. */
export class DispatchedDocumentView {
  @ApiProperty({ type: () => DocumentView, description: 'As GET /documents/{id} answers it' })
  document!: DocumentView;

  @ApiProperty({ type: () => RegisterEntryView, description: 'Its dispatch register line' })
  entry!: RegisterEntryView;
}
