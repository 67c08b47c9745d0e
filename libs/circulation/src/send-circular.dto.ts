import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCAL_GOVERNMENT_KINDS, type OrganisationKind } from '@wian/hierarchy';
import { CleanText, ThaiInteger, ThaiIntegerList } from '@wian/http';
import { DocumentInput } from '@wian/registers';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ROLLUP_RULES, type RollupRule } from './circular.entity.js';
import { SELECTOR_KINDS, type SelectorKind } from './recipient-selection.js';

export class RecipientSelectorInput {
  @ApiProperty({ enum: SELECTOR_KINDS, example: 'districts_of_province' })
  @IsIn(SELECTOR_KINDS)
  kind!: SelectorKind;

  @ApiPropertyOptional({ description: 'The province, district or organisation the group is of' })
  @ThaiInteger({ min: 1 })
  @ValidateIf((o: RecipientSelectorInput) => o.kind !== 'all_provinces')
  organisationId?: number;

  @ApiPropertyOptional({
    description: 'local_governments only: restrict to these kinds',
    enum: LOCAL_GOVERNMENT_KINDS,
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @IsIn(LOCAL_GOVERNMENT_KINDS, { each: true })
  kinds?: OrganisationKind[];
}

/** Recipients: group selectors and/or organisations named one by one. */
export class RecipientsInput {
  @ApiPropertyOptional({ type: [RecipientSelectorInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecipientSelectorInput)
  selectors?: RecipientSelectorInput[];

  @ApiPropertyOptional({ type: [Number], example: [4964, 4965] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ThaiIntegerList({ min: 1 })
  organisationIds?: number[];
}

export class ReminderPolicyInput {
  @ApiPropertyOptional({
    type: [Number],
    example: [3, 1, 0],
    description: 'Working days before the deadline (0: the deadline day); [] for none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ThaiIntegerList({ min: 0, max: 60 })
  workingDaysBefore?: number[];

  @ApiPropertyOptional({ example: '08:30', description: 'Time of day (Asia/Bangkok)' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  time?: string;

  @ApiPropertyOptional({
    example: 2,
    description: 'Working days after the deadline before each further escalation',
  })
  @ThaiInteger({ min: 1, max: 30 })
  @IsOptional()
  graceWorkingDays?: number;
}

export class SendCircularDto extends RecipientsInput {
  @ApiProperty({
    type: DocumentInput,
    description: 'The letter; its circular number (ว) is given at sending',
  })
  @ValidateNested()
  @Type(() => DocumentInput)
  document!: DocumentInput;

  @ApiPropertyOptional({
    description:
      'The internal unit whose circular series numbers the letter (e.g. กลุ่มงาน 6 of สถ.จ.: สน 0023.6); default the sender',
  })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  issuingUnitId?: number;

  @ApiPropertyOptional({
    example: 7,
    description:
      'ภายใน N วันทำการนับแต่ได้รับหนังสือ: each recipient’s deadline is the end of the Nth working day after its receipt (instead of document.deadline)',
  })
  @ThaiInteger({ min: 0, max: 120 })
  @IsOptional()
  deadlineWorkingDays?: number;

  @ApiPropertyOptional({
    type: ReminderPolicyInput,
    description: 'Reminders and escalation; default from config/',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyInput)
  reminders?: ReminderPolicyInput;

  @ApiPropertyOptional({
    default: false,
    description:
      'Send although document.deadline has already passed (a paper circular entered late): every recipient is late at once and escalations go out. Without it such a deadline is refused (rule notInPast)',
  })
  @IsOptional()
  @IsBoolean()
  allowPastDeadline?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Send although document.deadline is more than a year ahead (rule withinAYear): such a deadline is usually a mistyped year, and nobody is reminded until then',
  })
  @IsOptional()
  @IsBoolean()
  allowDistantDeadline?: boolean;

  @ApiPropertyOptional({ enum: ROLLUP_RULES, default: 'own_and_forwarded' })
  @IsOptional()
  @IsIn(ROLLUP_RULES)
  rollupRule?: RollupRule;

  @ApiPropertyOptional({
    description: 'Repeating a request with the same key returns the first circular',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string;
}

export class ForwardCircularDto extends SendCircularDto {
  @ApiPropertyOptional({
    default: true,
    description: "Carry the parent letter's enclosures (true) or send only the new letter's",
  })
  @IsOptional()
  @IsBoolean()
  carryEnclosures?: boolean;
}

export class SupersedeCircularDto extends ForwardCircularDto {
  @ApiProperty({ example: 'แก้ไขกำหนดส่งข้อมูล' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
