import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number used in a series for a Buddhist year. A series is a receipt register
 * (`receipt:<register id>`) or an organisation's outgoing series
 * (`dispatch:<organisation id>:normal|circular|order`). Incremented in the same transaction
 * as the register line, so numbers are gapless: a rolled-back registration gives its number
 * back.
 */
@Entity('running_number')
export class RunningNumber {
  @PrimaryColumn({
    name: 'series_key',
    type: 'varchar',
    length: 96,
    primaryKeyConstraintName: 'running_number_pkey',
  })
  seriesKey!: string;

  @PrimaryColumn({
    name: 'year_be',
    type: 'integer',
    primaryKeyConstraintName: 'running_number_pkey',
  })
  yearBe!: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber!: number;
}
