/** A problem with a proposed password, in Thai and English. */
export interface PasswordProblem {
  rule: string;
  messageTh: string;
  messageEn: string;
}

const COMMON = new Set([
  'password1234',
  '123456789012',
  'qwertyuiop12',
  'admin1234567',
  'p@ssw0rd1234',
  'passw0rd1234',
  'welcome12345',
  'changeme1234',
  'letmein12345',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'saraban12345',
]);

/**
 * The password policy: 12 to 128 characters; a long passphrase (16+) may be anything, a
 * shorter password mixes at least three of lower case, upper case, digits and symbols (Thai
 * letters count as letters); it must not contain the user name or be a well-known password.
 */
export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = Array.from(password).length; // code points, so Thai counts as typed
  if (length < 12) {
    problems.push({
      rule: 'minLength',
      messageTh: 'รหัสผ่านต้องยาวอย่างน้อย ๑๒ ตัวอักษร',
      messageEn: 'the password must be at least 12 characters long',
    });
  }
  if (length > 128) {
    problems.push({
      rule: 'maxLength',
      messageTh: 'รหัสผ่านต้องยาวไม่เกิน ๑๒๘ ตัวอักษร',
      messageEn: 'the password must be at most 128 characters long',
    });
  }
  const classes = [/[a-z\u0E01-\u0E4E]/u, /[A-Z]/, /\d/, /[^A-Za-z0-9\u0E01-\u0E4E\s]/u].filter(
    (r) => r.test(password),
  ).length;
  if (length >= 12 && length < 16 && classes < 3) {
    problems.push({
      rule: 'complexity',
      messageTh: 'รหัสผ่านที่สั้นกว่า ๑๖ ตัวอักษรต้องมีอย่างน้อย ๓ ใน ๔ อย่าง: ตัวพิมพ์เล็ก ตัวพิมพ์ใหญ่ ตัวเลข สัญลักษณ์',
      messageEn:
        'a password shorter than 16 characters must mix three of: lower case, upper case, digits, symbols',
    });
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({
      rule: 'containsUsername',
      messageTh: 'รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น',
      messageEn: 'the password must not contain the user name',
    });
  }
  if (COMMON.has(password.toLowerCase())) {
    problems.push({
      rule: 'common',
      messageTh: 'รหัสผ่านนี้เป็นที่รู้จักกันทั่วไป กรุณาเลือกใหม่',
      messageEn: 'this password is well known; choose another',
    });
  }
  return problems;
}
