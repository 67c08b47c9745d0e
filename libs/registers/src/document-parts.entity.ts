import { Organisation } from '@wian/hierarchy';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Document } from './document.entity.js';

/** Who a document is addressed to: organisations in wian, and the wording as written. */
@Entity('document_addressee')
@Index('document_addressee_document_idx', ['documentId'])
export class DocumentAddressee {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_addressee_pkey' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_addressee_document_fkey' })
  document?: Document;

  @Column({ name: 'organisation_id', type: 'integer', nullable: true })
  organisationId!: number | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'document_addressee_organisation_fkey',
  })
  organisation?: Organisation | null;

  /** As written: "ผู้ว่าราชการจังหวัด ทุกจังหวัด", "นายอำเภอ ทุกอำเภอ". */
  @Column({ type: 'varchar', length: 500 })
  wording!: string;
}

/** อ้างถึง: an earlier letter, in wian or cited by number and date. */
@Entity('document_reference')
@Index('document_reference_document_idx', ['documentId'])
export class DocumentReference {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_reference_pkey' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_reference_document_fkey' })
  document?: Document;

  @Column({ type: 'smallint' })
  ord!: number;

  @Column({ name: 'referenced_document_id', type: 'uuid', nullable: true })
  referencedDocumentId!: string | null;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'referenced_document_id',
    foreignKeyConstraintName: 'document_reference_target_fkey',
  })
  referencedDocument?: Document | null;

  @Column({ name: 'cited_number', type: 'varchar', length: 64, nullable: true })
  citedNumber!: string | null;

  @Column({ name: 'cited_date', type: 'date', nullable: true })
  citedDate!: string | null;
}

/** สิ่งที่ส่งมาด้วย: ordered, each with a count and unit (จำนวน ๑ ชุด), a file or a link. */
@Entity('document_enclosure')
@Index('document_enclosure_document_idx', ['documentId'])
@Index('document_enclosure_file_idx', ['fileId'], { where: 'file_id IS NOT NULL' })
export class DocumentEnclosure {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_enclosure_pkey' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_enclosure_document_fkey' })
  document?: Document;

  @Column({ type: 'smallint' })
  ord!: number;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'integer' })
  count!: number;

  /** ชุด, ฉบับ, แผ่น … */
  @Column({ type: 'varchar', length: 32 })
  unit!: string;

  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  link!: string | null;
}
