/** Deep-freezes vocabulary read from JSON, so that no generator code can change a list other picks rely on. */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}
