import type { Authority, DelegationKind } from './delegation.types.js';

export interface SignatureBlockInput {
  /** The signer's full name with title, e.g. "นายชยุต วงศ์วณิช" (parentheses are added if missing). */
  signerName: string;
  /** The signer's own position title, e.g. "รองผู้ว่าราชการจังหวัด". */
  signerTitle: string;
  authority: Authority;
  /** The principal position's title; required when signing under a delegation, ignored otherwise. */
  principalTitle: string | null;
}

export interface SignatureBlock {
  lines: string[];
  /** The lines joined with '\n'. */
  text: string;
}

const ACTING_PHRASE: Record<DelegationKind, string> = {
  acting_on_behalf: 'ปฏิบัติราชการแทน',
  acting_in_post: 'รักษาราชการแทน',
};

/**
 * The signature block under a letter:
 * - own position: `(ชื่อ)` / `ตำแหน่ง`;
 * - ปฏิบัติราชการแทน: `(ชื่อ)` / `ตำแหน่งของผู้ลงนาม ปฏิบัติราชการแทน` / `ตำแหน่งผู้มอบอำนาจ`;
 * - รักษาราชการแทน: `(ชื่อ)` / `ตำแหน่งของผู้ลงนาม รักษาราชการแทน` / `ตำแหน่งที่รักษาราชการแทน`.
 *
 * Each part is trimmed; the name is put in parentheses unless it already is.
 *
 * @example renderSignatureBlock({ signerName: 'นายชยุต วงศ์วณิช', signerTitle: 'รองผู้ว่าราชการจังหวัด',
 *   authority, principalTitle: 'ผู้ว่าราชการจังหวัดสกลนคร' }).text
 *   // '(นายชยุต วงศ์วณิช)\nรองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดสกลนคร'
 * @throws TypeError if the name or title is blank, or the principal title is missing for a delegation.
 */
export function renderSignatureBlock(input: SignatureBlockInput): SignatureBlock {
  const name = input.signerName.trim();
  const title = input.signerTitle.trim();
  if (name === '' || name === '()') {
    throw new TypeError('renderSignatureBlock: the signer name is blank');
  }
  if (title === '') {
    throw new TypeError('renderSignatureBlock: the signer title is blank');
  }
  const nameLine = name.startsWith('(') && name.endsWith(')') ? name : `(${name})`;

  const { authority } = input;
  let lines: string[];
  switch (authority.basis) {
    case 'own_position':
      lines = [nameLine, title];
      break;
    case 'delegation': {
      const principal = input.principalTitle?.trim() ?? '';
      if (principal === '') {
        throw new TypeError(
          'renderSignatureBlock: a principal title is required when signing under a delegation',
        );
      }
      lines = [nameLine, `${title} ${ACTING_PHRASE[authority.kind]}`, principal];
      break;
    }
  }
  return { lines, text: lines.join('\n') };
}
