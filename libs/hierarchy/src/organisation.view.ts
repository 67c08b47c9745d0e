import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toThaiDigits } from '@wian/thai';
import type { Organisation } from './organisation.entity.js';
import {
  ORGANISATION_KIND_LABEL_EN,
  ORGANISATION_KIND_LABEL_TH,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from './organisation-kind.js';

/** An organisation as the API returns it. */
export class OrganisationView {
  @ApiProperty({ example: 1234 })
  id!: number;

  @ApiProperty({
    example: 'p-47',
    description: 'Stable code: official where one exists, else derived',
  })
  code!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'province' })
  kind!: OrganisationKind;

  @ApiProperty({ example: 'จังหวัด' })
  kindLabelTh!: string;

  @ApiProperty({ example: 'province' })
  kindLabelEn!: string;

  @ApiProperty({ example: 'จังหวัดสกลนคร' })
  nameTh!: string;

  @ApiPropertyOptional({ example: 'สกลนคร', nullable: true, type: String })
  shortName!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  nameEn!: string | null;

  @ApiPropertyOptional({
    example: 'สน 0023.6',
    nullable: true,
    type: String,
    description: 'Arabic digits',
  })
  sarabanPrefix!: string | null;

  @ApiPropertyOptional({
    example: 'สน ๐๐๒๓.๖',
    nullable: true,
    type: String,
    description: 'As printed (Thai digits)',
  })
  sarabanPrefixTh!: string | null;

  @ApiPropertyOptional({ example: 'สน', nullable: true, type: String })
  provinceCode!: string | null;

  @ApiPropertyOptional({ example: '47', nullable: true, type: String })
  geocode!: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  parentId!: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Told when this organisation is late',
  })
  supervisorId!: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  provinceId!: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  districtId!: number | null;

  @ApiProperty({ example: 1 })
  depth!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ description: 'Derived by wian (no official list loaded yet)' })
  derived!: boolean;

  static of(o: Organisation): OrganisationView {
    const view = new OrganisationView();
    Object.assign(view, {
      id: o.id,
      code: o.code,
      kind: o.kind,
      kindLabelTh: ORGANISATION_KIND_LABEL_TH[o.kind],
      kindLabelEn: ORGANISATION_KIND_LABEL_EN[o.kind],
      nameTh: o.nameTh,
      shortName: o.shortName,
      nameEn: o.nameEn,
      sarabanPrefix: o.sarabanPrefix,
      sarabanPrefixTh: o.sarabanPrefix === null ? null : toThaiDigits(o.sarabanPrefix),
      provinceCode: o.provinceCode,
      geocode: o.geocode,
      parentId: o.parentId,
      supervisorId: o.supervisorId,
      provinceId: o.provinceId,
      districtId: o.districtId,
      depth: o.depth,
      active: o.active,
      derived: o.derived,
    });
    return view;
  }
}

export class OrganisationPage {
  @ApiProperty({ type: [OrganisationView] })
  items!: OrganisationView[];

  @ApiProperty({ example: 18 })
  total!: number;

  @ApiProperty({ example: 50 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}

export class KindCount {
  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: OrganisationKind;

  @ApiProperty({ example: 'อำเภอ' })
  labelTh!: string;

  @ApiProperty({ example: 18 })
  count!: number;
}

export class SubtreeView {
  @ApiProperty({ type: OrganisationView })
  root!: OrganisationView;

  @ApiProperty({ description: 'Organisations under the root (root excluded)', example: 169 })
  total!: number;

  @ApiProperty({ type: [KindCount] })
  countsByKind!: KindCount[];

  @ApiProperty({ type: OrganisationPage, description: 'Members in tree order, paged' })
  members!: OrganisationPage;
}
