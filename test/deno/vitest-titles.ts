// Test titles for `it.each`/`describe.each` under the Deno shim, formatted as vitest formats them: printf
// placeholders (%s %d %i %f %j %o %O %%) take the case's values in order, %# is the index and %$ the 1-based index,
// `$name` / `$a.b` / `$0` read a property of an object case (or an element of an array case).
import { format, objDisplay } from '@vitest/utils/display';

function property(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key]), value);
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The title of case `index` whose arguments are `items` (the case itself when it is not an array). */
export function formatTitle(template: string, items: unknown[], index: number): string {
  let title = template.replace(/%%/g, '\u0000').replace(/%#/g, String(index)).replace(/%\$/g, String(index + 1));
  const objectCase = isPlainObject(items[0]);
  title = title.replace(/\$([$\w.]+)/g, (whole, key: string) => {
    const arrayKey = /^\d+$/.test(key);
    if (!objectCase && !arrayKey) return whole;
    const value = objectCase ? property(items[0], key) : property(items, key);
    return objDisplay(value);
  });
  let next = 0;
  title = title.replace(/%[sdifjoOc]/g, (placeholder) => (next < items.length ? format(placeholder, items[next++]) : placeholder));
  return title.replace(/\u0000/g, '%');
}
