// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z);
// the last is a check character computed from the first 17 with fixed weights, modulo 31.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`Invalid character at position ${i + 1}`);
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'character' | 'check';

/** Why a code is invalid, or null when it is valid. Lower case is accepted and normalised. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  const normalised = code.trim().toUpperCase();
  if (normalised.length !== 18) return 'length';
  if (![...normalised].every((c) => ALPHABET.includes(c))) return 'character';
  return creditCodeCheckCharacter(normalised.slice(0, 17)) === normalised[17] ? null : 'check';
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为 18 位',
  character: '统一社会信用代码含有非法字符（不使用 I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确',
};

export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}
