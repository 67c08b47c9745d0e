import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ApiException, validateCommand } from '@wian/http';
import { DocumentInput } from './document-input.dto.js';
import { isValidated, validatedLetter } from './validated-input.js';

const letter = {
  type: 'external_letter',
  issuerName: 'ศาลากลางจังหวัดสกลนคร',
  subject: 'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วม',
  enclosures: [{ description: 'แบบรายงาน', count: '๑' }],
};

describe('validatedLetter', () => {
  it('marks a copy of the validated letter, with the stored parts added, and leaves the input as it was', async () => {
    const document = await validateCommand(DocumentInput, letter);
    const carried = { description: 'คู่มือ', count: 1, link: 'https://www.dla.go.th/m.pdf' };
    const marked = validatedLetter(document, {
      deadline: '2023-03-24T09:30:00.000Z',
      enclosures: [carried, ...document.enclosures!],
      references: undefined,
    });
    expect(marked).toBeInstanceOf(DocumentInput);
    expect(marked).not.toBe(document);
    expect(isValidated(marked)).toBe(true);
    expect(isValidated(document)).toBe(false);
    expect(marked).toMatchObject({
      subject: letter.subject,
      deadline: '2023-03-24T09:30:00.000Z',
      enclosures: [carried, { description: 'แบบรายงาน', count: 1 }],
    });
    expect(document.deadline).toBeUndefined();
    expect(document.enclosures).toHaveLength(1);
    expect(marked.references).toBeUndefined();
  });

  it('refuses added parts that take the letter over a limit, naming the field in Thai and English', async () => {
    const document = await validateCommand(DocumentInput, letter);
    const enclosures = Array.from({ length: 101 }, (_, k) => ({ description: `${k}`, count: 1 }));
    let refused: unknown;
    try {
      validatedLetter(document, { enclosures });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiException);
    const details = (refused as ApiException).details;
    expect(details).toEqual([
      expect.objectContaining({
        field: 'document.enclosures',
        rule: 'arrayMaxSize',
        message_th: expect.stringContaining('ไม่เกิน ๑๐๐ รายการ (มี ๑๐๑ รายการ)'),
        message_en: expect.stringContaining('at most 100 items (101 given)'),
      }),
    ]);
    const references = Array.from({ length: 50 }, () => ({ number: 'ที่ มท 0810.7/ว 279' }));
    expect(isValidated(validatedLetter(document, { references }))).toBe(true);
    expect(() => validatedLetter(document, { references: [...references, {}] })).toThrow(
      ApiException,
    );
  });

  it('takes only the instance that validation produced', () => {
    expect(() => validatedLetter(letter as unknown as DocumentInput)).toThrow(TypeError);
  });
});
