import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OverrideKind } from './holiday-kind.js';

/**
 * An administrator's word on one date of the Thai business calendar: a holiday the
 * `date-holidays` package does not know (วันหยุดชดเชย, a cabinet-declared special day), or a
 * package holiday that is not observed that year. At most one per date (the date is the key);
 * the audit trail keeps who changed what and when.
 */
@Entity('calendar_holiday')
@Check('calendar_holiday_kind_check', `"kind" IN ('substitution', 'special', 'not_observed')`)
export class CalendarHoliday {
  /** The civil date (Asia/Bangkok), ISO `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'calendar_holiday_pkey' })
  date!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: OverrideKind;

  /** The holiday's Thai name; for `not_observed`, the name of the package holiday set aside. */
  @Column({ name: 'name_th', type: 'varchar', length: 255 })
  nameTh!: string;

  /** Why: the cabinet resolution, the announcement. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** No foreign key: the row outlives an account, like the audit trail. */
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;
}
