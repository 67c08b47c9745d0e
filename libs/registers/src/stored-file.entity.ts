import { ApiProperty } from '@nestjs/swagger';
import { Organisation } from '@wian/hierarchy';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** An uploaded file (an enclosure, a scanned letter), kept in STORAGE_DIR under its SHA-256. */
@Entity('stored_file')
@Index('stored_file_organisation_idx', ['organisationId'])
@Index('stored_file_sha256_idx', ['sha256'])
export class StoredFile {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'stored_file_pkey' })
  id!: string;

  @ApiProperty()
  @Column({ name: 'organisation_id', type: 'integer' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'stored_file_organisation_fkey',
  })
  organisation?: Organisation;

  @ApiProperty({ description: 'SHA-256 of the content, hex' })
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @ApiProperty()
  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** Detected from the content, not trusted from the client. */
  @ApiProperty({ example: 'application/pdf' })
  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType!: string;

  @ApiProperty({ example: 'หนังสือแจ้งเวียน.pdf' })
  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  @Column({ name: 'uploaded_by_user_id', type: 'uuid', nullable: true })
  uploadedByUserId!: string | null;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
