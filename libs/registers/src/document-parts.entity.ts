import { ApiProperty } from '@nestjs/swagger';
import { Organisation } from '@wian/hierarchy';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Document } from './document.entity.js';

/** Who a document is addressed to: organisations in wian, and the wording as written. */
@Entity('document_addressee')
@Index('document_addressee_document_idx', ['documentId'])
export class DocumentAddressee {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_addressee_pkey' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_addressee_document_fkey' })
  document?: Document;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The organisation in wian, when it is one',
  })
  @Column({ name: 'organisation_id', type: 'integer', nullable: true })
  organisationId!: number | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'document_addressee_organisation_fkey',
  })
  organisation?: Organisation | null;

  /** As written: "ผู้ว่าราชการจังหวัด ทุกจังหวัด", "นายอำเภอ ทุกอำเภอ". */
  @ApiProperty({ example: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด', description: 'As written' })
  @Column({ type: 'varchar', length: 500 })
  wording!: string;
}

/** อ้างถึง: an earlier letter, in wian or cited by number and date. */
@Entity('document_reference')
@Index('document_reference_document_idx', ['documentId'])
export class DocumentReference {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_reference_pkey' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_reference_document_fkey' })
  document?: Document;

  @ApiProperty({ example: 1, description: 'Order on the letter, from 1' })
  @Column({ type: 'smallint' })
  ord!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The document in wian',
  })
  @Column({ name: 'referenced_document_id', type: 'uuid', nullable: true })
  referencedDocumentId!: string | null;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'referenced_document_id',
    foreignKeyConstraintName: 'document_reference_target_fkey',
  })
  referencedDocument?: Document | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'มท 0810.7/ว 279',
    description: 'Cited number, Arabic digits',
  })
  @Column({ name: 'cited_number', type: 'varchar', length: 64, nullable: true })
  citedNumber!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2022-03-10' })
  @Column({ name: 'cited_date', type: 'date', nullable: true })
  citedDate!: string | null;
}

/** สิ่งที่ส่งมาด้วย: ordered, each with a count and unit (จำนวน ๑ ชุด), a file or a link. */
@Entity('document_enclosure')
@Index('document_enclosure_document_idx', ['documentId'])
@Index('document_enclosure_file_idx', ['fileId'], { where: 'file_id IS NOT NULL' })
export class DocumentEnclosure {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_enclosure_pkey' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'document_enclosure_document_fkey' })
  document?: Document;

  @ApiProperty({ example: 1, description: 'Order on the letter, from 1' })
  @Column({ type: 'smallint' })
  ord!: number;

  @ApiProperty({ example: 'แบบรายงานผล' })
  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @ApiProperty({ example: 1, description: 'จำนวน' })
  @Column({ type: 'integer' })
  count!: number;

  /** ชุด, ฉบับ, แผ่น … */
  @ApiProperty({ example: 'ชุด', description: 'หน่วย: ชุด, ฉบับ, แผ่น …' })
  @Column({ type: 'varchar', length: 32 })
  unit!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'An uploaded file (GET /files/{id})',
  })
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uri' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  link!: string | null;
}
