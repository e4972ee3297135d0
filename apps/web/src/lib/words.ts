/** "1 response", "3 responses": a count with its noun (`many` for a plural not made with -s). */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
