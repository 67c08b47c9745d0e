import { ApiException } from '@wian/http';

/** 401 for any sign-in failure: the same answer whether the user exists or not. */
export function invalidCredentials(): ApiException {
  return new ApiException(401, 'The user name or password is wrong, or the account is locked', [
    {
      field: 'password',
      rule: 'credentials',
      message_th: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกระงับชั่วคราว',
      message_en: 'the user name or password is wrong, or the account is locked',
    },
  ]);
}

export function unauthenticated(rule: string, th: string, en: string): ApiException {
  return new ApiException(401, en, [
    { field: 'authorization', rule, message_th: th, message_en: en },
  ]);
}

export function forbidden(field: string, rule: string, th: string, en: string): ApiException {
  return new ApiException(403, en, [{ field, rule, message_th: th, message_en: en }]);
}
