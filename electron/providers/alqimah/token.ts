// Al-Qimah's login token (document, "Generate Login Token"):
// Token = md5(UserName + AccountNumber + md5(Password) + APIToken), hex lower case over UTF-8 bytes,
// as the document's C# example does. The result is replayable, so it is a secret like the password.
import { createHash } from 'node:crypto';

export type AlqimahCredentials = { userName: string; password: string; accountNumber: string; apiToken: string };

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function loginToken(c: AlqimahCredentials): string {
  return md5Hex(c.userName + c.accountNumber + md5Hex(c.password) + c.apiToken);
}
