import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { civilDateToIso, formatThaiDate } from '@wian/thai';
import { HOLIDAY_KINDS, HOLIDAY_KIND_LABEL_TH, type HolidayKind } from './holiday-kind.js';
import type { Holiday } from './holiday-year.js';

/** A holiday as the API returns it: ISO date and the Thai rendering side by side. */
export class HolidayView {
  @ApiProperty({ example: '2023-03-06' })
  date!: string;

  @ApiProperty({ example: 'วันจันทร์ที่ ๖ มีนาคม ๒๕๖๖' })
  dateTh!: string;

  @ApiProperty({ example: 'วันมาฆบูชา' })
  nameTh!: string;

  @ApiPropertyOptional({ example: 'Makha Bucha', nullable: true, type: String })
  nameEn!: string | null;

  @ApiProperty({ enum: HOLIDAY_KINDS })
  kind!: HolidayKind;

  @ApiProperty({ example: 'วันหยุดราชการประจำปี' })
  kindTh!: string;

  @ApiProperty({ enum: ['package', 'administrator'] })
  source!: 'package' | 'administrator';

  @ApiPropertyOptional({ nullable: true, type: String })
  note!: string | null;

  static of(h: Holiday): HolidayView {
    return Object.assign(new HolidayView(), {
      date: civilDateToIso(h.date),
      dateTh: formatThaiDate(h.date, 'full'),
      nameTh: h.nameTh,
      nameEn: h.nameEn,
      kind: h.kind,
      kindTh: HOLIDAY_KIND_LABEL_TH[h.kind],
      source: h.source,
      note: h.note,
    });
  }
}
