import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation-kind.js';

export const ORGANISATION_SOURCES = ['seed', 'import', 'manual'] as const;
export type OrganisationSource = (typeof ORGANISATION_SOURCES)[number];

const inList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * An organisation in the government tree: ministry, department, province, district, local
 * government or an internal unit. `path` is the materialised path of ids ("/1/5/300/"), so
 * a subtree is one indexed prefix scan and the ancestors are the ids in the path.
 */
@Entity('organisation')
@Unique('organisation_code_key', ['code'])
@Check('organisation_kind_check', `"kind" IN (${inList(ORGANISATION_KINDS)})`)
@Check('organisation_source_check', `"source" IN (${inList(ORGANISATION_SOURCES)})`)
@Index('organisation_parent_idx', ['parentId'])
@Index('organisation_province_kind_idx', ['provinceId', 'kind'])
@Index('organisation_district_idx', ['districtId'])
@Index('organisation_geocode_idx', ['geocode'])
// Created by the migration with operator classes TypeORM cannot express.
@Index('organisation_path_idx', { synchronize: false })
@Index('organisation_name_trgm_idx', { synchronize: false })
export class Organisation {
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'organisation_pkey' })
  id!: number;

  /** Stable external key: the official code where one exists, else a derived one. */
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: OrganisationKind;

  @Column({ name: 'name_th', type: 'varchar', length: 255 })
  nameTh!: string;

  @Column({ name: 'short_name', type: 'varchar', length: 64, nullable: true })
  shortName!: string | null;

  @Column({ name: 'name_en', type: 'varchar', length: 255, nullable: true })
  nameEn!: string | null;

  /** Saraban number prefix, stored with Arabic digits: "มท 0810.7", "สน 0023.6". */
  @Column({ name: 'saraban_prefix', type: 'varchar', length: 32, nullable: true })
  sarabanPrefix!: string | null;

  /** Two-letter code of the province the organisation is in (สน for Sakon Nakhon). */
  @Column({ name: 'province_code', type: 'varchar', length: 4, nullable: true })
  provinceCode!: string | null;

  /** Interior Ministry geocode: 2 digits province, 4 district, 6 subdistrict. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  geocode!: string | null;

  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'organisation_parent_fkey' })
  parent?: Relation<Organisation> | null;

  /** The organisation told when this one is late (district office, province, department). */
  @Column({ name: 'supervisor_id', type: 'integer', nullable: true })
  supervisorId!: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervisor_id', foreignKeyConstraintName: 'organisation_supervisor_fkey' })
  supervisor?: Relation<Organisation> | null;

  @Column({ name: 'province_id', type: 'integer', nullable: true })
  provinceId!: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_id', foreignKeyConstraintName: 'organisation_province_fkey' })
  province?: Relation<Organisation> | null;

  @Column({ name: 'district_id', type: 'integer', nullable: true })
  districtId!: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'organisation_district_fkey' })
  district?: Relation<Organisation> | null;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'smallint' })
  depth!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'seed' })
  source!: OrganisationSource;

  /** True when wian derived the row (no public official list); an import replaces it. */
  @Column({ type: 'boolean', default: false })
  derived!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
