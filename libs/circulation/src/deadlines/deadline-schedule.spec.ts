import { describe, expect, it } from '@jest/globals';
import { scheduledJobTitleTh } from './deadline-schedule.service.js';

describe('scheduledJobTitleTh', () => {
  it('says what each job does, in Thai with Thai digits', () => {
    expect(scheduledJobTitleTh('reminder', 3)).toBe('เตือนก่อนครบกำหนด ๓ วันทำการ');
    expect(scheduledJobTitleTh('reminder', 0)).toBe('เตือนในวันครบกำหนด');
    expect(scheduledJobTitleTh('deadline', 0)).toBe('ตรวจเมื่อครบกำหนด แจ้งผู้กำกับดูแลรายที่ยังไม่รายงานผล');
    expect(scheduledJobTitleTh('escalation', 2)).toBe('ยกระดับครั้งที่ ๒ แจ้งหน่วยเหนือขึ้นไป ๒ ระดับ');
  });
});
