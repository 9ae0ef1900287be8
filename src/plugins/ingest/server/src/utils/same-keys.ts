/** Whether `record`'s own enumerable keys are exactly `keys`, in that order (records built alike have them so); allocates nothing. */
export const hasKeys = (record: Record<string, unknown>, keys: readonly string[]): boolean => {
  let index = 0;
  for (const key in record) {
    if (keys[index] !== key) return false;
    index += 1;
  }
  return index === keys.length;
};
